import { z } from "zod";
import { labelsSchema } from "./common";

export const gatewayModelSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  resourceVersion: z.string().nullable(),
  selector: labelsSchema,
  servers: z.array(z.object({ port: z.number().int(), protocol: z.string().nullable(), name: z.string().nullable(), hosts: z.array(z.string()) })),
  /** Pods (any namespace) the selector matches: the proxies that serve this Gateway. */
  pods: z.object({ total: z.number().int(), ready: z.number().int() }),
  workloads: z.array(z.object({ namespace: z.string(), kind: z.string(), name: z.string() })),
});
export type GatewayModel = z.infer<typeof gatewayModelSchema>;

export const gatewayApiGatewayModelSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  resourceVersion: z.string().nullable(),
  gatewayClassName: z.string(),
  listeners: z.array(z.object({ name: z.string(), hostname: z.string().nullable(), port: z.number().int(), protocol: z.string() })),
});
export type GatewayApiGatewayModel = z.infer<typeof gatewayApiGatewayModelSchema>;
