import { z } from "zod";

export const workloadRefSchema = z.object({ kind: z.string(), name: z.string() });
export type WorkloadRef = z.infer<typeof workloadRefSchema>;

/** Role of an Argo Rollouts ReplicaSet revision, from the Rollout's status. */
export const rolloutRoleSchema = z.enum(["stable", "canary", "previous"]);
export type RolloutRole = z.infer<typeof rolloutRoleSchema>;

export const rolloutRevisionRefSchema = z.object({
  rollout: z.string(),
  podTemplateHash: z.string(),
  /** `stable` also when the Rollout is fully promoted (canary hash = stable hash). */
  role: rolloutRoleSchema,
});
export type RolloutRevisionRef = z.infer<typeof rolloutRevisionRefSchema>;

export const podSummarySchema = z.object({
  namespace: z.string(),
  name: z.string(),
  phase: z.string().nullable(),
  ready: z.boolean(),
  terminating: z.boolean(),
  sidecar: z.boolean(),
  /** kubectl's READY column, e.g. 2/2 for an injected pod. */
  containers: z.object({ ready: z.number().int(), total: z.number().int() }),
  version: z.string().nullable(),
  workload: workloadRefSchema,
  rollout: rolloutRevisionRefSchema.nullable(),
});
export type PodSummary = z.infer<typeof podSummarySchema>;

/** The pods behind a destination (a Service, optionally narrowed by a subset). */
export const backendSummarySchema = z.object({
  pods: z.array(podSummarySchema),
  total: z.number().int(),
  ready: z.number().int(),
  withSidecar: z.number().int(),
  versions: z.array(z.string()),
  workloads: z.array(
    workloadRefSchema.extend({
      versions: z.array(z.string()),
      total: z.number().int(),
      ready: z.number().int(),
      rollout: rolloutRevisionRefSchema.omit({ rollout: true }).array(),
    }),
  ),
});
export type BackendSummary = z.infer<typeof backendSummarySchema>;
