/**
 * zod schemas for the routing-relevant subset of gateway.networking.k8s.io/v1
 * HTTPRoute and Gateway. Defaults follow the Gateway API spec.
 */
import { z } from "zod";

export const parentRefSchema = z.object({
  group: z.string().optional(),
  kind: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string(),
  sectionName: z.string().optional(),
  port: z.number().int().optional(),
});
export type ParentRef = z.infer<typeof parentRefSchema>;

const backendRefSchema = z.object({
  group: z.string().optional(),
  kind: z.string().optional(),
  name: z.string(),
  namespace: z.string().optional(),
  port: z.number().int().optional(),
  weight: z.number().int().optional(),
});
export type BackendRef = z.infer<typeof backendRefSchema>;

const valueMatchSchema = z.object({
  type: z.string().optional(),
  name: z.string(),
  value: z.string(),
});
export type ValueMatch = z.infer<typeof valueMatchSchema>;

const routeMatchSchema = z.object({
  path: z.object({ type: z.string().optional(), value: z.string().optional() }).optional(),
  headers: z.array(valueMatchSchema).default([]),
  queryParams: z.array(valueMatchSchema).default([]),
  method: z.string().optional(),
});
export type RouteMatch = z.infer<typeof routeMatchSchema>;

const filterSchema = z.object({
  type: z.string(),
  requestMirror: z
    .object({
      backendRef: backendRefSchema,
      percent: z.number().int().optional(),
      fraction: z.object({ numerator: z.number().int(), denominator: z.number().int().optional() }).optional(),
    })
    .optional(),
  requestRedirect: z.object({ statusCode: z.number().int().optional() }).optional(),
});
export type RouteFilter = z.infer<typeof filterSchema>;

export const httpRouteSpecSchema = z.object({
  parentRefs: z.array(parentRefSchema).default([]),
  hostnames: z.array(z.string()).default([]),
  rules: z
    .array(
      z.object({
        name: z.string().optional(),
        matches: z.array(routeMatchSchema).default([]),
        backendRefs: z.array(backendRefSchema).default([]),
        filters: z.array(filterSchema).default([]),
      }),
    )
    .default([]),
});
export type HttpRouteSpec = z.infer<typeof httpRouteSpecSchema>;

export const k8sGatewaySpecSchema = z.object({
  gatewayClassName: z.string().default(""),
  listeners: z
    .array(
      z.object({
        name: z.string(),
        hostname: z.string().optional(),
        port: z.number().int(),
        protocol: z.string(),
      }),
    )
    .default([]),
});
export type K8sGatewaySpec = z.infer<typeof k8sGatewaySpecSchema>;
