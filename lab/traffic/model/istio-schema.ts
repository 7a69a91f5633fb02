/**
 * zod schemas for the subset of networking.istio.io specs that affect routing.
 * They are lenient on purpose (unknown fields are dropped, most fields are
 * optional) because the API server has already validated the objects against
 * Istio's CRD schema; we only need typed access.
 */
import { z } from "zod";

const labels = z.record(z.string(), z.string());

export const stringMatchSchema = z.object({
  exact: z.string().optional(),
  prefix: z.string().optional(),
  regex: z.string().optional(),
});
export type StringMatch = z.infer<typeof stringMatchSchema>;

const percentSchema = z.object({ value: z.number().optional() });

export const destinationSchema = z.object({
  host: z.string(),
  subset: z.string().optional(),
  port: z.object({ number: z.number().int().optional() }).optional(),
});
export type IstioDestination = z.infer<typeof destinationSchema>;

const headerOpsSchema = z.object({
  set: labels.optional(),
  add: labels.optional(),
  remove: z.array(z.string()).optional(),
});

const headersSchema = z.object({ request: headerOpsSchema.optional(), response: headerOpsSchema.optional() });

export const httpMatchSchema = z.object({
  name: z.string().optional(),
  uri: stringMatchSchema.optional(),
  scheme: stringMatchSchema.optional(),
  method: stringMatchSchema.optional(),
  authority: stringMatchSchema.optional(),
  headers: z.record(z.string(), stringMatchSchema).optional(),
  withoutHeaders: z.record(z.string(), stringMatchSchema).optional(),
  queryParams: z.record(z.string(), stringMatchSchema).optional(),
  port: z.number().int().optional(),
  sourceLabels: labels.optional(),
  sourceNamespace: z.string().optional(),
  gateways: z.array(z.string()).optional(),
  ignoreUriCase: z.boolean().optional(),
});
export type HttpMatch = z.infer<typeof httpMatchSchema>;

const routeDestinationSchema = z.object({
  destination: destinationSchema,
  weight: z.number().int().optional(),
  headers: headersSchema.optional(),
});

const faultSchema = z.object({
  delay: z
    .object({
      fixedDelay: z.string().optional(),
      percentage: percentSchema.optional(),
      /** Deprecated integer percentage (0-100). */
      percent: z.number().int().optional(),
    })
    .optional(),
  abort: z
    .object({
      httpStatus: z.number().int().optional(),
      percentage: percentSchema.optional(),
    })
    .optional(),
});

export const httpRouteRuleSchema = z.object({
  name: z.string().optional(),
  match: z.array(httpMatchSchema).optional(),
  route: z.array(routeDestinationSchema).optional(),
  redirect: z.object({ redirectCode: z.number().int().optional() }).optional(),
  directResponse: z.object({ status: z.number().int() }).optional(),
  timeout: z.string().optional(),
  fault: faultSchema.optional(),
  mirror: destinationSchema.optional(),
  mirrorPercentage: percentSchema.optional(),
  /** Deprecated integer mirror percentage. */
  mirrorPercent: z.number().int().optional(),
  mirrors: z.array(z.object({ destination: destinationSchema, percentage: percentSchema.optional() })).optional(),
  headers: headersSchema.optional(),
});
export type HttpRouteRule = z.infer<typeof httpRouteRuleSchema>;

const tcpRouteSchema = z.object({
  match: z
    .array(
      z.object({
        port: z.number().int().optional(),
        sourceLabels: labels.optional(),
        sourceNamespace: z.string().optional(),
        gateways: z.array(z.string()).optional(),
      }),
    )
    .optional(),
  route: z.array(routeDestinationSchema).optional(),
});
export type TcpRouteRule = z.infer<typeof tcpRouteSchema>;

export const virtualServiceSpecSchema = z.object({
  hosts: z.array(z.string()).default([]),
  gateways: z.array(z.string()).optional(),
  http: z.array(httpRouteRuleSchema).default([]),
  tcp: z.array(tcpRouteSchema).default([]),
  exportTo: z.array(z.string()).optional(),
});
export type VirtualServiceSpec = z.infer<typeof virtualServiceSpecSchema>;

export const destinationRuleSpecSchema = z.object({
  host: z.string(),
  subsets: z.array(z.object({ name: z.string(), labels: labels.optional() })).default([]),
  exportTo: z.array(z.string()).optional(),
});
export type DestinationRuleSpec = z.infer<typeof destinationRuleSpecSchema>;

export const gatewaySpecSchema = z.object({
  selector: labels.default({}),
  servers: z
    .array(
      z.object({
        port: z.object({ number: z.number().int(), name: z.string().optional(), protocol: z.string().optional() }),
        hosts: z.array(z.string()).default([]),
      }),
    )
    .default([]),
});
export type GatewaySpec = z.infer<typeof gatewaySpecSchema>;

export const serviceEntrySpecSchema = z.object({
  hosts: z.array(z.string()).default([]),
  ports: z
    .array(z.object({ number: z.number().int(), name: z.string().optional(), protocol: z.string().optional() }))
    .default([]),
  location: z.string().optional(),
  resolution: z.string().optional(),
  endpoints: z.array(z.object({ address: z.string().optional(), labels: labels.optional() })).default([]),
  workloadSelector: z.object({ labels: labels.default({}) }).optional(),
  exportTo: z.array(z.string()).optional(),
});
export type ServiceEntrySpec = z.infer<typeof serviceEntrySpecSchema>;
