import { z } from "zod";
import { apiErrorSchema } from "@/lib/errors/api-error";
import { containerNameSchema } from "@/lib/rollouts/actions/container-name";
import { imageReferenceSchema } from "@/lib/rollouts/image-reference";
import { actionNameSchema, actionOutcomeSchema, podViewSchema, rolloutPhaseSchema, rolloutViewSchema, trafficRoutingKindSchema } from "@/lib/rollouts/model/schema";
import { dryRunParamSchema, emptyBodySchema, objectNameSchema, objectViewSchema } from "./actions";
import { namespaceNameSchema } from "./virtual-services";

// The Argo Rollouts API (/api/rollouts…): query, path and body schemas and the
// answers, shared by the route handlers and the browser. Browser-safe.

export const rolloutsQuerySchema = z.strictObject({
  /** Omitted: every namespace the caller may list Rollouts in. */
  namespace: namespaceNameSchema.optional(),
});
export type RolloutsQuery = z.infer<typeof rolloutsQuerySchema>;

export const rolloutParamsSchema = z.strictObject({ namespace: namespaceNameSchema, name: objectNameSchema });
export type RolloutParams = z.infer<typeof rolloutParamsSchema>;

/** The POST actions under /api/rollouts/{namespace}/{name}/… (set image is `PUT …/image`). */
export const rolloutPostActionSchema = z.enum(["promote", "abort", "retry", "restart", "undo"]);
export type RolloutPostAction = z.infer<typeof rolloutPostActionSchema>;

export const rolloutActionParamsSchema = rolloutParamsSchema.extend({ action: z.string().max(64) });

/** Query of every Rollout action (POST …/{action}, PUT …/image). */
export const rolloutActionQuerySchema = z.strictObject({ dryRun: dryRunParamSchema.optional() });
export type RolloutActionQuery = z.infer<typeof rolloutActionQuerySchema>;

export const promoteBodySchema = z.strictObject({
  /** Skip the remaining steps, pauses and analyses (`kubectl argo rollouts promote --full`). */
  full: z.boolean().optional(),
});
export { emptyBodySchema };
export const restartBodySchema = z.strictObject({
  /** Delay before the restart, as a Go duration ("30s", "5m"); default now. */
  in: z.string().max(32).regex(/^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/, "must be a duration such as 30s or 5m").optional(),
});
export const undoBodySchema = z.strictObject({
  /** The revision to roll back to; omitted or 0: the previous one. */
  revision: z.number().int().min(0).max(2_147_483_647).optional(),
});
export const setImageBodySchema = z.strictObject({
  container: containerNameSchema,
  image: imageReferenceSchema,
});
export type SetImageBody = z.infer<typeof setImageBodySchema>;

/** Why a panel has no data: the CRD is not installed (CrdMissing), not readable (Forbidden), or the cache is still loading. */
export const rolloutsDegradedSchema = z.object({ code: z.enum(["CrdMissing", "Forbidden", "Unavailable"]), message: z.string() });
export type RolloutsDegraded = z.infer<typeof rolloutsDegradedSchema>;

/** One row of the list: what the table shows (the detail has the rest). */
export const rolloutSummarySchema = rolloutViewSchema
  .pick({
    key: true,
    namespace: true,
    name: true,
    createdAt: true,
    strategy: true,
    phase: true,
    message: true,
    aborted: true,
    pause: true,
    promotionPending: true,
    step: true,
    setWeight: true,
    actualWeight: true,
    images: true,
    replicas: true,
  })
  .extend({
    routing: trafficRoutingKindSchema.nullable(),
    currentStepLabel: z.string().nullable(),
  });
export type RolloutSummary = z.infer<typeof rolloutSummarySchema>;

export const rolloutListSchema = z.object({
  /** Cache revision the list was computed from. */
  revision: z.number(),
  items: z.array(rolloutSummarySchema),
  counts: z.record(z.enum([...rolloutPhaseSchema.options, "promotionPending"]), z.number()),
  /** Set when Rollouts cannot be listed at all (typed, the rest of the page still works). */
  degraded: rolloutsDegradedSchema.nullable(),
});
export type RolloutList = z.infer<typeof rolloutListSchema>;

/** A pod of one of the Rollout's ReplicaSets (the same view each revision lists). */
export const podSummarySchema = podViewSchema;
export type PodSummary = z.infer<typeof podSummarySchema>;

