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

/** One condition of a header or mirror route match: `header agent` regex `firefox(.*)`. */
export const routeConditionSchema = z.object({
  /** "method", "path" or "header <name>". */
  field: z.string(),
  operator: z.enum(["exact", "prefix", "regex"]),
  value: z.string(),
});
export type RouteCondition = z.infer<typeof routeConditionSchema>;

/** What a setHeaderRoute / setMirrorRoute step writes into the VirtualService. */
export const stepRouteSchema = z.object({
  /** The managed route's name (trafficRouting.managedRoutes). */
  name: z.string(),
  /** Istio match entries Argo writes: any entry may match; every condition of an entry must. Empty: the step removes the route. */
  matches: z.array(z.array(routeConditionSchema)),
  /** setMirrorRoute: percent of the matched requests mirrored to the canary (Argo's default is 100). */
  mirrorPercent: z.number().nullable(),
});
export type StepRoute = z.infer<typeof stepRouteSchema>;

export const stepViewSchema = z.object({
  index: z.number().int(),
  kind: stepKindSchema,
  /** "Set weight 5 %", "Pause (indefinite)", "Pause 30 s — 12 s left", "Analysis success-rate", … */
  label: z.string(),
  state: stepStateSchema,
  /** setWeight steps: the weight. */
  weight: z.number().nullable(),
  pause: stepPauseSchema.nullable(),
  /** setHeaderRoute / setMirrorRoute steps: the route they set or remove. */
  route: stepRouteSchema.nullable(),
  /** setCanaryScale steps: the canary's scale they set (replicas, a weight, or back to the traffic weight). */
  canaryScale: z.object({ replicas: z.number().int().nullable(), weight: z.number().nullable(), matchTrafficWeight: z.boolean() }).nullable(),
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

/** Ping-pong (canary.pingPong): two Services that take turns as stable and canary. */
export const pingPongViewSchema = z.object({
  pingService: z.string(),
  pongService: z.string(),
  /** The side on the stable ReplicaSet now: status.canary.stablePingPong, else Argo's default (pong). Each promotion flips it. */
  stable: z.enum(["ping", "pong"]),
  /** false while status.canary.stablePingPong is not set (`stable` is then Argo's default). */
  reported: z.boolean(),
  /** The Service of the stable side now (ping or pong). */
  stableService: z.string(),
  /** The Service of the other side: it selects the new ReplicaSet during an update. */
  canaryService: z.string(),
});
export type PingPongView = z.infer<typeof pingPongViewSchema>;

export const trafficRoutingSchema = z.object({
  kind: trafficRoutingKindSchema,
  /** Configured routers: "istio", "nginx", "plugin:argoproj-labs/gatewayAPI", … */
  providers: z.array(z.string()),
  /** The Services the router weighs now (ping-pong: the sides as status.canary.stablePingPong says, as Argo decides it). */
  canaryService: z.string().nullable(),
  stableService: z.string().nullable(),
  /** Ping-pong Services and which of them is stable now; null without canary.pingPong. */
  pingPong: pingPongViewSchema.nullable(),
  /** Subset-level Istio: the DestinationRule subsets. */
  canarySubset: z.string().nullable(),
  stableSubset: z.string().nullable(),
  managedRoutes: z.array(z.string()),
  maxWeight: z.number(),
  resources: z.array(managedResourceSchema),
});
export type TrafficRoutingView = z.infer<typeof trafficRoutingSchema>;

export const weightDestinationSchema = z.object({ weight: z.number(), podTemplateHash: z.string().nullable(), serviceName: z.string().nullable() });

/** older: a previous revision (neither stable nor canary); experiment: a ReplicaSet of one of the Rollout's Experiments. */
export const replicaSetRoleSchema = z.enum(["stable", "canary", "active", "preview", "older", "experiment"]);
export type ReplicaSetRole = z.infer<typeof replicaSetRoleSchema>;

/** One pod of a ReplicaSet, from the watch cache. */
export const podViewSchema = z.object({
  name: z.string(),
  podTemplateHash: z.string().nullable(),
  /** The ReplicaSet that owns it. */
  replicaSet: z.string().nullable(),
  phase: z.string(),
  /** The Ready condition is True. */
  ready: z.boolean(),
  restarts: z.number(),
  /** Images of its containers (spec). */
  images: z.array(z.string()),
  createdAt: z.string().nullable(),
  /** Being deleted (deletionTimestamp set). */
  terminating: z.boolean(),
}).describe("A pod of one of the Rollout's ReplicaSets: phase, Ready condition, restarts, images");
export type PodView = z.infer<typeof podViewSchema>;

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
  /** The Experiment owning it (role experiment), else null. */
  experiment: z.string().nullable().describe("The Experiment owning this ReplicaSet (role experiment), else null"),
  pods: z.array(podViewSchema).describe("The ReplicaSet's pods (owner reference), by name"),
}).describe("One ReplicaSet of the Rollout: stable, canary, active, preview, an older revision or an Experiment's");
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
  /** The provider that measures it: prometheus, job, web, datadog, … */
  provider: z.string().nullable(),
  /** The provider's query (Prometheus, Datadog, …), as the run resolved its arguments. */
  query: z.string().nullable(),
  successCondition: z.string().nullable(),
  failureCondition: z.string().nullable(),
  /** Time between measurements ("5s"); null: measured once. */
  interval: z.string().nullable(),
  /** Failed (inconclusive) measurements tolerated before the run fails (is inconclusive): Argo's default is 0; null when an argument sets it. */
  failureLimit: z.number().nullable(),
  inconclusiveLimit: z.number().nullable(),
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

