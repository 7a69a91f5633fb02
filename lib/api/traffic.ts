import { z } from "zod";
import { driftResultSchema } from "@/lib/istio/model/drift";
import {
  destinationRuleModelSchema,
  gatewayModelSchema,
  httpRouteModelSchema,
  namespaceModelSchema,
  rolloutModelSchema,
  serviceModelSchema,
  virtualServiceModelSchema,
  workloadModelSchema,
} from "@/lib/istio/model/schema";
import { validationSchema } from "@/lib/istio/validate/schema";
import { namespaceNameSchema } from "./virtual-services";

/** Rate windows the UI offers for observed traffic. */
export const trafficWindowSchema = z.enum(["1m", "5m", "15m", "30m", "1h"]);
export type TrafficWindow = z.infer<typeof trafficWindowSchema>;

export const trafficQuerySchema = z.strictObject({
  namespace: namespaceNameSchema.optional(),
  window: trafficWindowSchema.default("1m"),
});
export type TrafficQuery = z.infer<typeof trafficQuerySchema>;

/** A kind the server could not read: its panel degrades, the page does not. */
export const degradedKindSchema = z.object({
  kind: z.string(),
  status: z.enum(["syncing", "missing", "forbidden", "error"]),
  message: z.string(),
});
export type DegradedKind = z.infer<typeof degradedKindSchema>;

/** Observed traffic of one weighted route next to its configured weights. */
export const observedRouteSchema = z.object({
  object: z.object({ kind: z.enum(["VirtualService", "HTTPRoute"]), namespace: z.string(), name: z.string() }),
  /** "http:0", "tcp:1", "rules:0": the route's section and index. */
  route: z.string(),
  /** How the observation was made, in words shown to people. */
  basis: z.string(),
  drift: driftResultSchema,
});
export type ObservedRoute = z.infer<typeof observedRouteSchema>;

export const observedTrafficSchema = z.discriminatedUnion("status", [
  z.object({ status: z.literal("ok"), window: trafficWindowSchema, at: z.string(), routes: z.array(observedRouteSchema) }),
  z.object({ status: z.literal("unavailable"), message: z.string() }),
  z.object({ status: z.literal("not-configured"), message: z.string() }),
]);
export type ObservedTraffic = z.infer<typeof observedTrafficSchema>;

/** GET /api/traffic: the live mesh model for the namespaces the caller may see. */
export const trafficViewSchema = z.object({
  /** The watch cache revision the model was computed from; grows with every change. */
  revision: z.number(),
  generatedAt: z.string(),
  namespaces: z.array(namespaceModelSchema),
  services: z.array(serviceModelSchema),
  workloads: z.array(workloadModelSchema),
  rollouts: z.array(rolloutModelSchema),
  virtualServices: z.array(virtualServiceModelSchema),
  destinationRules: z.array(destinationRuleModelSchema),
  gateways: z.array(gatewayModelSchema),
  httpRoutes: z.array(httpRouteModelSchema),
  validations: z.array(validationSchema),
  observed: observedTrafficSchema,
  degraded: z.array(degradedKindSchema),
});
export type TrafficView = z.infer<typeof trafficViewSchema>;
