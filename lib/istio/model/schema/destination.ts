import { z } from "zod";
import { labelsSchema, namespacedNameSchema } from "./common";
import { hostSchema } from "./host";
import { backendSummarySchema } from "./pods";

export const subsetRefSchema = z.object({
  name: z.string(),
  /** `noDestinationRule`: no DestinationRule applies to the host at all. */
  status: z.enum(["found", "notFound", "noDestinationRule"]),
  destinationRule: namespacedNameSchema.nullable(),
  labels: labelsSchema.nullable(),
});
export type SubsetRef = z.infer<typeof subsetRefSchema>;

/** A destination driven by an Argo Rollout (its canary/stable Service or subset). */
export const rolloutDestinationSchema = z.object({ name: z.string(), role: z.enum(["stable", "canary"]) });
export type RolloutDestination = z.infer<typeof rolloutDestinationSchema>;

/** Where a destination (route, mirror, backendRef) leads. */
export const destinationTargetSchema = z.object({
  host: hostSchema,
  subset: subsetRefSchema.nullable(),
  port: z.number().int().nullable(),
  /** Null when the host has no pods Meshdeck can see (external host, ServiceEntry without workloadSelector). */
  backends: backendSummarySchema.nullable(),
  rollout: rolloutDestinationSchema.nullable(),
});
export type DestinationTarget = z.infer<typeof destinationTargetSchema>;

export const weightedDestinationSchema = destinationTargetSchema.extend({
  index: z.number().int(),
  /** The weight as written; null when omitted. */
  weight: z.number().nullable(),
  /** The weight Istio applies: a lone destination gets 100, an omitted weight among several is 0. */
  effectiveWeight: z.number(),
  /** effectiveWeight / sum of effective weights, in [0, 1]; 0 for every destination when the sum is 0. */
  share: z.number(),
});
export type WeightedDestination = z.infer<typeof weightedDestinationSchema>;

export const mirrorSchema = destinationTargetSchema.extend({
  source: z.enum(["mirror", "mirrors"]),
  index: z.number().int(),
  /** Percentage of requests mirrored, 0–100 (Istio mirrors 100% when no percentage is set). */
  percent: z.number(),
});
export type Mirror = z.infer<typeof mirrorSchema>;

export const faultSchema = z.object({
  delay: z
    .object({
      fixedDelay: z.string().nullable(),
      exponentialDelay: z.string().nullable(),
      /** 0–100; null when the object sets no percentage (see fault.ts for what Istio then does). */
      percent: z.number().nullable(),
    })
    .nullable(),
  abort: z
    .object({
      httpStatus: z.number().int().nullable(),
      grpcStatus: z.string().nullable(),
      http2Error: z.string().nullable(),
      percent: z.number().nullable(),
    })
    .nullable(),
  /** Every match entry of the rule requires a header: the fault only hits requests carrying it. */
  headerScoped: z.boolean(),
});
export type Fault = z.infer<typeof faultSchema>;