export const experimentTemplateViewSchema = z.object({
  name: z.string(),
  /** Progressing, Running, Successful, Failed, Error (null before the controller reported it). */
  status: z.string().nullable(),
  message: z.string().nullable(),
  desired: z.number(),
  ready: z.number(),
  available: z.number(),
  podTemplateHash: z.string().nullable(),
  replicaSet: z.string().nullable(),
  /** The Service Argo creates for a template with a traffic weight. */
  serviceName: z.string().nullable(),
  /** Share of the traffic the Rollout's experiment step gives the template (current experiment only). */
  weight: z.number().nullable(),
  images: z.array(z.string()),
});
export type ExperimentTemplateView = z.infer<typeof experimentTemplateViewSchema>;

export const experimentViewSchema = z.object({
  name: z.string(),
  /** Pending, Running, Successful, Failed, Error, Inconclusive ("" before the controller ran it). */
  phase: z.string(),
  message: z.string().nullable(),
  createdAt: z.string().nullable(),
  /** The experiment of the Rollout's current step (status.canary.currentExperiment). */
  current: z.boolean(),
  duration: z.string().nullable(),
  templates: z.array(experimentTemplateViewSchema),
  analysisRuns: z.array(z.object({ name: z.string(), analysisRun: z.string().nullable(), phase: z.string().nullable(), message: z.string().nullable() })),
});
export type ExperimentView = z.infer<typeof experimentViewSchema>;

/** What one Service of a blue-green Rollout selects: the revision behind its pod-template-hash selector. */
export const blueGreenSideSchema = z.object({
  service: z.string().nullable(),
  /** The rollouts-pod-template-hash Argo put in the Service's selector. */
  selector: z.string().nullable(),
  revision: z.number().nullable(),
  replicaSet: z.string().nullable(),
  images: z.array(z.string()),
  ready: z.number(),
  desired: z.number(),
});

export const blueGreenAnalysisSchema = z.object({
  templates: z.array(z.string()),
  /** The current run (status.blueGreen.pre/postPromotionAnalysisRunStatus). */
  run: z.string().nullable(),
  status: z.string().nullable(),
});

export const blueGreenViewSchema = z.object({
  activeService: z.string().nullable(),
  previewService: z.string().nullable(),
  activeSelector: z.string().nullable(),
  previewSelector: z.string().nullable(),
  active: blueGreenSideSchema,
  /** Null without a preview Service. */
  preview: blueGreenSideSchema.nullable(),
  autoPromotionEnabled: z.boolean(),
  autoPromotionSeconds: z.number(),
  /** When the paused preview is promoted by itself (autoPromotionSeconds after the pause); null when it waits for a promote. */
  autoPromotesAt: z.string().nullable(),
  /** Replicas of the preview before promotion (null: the full count). */
  previewReplicaCount: z.number().nullable(),
  /** Seconds the old active ReplicaSet stays up after a promotion (Argo's default 30). */
  scaleDownDelaySeconds: z.number(),
  /** The old ReplicaSet waiting to be scaled down, and when. */
  scaleDown: z.object({ replicaSet: z.string(), deadline: z.string() }).nullable(),
  prePromotionAnalysis: blueGreenAnalysisSchema.nullable(),
  postPromotionAnalysis: blueGreenAnalysisSchema.nullable(),
});
export type BlueGreenView = z.infer<typeof blueGreenViewSchema>;

