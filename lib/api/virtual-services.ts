import { z } from "zod";

/** DNS-1123 label, the shape of a Kubernetes namespace name. */
export const namespaceNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a valid namespace name (DNS-1123 label)");

export const virtualServiceQuerySchema = z.strictObject({
  namespace: namespaceNameSchema.optional(),
});
export type VirtualServiceQuery = z.infer<typeof virtualServiceQuerySchema>;

export const routeDestinationSchema = z.object({
  host: z.string(),
  subset: z.string().nullable(),
  port: z.number().int().nullable(),
  /** Effective share of traffic in percent (a lone destination without a weight gets 100). */
  weight: z.number(),
  /** Whether the weight was written in the spec or inferred. */
  weightSpecified: z.boolean(),
});
export type RouteDestination = z.infer<typeof routeDestinationSchema>;

export const httpRouteSummarySchema = z.object({
  index: z.number().int().nonnegative(),
  /** `name` of the route in the spec, or null when unnamed (show the index instead). */
  name: z.string().nullable(),
  destinations: z.array(routeDestinationSchema),
});
export type HttpRouteSummary = z.infer<typeof httpRouteSummarySchema>;

export const virtualServiceSummarySchema = z.object({
  namespace: z.string(),
  name: z.string(),
  /** apiVersion the server answered with, e.g. "networking.istio.io/v1". */
  apiVersion: z.string(),
  resourceVersion: z.string(),
  hosts: z.array(z.string()),
  gateways: z.array(z.string()),
  routeCounts: z.object({
    http: z.number().int().nonnegative(),
    tcp: z.number().int().nonnegative(),
    tls: z.number().int().nonnegative(),
  }),
  httpRoutes: z.array(httpRouteSummarySchema),
});
export type VirtualServiceSummary = z.infer<typeof virtualServiceSummarySchema>;

export const virtualServiceListSchema = z.object({
  /** Version of networking.istio.io used for the list, e.g. "v1". */
  servedVersion: z.string(),
  items: z.array(virtualServiceSummarySchema),
});
export type VirtualServiceList = z.infer<typeof virtualServiceListSchema>;

export function routeLabel(route: HttpRouteSummary): string {
  return route.name ?? `#${route.index + 1}`;
}
