import { z } from "zod";
import { labelsSchema, ownerSchema } from "./common";
import { rolloutDestinationSchema } from "./destination";
import { hostSchema } from "./host";
import { backendSummarySchema } from "./pods";

/** A DestinationRule's (or subset's) trafficPolicy as written (loadBalancer, connectionPool, outlierDetection, tls, …); null when absent. */
export const trafficPolicyViewSchema = z.record(z.string(), z.unknown()).nullable();

export const subsetModelSchema = z.object({
  name: z.string(),
  labels: labelsSchema,
  /** Pods of the host's Service that carry the subset labels; null when the host is not a Service. */
  backends: backendSummarySchema.nullable(),
  /** Set when a Rollout names this subset as its canary or stable subset. */
  rollout: rolloutDestinationSchema.nullable(),
  trafficPolicy: trafficPolicyViewSchema,
});
export type SubsetModel = z.infer<typeof subsetModelSchema>;

export const destinationRuleModelSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  uid: z.string().nullable(),
  resourceVersion: z.string().nullable(),
  apiVersion: z.string(),
  creationTimestamp: z.string().nullable(),
  host: hostSchema,
  owner: ownerSchema,
  exportTo: z.array(z.string()).nullable(),
  /** A DestinationRule with a workloadSelector applies only to the selected client workloads. */
  hasWorkloadSelector: z.boolean(),
  tlsMode: z.string().nullable(),
  trafficPolicy: trafficPolicyViewSchema,
  subsets: z.array(subsetModelSchema),
});
export type DestinationRuleModel = z.infer<typeof destinationRuleModelSchema>;
