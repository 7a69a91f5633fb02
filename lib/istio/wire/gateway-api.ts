import { z } from "zod";
import { kubeObject } from "./common";

// gateway.networking.k8s.io/v1

export const parentRef = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  sectionName: z.string().optional(),
  port: z.number().int().optional(),
});

export const httpPathMatch = z.looseObject({ type: z.enum(["Exact", "PathPrefix", "RegularExpression"]).optional(), value: z.string().optional() });
export const httpHeaderMatch = z.looseObject({ type: z.enum(["Exact", "RegularExpression"]).optional(), name: z.string(), value: z.string() });

export const httpRouteMatch = z.looseObject({
  path: httpPathMatch.optional(),
  headers: z.array(httpHeaderMatch).optional(),
  queryParams: z.array(httpHeaderMatch).optional(),
  method: z.string().optional(),
});
export type HttpRouteMatchWire = z.infer<typeof httpRouteMatch>;

export const backendRef = z.looseObject({
  group: z.string().optional(),
  kind: z.string().optional(),
  name: z.string(),
  namespace: z.string().optional(),
  port: z.number().int().optional(),
  weight: z.number().int().optional(),
  filters: z.array(z.unknown()).optional(),
});
export type BackendRefWire = z.infer<typeof backendRef>;

export const httpRouteFilter = z.looseObject({
  type: z.string(),
  requestMirror: z
    .looseObject({
      backendRef: backendRef,
      percent: z.number().int().optional(),
      fraction: z.looseObject({ numerator: z.number().int(), denominator: z.number().int().optional() }).optional(),
    })
    .optional(),
  requestRedirect: z.looseObject({ scheme: z.string().optional(), hostname: z.string().optional(), port: z.number().int().optional(), statusCode: z.number().int().optional() }).optional(),
});
export type HttpRouteFilterWire = z.infer<typeof httpRouteFilter>;

export const httpRouteRule = z.looseObject({
  name: z.string().optional(),
  matches: z.array(httpRouteMatch).optional(),
  filters: z.array(httpRouteFilter).optional(),
  backendRefs: z.array(backendRef).optional(),
  timeouts: z.looseObject({ request: z.string().optional(), backendRequest: z.string().optional() }).optional(),
});
export type HttpRouteRuleWire = z.infer<typeof httpRouteRule>;

export const httpRouteSpec = z.looseObject({
  parentRefs: z.array(parentRef).optional(),
  hostnames: z.array(z.string()).optional(),
  rules: z.array(httpRouteRule).optional(),
});
export const gatewayApiHttpRoute = kubeObject(httpRouteSpec);
export type GatewayApiHttpRouteWire = z.infer<typeof gatewayApiHttpRoute>;

export const gatewayApiGateway = kubeObject(
  z.looseObject({
    gatewayClassName: z.string(),
    listeners: z.array(z.looseObject({ name: z.string(), hostname: z.string().optional(), port: z.number().int(), protocol: z.string() })).optional(),
  }),
);
export type GatewayApiGatewayWire = z.infer<typeof gatewayApiGateway>;
