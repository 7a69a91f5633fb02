import "server-only";
import { z } from "zod";

// Lenient schemas for the raw networking.istio.io VirtualService JSON. Every
// field falls back to a neutral value, so one odd object cannot fail a list.

const optionalString = z.string().optional().catch(undefined);
const optionalNumber = z.number().optional().catch(undefined);
const stringList = z.array(z.string()).catch([]);

const destinationWire = z.looseObject({
  host: z.string().catch(""),
  subset: optionalString,
  port: z.looseObject({ number: optionalNumber }).optional().catch(undefined),
});

const routeDestinationWire = z.looseObject({
  destination: destinationWire.optional().catch(undefined),
  weight: optionalNumber,
});

const httpRouteWire = z.looseObject({
  name: optionalString,
  route: z.array(routeDestinationWire).optional().catch(undefined),
});

export const virtualServiceWireSchema = z.looseObject({
  apiVersion: optionalString,
  metadata: z
    .looseObject({
      name: z.string().catch(""),
      namespace: z.string().catch(""),
      resourceVersion: z.string().catch(""),
    })
    .catch({ name: "", namespace: "", resourceVersion: "" }),
  spec: z
    .looseObject({
      hosts: stringList,
      gateways: stringList,
      http: z.array(httpRouteWire).catch([]),
      tcp: z.array(z.unknown()).catch([]),
      tls: z.array(z.unknown()).catch([]),
    })
    .catch({ hosts: [], gateways: [], http: [], tcp: [], tls: [] }),
});
export type VirtualServiceWire = z.infer<typeof virtualServiceWireSchema>;

export const virtualServiceListWireSchema = z.looseObject({
  items: z.array(z.unknown()).catch([]),
});