export const managedDestinationSchema = z.object({ host: z.string(), subset: z.string().nullable(), weight: z.number() });
export const managedObjectSchema = z.object({
  kind: z.enum(["VirtualService", "DestinationRule", "Service"]),
  namespace: z.string(),
  name: z.string(),
  /** Always true: Argo rewrites it on every reconcile. */
  locked: z.literal(true),
  lockReason: z.string(),
  /** false when the object does not exist (or is not visible). */
  found: z.boolean(),
  /**
   * VirtualService: the routes Argo rewrites (Argo's own rule: the named HTTP routes or the only / first
   * unnamed one, the TLS and TCP routes selected by port and SNI or the only one, its managed routes),
   * with their weights as they are now.
   */
  routes: z.array(
    z.object({
      section: z.enum(["http", "tls", "tcp"]),
      index: z.number().int(),
      /** The HTTP route's name, else `tls[0]`-style. */
      name: z.string(),
      destinations: z.array(managedDestinationSchema),
    }),
  ),
  /** VirtualService: why Argo refuses it (then it writes no weights there), null when it does not. */
  routingError: z.string().nullable(),
  /** DestinationRule: its subsets' labels (Argo sets rollouts-pod-template-hash). */
  subsets: z.array(z.object({ name: z.string(), labels: z.record(z.string(), z.string()) })),
  /** Service: its selector (Argo sets rollouts-pod-template-hash). */
  selector: z.record(z.string(), z.string()).nullable(),
});
export type ManagedObject = z.infer<typeof managedObjectSchema>;

export const rolloutDetailSchema = z.object({
  revision: z.number(),
  rollout: rolloutViewSchema,
  /** Pods of the Rollout's ReplicaSets, by pod-template hash. */
  pods: z.array(podSummarySchema),
  /** The VirtualServices, DestinationRules and Services the Rollout drives (locked for direct edits). */
  managed: z.array(managedObjectSchema),
});
export type RolloutDetail = z.infer<typeof rolloutDetailSchema>;

export const rolloutActionResultSchema = z.object({
  action: actionNameSchema,
  namespace: z.string(),
  name: z.string(),
  /** What the Argo CLI would print ("rollout 'x' promoted"). */
  message: z.string(),
  /** Requests sent to the API server (0: nothing to do). */
  requests: z.number(),
  /** A Kubernetes Event was recorded on the Rollout (false: the caller may not create events). */
  eventRecorded: z.boolean(),
  /**
   * promote, promote-full, abort, retry: follow-up writes sent until the
   * controller acted on it (the promote again after a stale controller write
   * undid it, or a `meshdeck.io/reconcile-requested-at` annotation when the
   * controller missed the change). Usually 0; counted in the self-metric
   * `meshdeck_rollout_action_confirmations`.
   */
  followUps: z.number().int().min(0).optional(),
  /**
   * promote, promote-full, abort, retry: what the controller had done with the
   * action when the answer was sent: `taken` (it acted), `pending` (not within
   * the confirmation window: it is down or slow; the action itself was
   * accepted), `reverted` (a promote undone again after the last follow-up).
   */
  confirmation: actionOutcomeSchema.optional(),
  /** `?dryRun=true`: the API server admitted the requests (`dryRun=All`) and stored nothing; no Event, no follow-ups. */
  dryRun: z.boolean(),
  /**
   * The resulting object (the Rollout, or the Deployment its workloadRef names):
   * as stored, as the API server would store it (dry run), or as read when
   * nothing was sent. Its `status` is shown because abort, retry and promote change it.
   */
  object: objectViewSchema.extend({ status: z.record(z.string(), z.unknown()).optional() }),
  /** Unified line diff of the YAML of `{ spec, status }`, before → after ("" when nothing changed). */
  diff: z.string(),
});
export type RolloutActionResult = z.infer<typeof rolloutActionResultSchema>;

// --- live traffic ---------------------------------------------------------

export const rolloutTrafficWindowSchema = z.enum(["1m", "5m", "15m", "1h"]);
export type RolloutTrafficWindow = z.infer<typeof rolloutTrafficWindowSchema>;
export const rolloutTrafficQuerySchema = z.strictObject({ window: rolloutTrafficWindowSchema.default("5m") });

export const trafficVersionSchema = z.object({
  /** Series key: the Service name (host-level canary) or the canonical revision. */
  key: z.string(),
  label: z.string(),
  role: z.enum(["stable", "canary", "other"]),
});
export type TrafficVersion = z.infer<typeof trafficVersionSchema>;

export const trafficBucketSchema = z.object({
  /** Bucket start, epoch ms. */
  t: z.number(),
  /** Requests per second in the bucket, per version key: ok and error (5xx). */
  rates: z.record(z.string(), z.object({ ok: z.number(), error: z.number() })),
});
export type TrafficBucket = z.infer<typeof trafficBucketSchema>;

export const rolloutTrafficSchema = z.object({
  /** "prometheus": sampled from istio_requests_total rates, not real requests. */
  source: z.literal("prometheus"),
  state: z.enum(["ok", "NotConfigured", "error"]),
  error: apiErrorSchema.nullable(),
  window: rolloutTrafficWindowSchema,
  bucketSeconds: z.number(),
  /** How versions are told apart. */
  splitBy: z.enum(["service", "revision"]),
  services: z.array(z.string()),
  versions: z.array(trafficVersionSchema),
  buckets: z.array(trafficBucketSchema),
  /** The PromQL sent (one query). */
  query: z.string().nullable(),
  /** Set when versions cannot be told apart (subset split without version labels). */
  note: z.string().nullable(),
});
export type RolloutTraffic = z.infer<typeof rolloutTrafficSchema>;

export const rolloutAccessSchema = z.object({ allowed: z.boolean() });
