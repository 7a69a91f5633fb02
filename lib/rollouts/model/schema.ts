import { z } from "zod";

// The Rollout view model: what the dashboard shows for an Argo Rollout, shared
// by the server (which builds it) and the UI (which parses it).

/** Phases as Argo computes them for display (utils/rollout GetRolloutPhase). An abort is Degraded with message "RolloutAborted: …". */
export const rolloutPhaseSchema = z.enum(["Healthy", "Progressing", "Paused", "Degraded"]);
export type RolloutPhase = z.infer<typeof rolloutPhaseSchema>;

export const strategySchema = z.enum(["canary", "blueGreen", "unknown"]);
export type Strategy = z.infer<typeof strategySchema>;

export const stepKindSchema = z.enum(["setWeight", "pause", "analysis", "experiment", "setCanaryScale", "setHeaderRoute", "setMirrorRoute", "plugin", "invalid"]);
export type StepKind = z.infer<typeof stepKindSchema>;

export const stepStateSchema = z.enum(["done", "current", "pending"]);
export type StepState = z.infer<typeof stepStateSchema>;

export const stepPauseSchema = z.object({
  /** null: indefinite (waits for a promote). -1: a duration Argo cannot parse (it treats the pause as already over). */
  durationSeconds: z.number().int().nullable(),
  /** Only for the current step while its pause condition is set: seconds until Argo moves on (0 when overdue); null when indefinite. */
  remainingSeconds: z.number().nullable(),
  /** ISO time the pause ends (current step, timed pause only). */
  endsAt: z.string().nullable(),
});

export const stepViewSchema = z.object({
  index: z.number().int(),
  kind: stepKindSchema,
  /** "Set weight 5 %", "Pause (indefinite)", "Pause 30 s — 12 s left", "Analysis success-rate", … */
  label: z.string(),
  state: stepStateSchema,
  /** setWeight steps: the weight. */
  weight: z.number().nullable(),
  pause: stepPauseSchema.nullable(),
});
export type StepView = z.infer<typeof stepViewSchema>;

export const trafficRoutingKindSchema = z.enum([
  /** Istio, canary and stable Services (host-level split). */
  "istio-host",
  /** Istio with a DestinationRule: canary and stable subsets of one host. */
  "istio-subset",
  /** Another router (nginx, ALB, SMI, a plugin, …). */
  "other",
  /** No traffic routing: the split is by replica count only. */
  "none",
]);
export type TrafficRoutingKind = z.infer<typeof trafficRoutingKindSchema>;

export const managedResourceSchema = z.object({
  kind: z.enum(["VirtualService", "DestinationRule", "Service"]),
  namespace: z.string(),
  name: z.string(),
  /** VirtualService: the HTTP routes Argo rewrites (empty: the single route of the object), then its managed routes. */
  routes: z.array(z.string()),
  /** Why a direct edit will not stick. */
  lockReason: z.string(),
});
export type ManagedResource = z.infer<typeof managedResourceSchema>;

export const trafficRoutingSchema = z.object({
  kind: trafficRoutingKindSchema,
  /** Configured routers: "istio", "nginx", "plugin:argoproj-labs/gatewayAPI", … */
  providers: z.array(z.string()),
  canaryService: z.string().nullable(),
  stableService: z.string().nullable(),
  /** Subset-level Istio: the DestinationRule subsets. */
  canarySubset: z.string().nullable(),
  stableSubset: z.string().nullable(),
  managedRoutes: z.array(z.string()),
  maxWeight: z.number(),
  resources: z.array(managedResourceSchema),
});
export type TrafficRoutingView = z.infer<typeof trafficRoutingSchema>;

export const weightDestinationSchema = z.object({ weight: z.number(), podTemplateHash: z.string().nullable(), serviceName: z.string().nullable() });

export const replicaSetRoleSchema = z.enum(["stable", "canary", "active", "preview"]);
export type ReplicaSetRole = z.infer<typeof replicaSetRoleSchema>;

export const revisionViewSchema = z.object({
  revision: z.number().int(),
  name: z.string(),
  podTemplateHash: z.string().nullable(),
  images: z.array(z.string()),
  initImages: z.array(z.string()),
  /** spec.replicas of the ReplicaSet. */
  desired: z.number(),
  /** status.replicas: pods that exist. */
  total: z.number(),
  ready: z.number(),
  available: z.number(),
  /** As `kubectl argo rollouts get` shows it. */
  health: z.enum(["Healthy", "Progressing", "ScaledDown", "ReplicaFailure"]),
  roles: z.array(replicaSetRoleSchema),
  /** ISO time a scaled-down-later ReplicaSet goes away (scale-down-deadline annotation). */
  scaleDownDeadline: z.string().nullable(),
  createdAt: z.string().nullable(),
});
export type RevisionView = z.infer<typeof revisionViewSchema>;

