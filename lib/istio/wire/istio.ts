import { z } from "zod";
import { kubeObject, labelSelector, percent, portSelector, stringMatch } from "./common";

// networking.istio.io — the fields are the same in v1, v1beta1 and v1alpha3.

export const destination = z.looseObject({
  host: z.string(),
  subset: z.string().optional(),
  port: portSelector.optional(),
});
export type DestinationWire = z.infer<typeof destination>;

export const httpRouteDestination = z.looseObject({
  destination: destination,
  weight: z.number().int().optional(),
  headers: z.unknown().optional(),
});
export type HttpRouteDestinationWire = z.infer<typeof httpRouteDestination>;

export const httpMatchRequest = z.looseObject({
  name: z.string().optional(),
  uri: stringMatch.optional(),
  scheme: stringMatch.optional(),
  method: stringMatch.optional(),
  authority: stringMatch.optional(),
  headers: z.record(z.string(), stringMatch).optional(),
  withoutHeaders: z.record(z.string(), stringMatch).optional(),
  queryParams: z.record(z.string(), stringMatch).optional(),
  port: z.number().int().optional(),
  sourceLabels: z.record(z.string(), z.string()).optional(),
  sourceNamespace: z.string().optional(),
  gateways: z.array(z.string()).optional(),
  ignoreUriCase: z.boolean().optional(),
});
export type HttpMatchRequestWire = z.infer<typeof httpMatchRequest>;

export const httpFaultInjection = z.looseObject({
  delay: z
    .looseObject({
      fixedDelay: z.string().optional(),
      exponentialDelay: z.string().optional(),
      percentage: percent.optional(),
      percent: z.number().int().optional(),
    })
    .optional(),
  abort: z
    .looseObject({
      httpStatus: z.number().int().optional(),
      grpcStatus: z.string().optional(),
      http2Error: z.string().optional(),
      percentage: percent.optional(),
    })
    .optional(),
});
export type HttpFaultInjectionWire = z.infer<typeof httpFaultInjection>;

export const httpRoute = z.looseObject({
  name: z.string().optional(),
  match: z.array(httpMatchRequest).optional(),
  route: z.array(httpRouteDestination).optional(),
  redirect: z.looseObject({ uri: z.string().optional(), authority: z.string().optional(), redirectCode: z.number().int().optional() }).optional(),
  directResponse: z.looseObject({ status: z.number().int(), body: z.unknown().optional() }).optional(),
  delegate: z.looseObject({ name: z.string().optional(), namespace: z.string().optional() }).optional(),
  rewrite: z.unknown().optional(),
  timeout: z.string().optional(),
  retries: z
    .looseObject({ attempts: z.number().int().optional(), perTryTimeout: z.string().optional(), retryOn: z.string().optional(), retryRemoteLocalities: z.boolean().optional() })
    .optional(),
  fault: httpFaultInjection.optional(),
  mirror: destination.optional(),
  mirrorPercentage: percent.optional(),
  mirrorPercent: z.number().int().optional(),
  mirrors: z.array(z.looseObject({ destination: destination, percentage: percent.optional() })).optional(),
  corsPolicy: z.unknown().optional(),
  headers: z.unknown().optional(),
});
export type HttpRouteWire = z.infer<typeof httpRoute>;

export const routeDestination = z.looseObject({ destination: destination, weight: z.number().int().optional() });

export const l4MatchAttributes = z.looseObject({
  destinationSubnets: z.array(z.string()).optional(),
  port: z.number().int().optional(),
  sourceLabels: z.record(z.string(), z.string()).optional(),
  gateways: z.array(z.string()).optional(),
  sourceNamespace: z.string().optional(),
});

export const tcpRoute = z.looseObject({ match: z.array(l4MatchAttributes).optional(), route: z.array(routeDestination).optional() });
export type TcpRouteWire = z.infer<typeof tcpRoute>;

export const tlsRoute = z.looseObject({
  match: z.array(l4MatchAttributes.extend({ sniHosts: z.array(z.string()).optional() })).optional(),
  route: z.array(routeDestination).optional(),
});
export type TlsRouteWire = z.infer<typeof tlsRoute>;

export const virtualServiceSpec = z.looseObject({
  hosts: z.array(z.string()).optional(),
  gateways: z.array(z.string()).optional(),
  http: z.array(httpRoute).optional(),
  tcp: z.array(tcpRoute).optional(),
  tls: z.array(tlsRoute).optional(),
  exportTo: z.array(z.string()).optional(),
});
export const virtualService = kubeObject(virtualServiceSpec);
export type VirtualServiceWire = z.infer<typeof virtualService>;

export const trafficPolicy = z.looseObject({
  loadBalancer: z.unknown().optional(),
  connectionPool: z.unknown().optional(),
  outlierDetection: z.unknown().optional(),
  tls: z.looseObject({ mode: z.string().optional() }).optional(),
  portLevelSettings: z.array(z.unknown()).optional(),
});

export const subset = z.looseObject({
  name: z.string(),
  labels: z.record(z.string(), z.string()).optional(),
  trafficPolicy: trafficPolicy.optional(),
});
export type SubsetWire = z.infer<typeof subset>;

export const destinationRuleSpec = z.looseObject({
  host: z.string(),
  trafficPolicy: trafficPolicy.optional(),
  subsets: z.array(subset).optional(),
  exportTo: z.array(z.string()).optional(),
  workloadSelector: labelSelector.optional(),
});
export const destinationRule = kubeObject(destinationRuleSpec);
export type DestinationRuleWire = z.infer<typeof destinationRule>;

export const gatewayServer = z.looseObject({
  port: z.looseObject({ number: z.number().int(), name: z.string().optional(), protocol: z.string().optional(), targetPort: z.number().int().optional() }),
  hosts: z.array(z.string()),
  bind: z.string().optional(),
  name: z.string().optional(),
  tls: z.unknown().optional(),
});
export const gatewaySpec = z.looseObject({
  selector: z.record(z.string(), z.string()).optional(),
  servers: z.array(gatewayServer).optional(),
});
export const gateway = kubeObject(gatewaySpec);
export type GatewayWire = z.infer<typeof gateway>;

export const serviceEntrySpec = z.looseObject({
  hosts: z.array(z.string()),
  addresses: z.array(z.string()).optional(),
  ports: z.array(z.looseObject({ number: z.number().int(), protocol: z.string().optional(), name: z.string().optional(), targetPort: z.number().int().optional() })).optional(),
  location: z.string().optional(),
  resolution: z.string().optional(),
  endpoints: z.array(z.looseObject({ address: z.string().optional(), labels: z.record(z.string(), z.string()).optional() })).optional(),
  workloadSelector: z.looseObject({ labels: z.record(z.string(), z.string()).optional() }).optional(),
  exportTo: z.array(z.string()).optional(),
});
export const serviceEntry = kubeObject(serviceEntrySpec);
export type ServiceEntryWire = z.infer<typeof serviceEntry>;