/** maxSurge / maxUnavailable as configured (or Argo's default) and resolved against spec.replicas. */
const fencepostSchema = z.object({ configured: z.union([z.number(), z.string()]), replicas: z.number().int(), defaulted: z.boolean() });

export const workloadRefViewSchema = z.object({
  apiVersion: z.string().nullable(),
  kind: z.string(),
  name: z.string(),
  /** What Argo does to the workload: never (default), onsuccess (scaled to 0 once the Rollout is healthy), progressively (as the Rollout scales up). */
  scaleDown: z.string(),
  /** The workload exists (and is visible to the caller). */
  found: z.boolean(),
  /** Its spec.replicas and ready replicas (null when not found). */
  replicas: z.number().nullable(),
  ready: z.number().nullable(),
  /** Images of its pod template: the template the Rollout uses. */
  images: z.array(z.string()),
}).describe("spec.workloadRef: the workload (Deployment) whose pod template the Rollout uses, and Argo's scaleDown mode for it");
export type WorkloadRefView = z.infer<typeof workloadRefViewSchema>;

export const scalingViewSchema = z.object({
  replicas: z.number().int(),
  maxSurge: fencepostSchema,
  maxUnavailable: fencepostSchema,
  /** Canary with traffic routing: the stable ReplicaSet follows the traffic weight instead of staying full. */
  dynamicStableScale: z.boolean(),
  minPodsPerReplicaSet: z.number().int().nullable(),
  /** Seconds the canary (blue-green: the preview) stays up after an abort; null: never scaled down (0); 0: at once. */
  abortScaleDownDelaySeconds: z.number().nullable(),
  abortScaleDownDelayDefaulted: z.boolean(),
  /** After an abort: when the canary (preview) ReplicaSet will be scaled down (its scale-down-deadline). */
  abortScaleDownAt: z.string().nullable(),
  /** The setCanaryScale in effect at the current step (traffic routing only). */
  canaryScale: z.object({ replicas: z.number().int().nullable(), weight: z.number().nullable() }).nullable(),
  /** Canary: the replica counts Argo computes for the canary and stable ReplicaSets now (its CalculateReplicaCounts… functions). */
  desired: z.object({ canary: z.number().int(), stable: z.number().int() }).nullable(),
  /** spec.workloadRef: the workload whose pod template the Rollout uses. */
  workloadRef: workloadRefViewSchema.nullable(),
}).describe(
  "How the Rollout scales: maxSurge/maxUnavailable resolved against spec.replicas, dynamicStableScale, minPodsPerReplicaSet, abortScaleDownDelaySeconds and (after an abort) the canary's scale-down deadline, the setCanaryScale in effect, the canary/stable replica counts Argo computes for the current step, the workloadRef",
);
export type ScalingView = z.infer<typeof scalingViewSchema>;

export const actionNameSchema = z.enum(["promote", "promote-full", "abort", "retry", "restart", "undo", "set-image"]);
export type ActionName = z.infer<typeof actionNameSchema>;

/** What the controller did with a status action, read back (see lib/rollouts/actions/action-outcome). */
export const actionOutcomeSchema = z.enum(["taken", "pending", "reverted"]);
export type ActionOutcome = z.infer<typeof actionOutcomeSchema>;


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
  blueGreen: blueGreenViewSchema.nullable(),
  restart: z.object({ restartAt: z.string().nullable(), restartedAt: z.string().nullable(), pending: z.boolean() }),
  /** Every ReplicaSet of the Rollout (stable, canary, older revisions, its Experiments'), newest first, with their pods. */
  revisions: z.array(revisionViewSchema),
  scaling: scalingViewSchema,
  analysisRuns: z.array(analysisRunViewSchema),
  /** The Rollout's Experiments (experiment steps), newest first. */
  experiments: z.array(experimentViewSchema),
  actions: actionsSchema,
});
export type RolloutView = z.infer<typeof rolloutViewSchema>;