export const measurementViewSchema = z.object({
  phase: z.string(),
  /** As Argo stores it ("[0.99]", "1", "{…}"). */
  value: z.string().nullable(),
  /** The value as a number when it is one (or a one-element vector): for charts. */
  numericValue: z.number().nullable(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  message: z.string().nullable(),
});
export type MeasurementView = z.infer<typeof measurementViewSchema>;

export const metricViewSchema = z.object({
  name: z.string(),
  phase: z.string(),
  message: z.string().nullable(),
  successCondition: z.string().nullable(),
  failureCondition: z.string().nullable(),
  count: z.number(),
  successful: z.number(),
  failed: z.number(),
  inconclusive: z.number(),
  error: z.number(),
  dryRun: z.boolean(),
  measurements: z.array(measurementViewSchema),
});
export type MetricView = z.infer<typeof metricViewSchema>;

export const analysisRunViewSchema = z.object({
  name: z.string(),
  revision: z.number().int(),
  /** From the rollout-type label: Step, Background, PrePromotion, PostPromotion. */
  type: z.string().nullable(),
  /** Pending, Running, Successful, Failed, Error, Inconclusive ("" before the controller ran it). */
  phase: z.string(),
  message: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  createdAt: z.string().nullable(),
  successful: z.number(),
  failed: z.number(),
  inconclusive: z.number(),
  error: z.number(),
  metrics: z.array(metricViewSchema),
});
export type AnalysisRunView = z.infer<typeof analysisRunViewSchema>;

export const actionNameSchema = z.enum(["promote", "promote-full", "abort", "retry", "restart", "undo", "set-image"]);
export type ActionName = z.infer<typeof actionNameSchema>;

/** A write Kubernetes RBAC refuses the caller (SelfSubjectAccessReview run as the caller). */
export const deniedWriteSchema = z.object({
  verb: z.enum(["patch", "update"]),
  /** API group ("" for the core group). */
  group: z.string(),
  /** Plural resource, e.g. "rollouts". */
  resource: z.string(),
  subresource: z.enum(["status"]).nullable(),
  namespace: z.string(),
  name: z.string(),
});
export type DeniedWrite = z.infer<typeof deniedWriteSchema>;

export const actionAvailabilitySchema = z.object({
  enabled: z.boolean(),
  /** What the action does, or why it is off (the Rollout's state, or the write the caller may not make). */
  reason: z.string(),
  /** Set when the action is off because the caller may not make this write (RBAC); null otherwise. */
  denied: deniedWriteSchema.nullable(),
});
export type ActionAvailability = z.infer<typeof actionAvailabilitySchema>;
export const actionsSchema = z.record(actionNameSchema, actionAvailabilitySchema);
export type RolloutActions = z.infer<typeof actionsSchema>;

export const rolloutViewSchema = z.object({
  /** "namespace/name". */
  key: z.string(),
  namespace: z.string(),
  name: z.string(),
  createdAt: z.string().nullable(),
  strategy: strategySchema,
  trafficRouting: trafficRoutingSchema.nullable(),
  phase: rolloutPhaseSchema,
  message: z.string(),
  aborted: z.boolean(),
  abortedAt: z.string().nullable(),
  /** spec.paused: paused by hand (`kubectl argo rollouts pause`). */
  manuallyPaused: z.boolean(),
  pause: z
    .object({
      /** First pause condition: CanaryPauseStep, BlueGreenPause, InconclusiveAnalysisRun, InconclusiveExperiment, … */
      reason: z.string(),
      since: z.string().nullable(),
      ageSeconds: z.number().nullable(),
      /** When Argo resumes by itself (timed pause step, blue-green autoPromotionSeconds); null: waits for a promote. */
      resumesAt: z.string().nullable(),
    })
    .nullable(),
  /** Waiting for a human: paused at a pause step, a blue-green pre-promotion pause or an inconclusive analysis. */
  promotionPending: z.boolean(),
  /** `kubectl argo rollouts get`'s "Step: 1/2" (canary with steps only). */
  step: z.object({ index: z.number().int(), count: z.number().int() }).nullable(),
  currentStep: stepViewSchema.nullable(),
  steps: z.array(stepViewSchema),
  /** Canary: the weight the steps ask for now (0 once aborted). */
  setWeight: z.number().nullable(),
  /** Canary: the weight Argo reports as applied. */
  actualWeight: z.number().nullable(),
  weights: z
    .object({ canary: weightDestinationSchema, stable: weightDestinationSchema, additional: z.array(weightDestinationSchema), verified: z.boolean().nullable() })
    .nullable(),
  stableHash: z.string().nullable(),
  currentHash: z.string().nullable(),
  /** Images of the stable ReplicaSet and of the new one while it differs (canary; preview for blue-green). */
  images: z.object({ stable: z.array(z.string()), canary: z.array(z.string()) }),
  containers: z.array(z.object({ name: z.string(), image: z.string(), init: z.boolean() })),
  replicas: z.object({ desired: z.number(), current: z.number(), updated: z.number(), ready: z.number(), available: z.number() }),
  blueGreen: z
    .object({
      activeService: z.string().nullable(),
      previewService: z.string().nullable(),
      activeSelector: z.string().nullable(),
      previewSelector: z.string().nullable(),
      autoPromotionEnabled: z.boolean(),
      autoPromotionSeconds: z.number(),
    })
    .nullable(),
  restart: z.object({ restartAt: z.string().nullable(), restartedAt: z.string().nullable(), pending: z.boolean() }),
  revisions: z.array(revisionViewSchema),
  analysisRuns: z.array(analysisRunViewSchema),
  actions: actionsSchema,
});
export type RolloutView = z.infer<typeof rolloutViewSchema>;
