import { z } from "zod";
import { namespacedNameSchema, ownerSchema } from "./common";
import { backendSummarySchema } from "./pods";
import { matchBlockSchema } from "./match";

export const parentRefModelSchema = z.object({
  group: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  sectionName: z.string().nullable(),
  port: z.number().int().nullable(),
  /** `unsupported`: a parent kind Meshdeck does not resolve. */
  resolution: z.enum(["found", "notFound", "unsupported"]),
  /** Whether `sectionName` names a listener of the Gateway; null when no sectionName or not a Gateway. */
  sectionFound: z.boolean().nullable(),
});
export type ParentRefModel = z.infer<typeof parentRefModelSchema>;

export const backendRefModelSchema = z.object({
  index: z.number().int(),
  group: z.string(),
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  port: z.number().int().nullable(),
  /** As written; Gateway API defaults it to 1. */
  weight: z.number().nullable(),
  effectiveWeight: z.number(),
  share: z.number(),
  resolution: z.enum(["found", "notFound", "unsupported"]),
  service: namespacedNameSchema.nullable(),
  backends: backendSummarySchema.nullable(),
});
export type BackendRefModel = z.infer<typeof backendRefModelSchema>;

export const httpRouteRuleModelSchema = z.object({
  index: z.number().int(),
  name: z.string().nullable(),
  /** Gateway API: a rule without matches matches every path (PathPrefix /). */
  matches: z.array(matchBlockSchema),
  catchAll: z.boolean(),
  backendRefs: z.array(backendRefModelSchema),
  weightTotal: z.number(),
  allWeightsZero: z.boolean(),
  filters: z.array(z.string()),
  timeout: z.string().nullable(),
});
export type HttpRouteRuleModel = z.infer<typeof httpRouteRuleModelSchema>;

export const httpRouteModelSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  uid: z.string().nullable(),
  resourceVersion: z.string().nullable(),
  apiVersion: z.string(),
  owner: ownerSchema,
  parentRefs: z.array(parentRefModelSchema),
  hostnames: z.array(z.string()),
  rules: z.array(httpRouteRuleModelSchema),
});
export type HttpRouteModel = z.infer<typeof httpRouteModelSchema>;
