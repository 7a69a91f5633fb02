import { z } from "zod";
import { rolloutRoleSchema } from "./pods";

export const workloadModelSchema = z.object({
  namespace: z.string(),
  /** As Istio names workloads: Deployment, Rollout, StatefulSet, DaemonSet, CronJob, Job, ReplicaSet, Pod, … */
  kind: z.string(),
  name: z.string(),
  versions: z.array(z.string()),
  total: z.number().int(),
  ready: z.number().int(),
  withSidecar: z.number().int(),
  /** Rollouts: one entry per ReplicaSet revision that has pods. */
  revisions: z.array(z.object({ podTemplateHash: z.string(), role: rolloutRoleSchema, total: z.number().int(), ready: z.number().int() })),
});
export type WorkloadModel = z.infer<typeof workloadModelSchema>;

export const namespaceModelSchema = z.object({
  name: z.string(),
  /**
   * `istio-injection` label enabled/disabled wins; otherwise `istio.io/rev`
   * means injection by that revision; `unset` depends on the mesh's default
   * policy (disabled in a default install).
   */
  injection: z.enum(["enabled", "disabled", "revision", "unset"]),
  revision: z.string().nullable(),
  /** Labelled `istio.io/dataplane-mode=ambient`: pods are in the mesh without a sidecar. */
  ambient: z.boolean(),
  pods: z.number().int(),
  podsWithoutSidecar: z.number().int(),
});
export type NamespaceModel = z.infer<typeof namespaceModelSchema>;

export const rolloutModelSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  phase: z.string().nullable(),
  strategy: z.enum(["canary", "blueGreen", "unknown"]),
  stableHash: z.string().nullable(),
  /** The hash being rolled out; equal to stableHash when fully promoted. */
  currentHash: z.string().nullable(),
  canaryWeight: z.number().nullable(),
  canaryService: z.string().nullable(),
  stableService: z.string().nullable(),
  /** trafficRouting.istio.virtualService(s): the HTTP routes named, and the TLS/TCP route selectors (port, SNI hosts). */
  virtualServices: z.array(
    z.object({
      namespace: z.string(),
      name: z.string(),
      routes: z.array(z.string()),
      tlsRoutes: z.array(z.object({ port: z.number().nullable(), sniHosts: z.array(z.string()) })),
      tcpRoutes: z.array(z.object({ port: z.number().nullable() })),
    }),
  ),
  destinationRule: z.object({ namespace: z.string(), name: z.string(), canarySubsetName: z.string(), stableSubsetName: z.string() }).nullable(),
  managedRoutes: z.array(z.string()),
  /** HTTPRoutes the Gateway API traffic router plugin (argoproj-labs/gatewayAPI) rewrites. */
  httpRoutes: z.array(z.object({ namespace: z.string(), name: z.string() })),
});
export type RolloutModel = z.infer<typeof rolloutModelSchema>;
