import { z } from "zod";
import { labelSelector, objectMeta } from "@/lib/istio/wire";

// Wire schemas of the Argo Rollouts objects (argoproj.io/v1alpha1, as of
// v1.9) and the ReplicaSets they own. Loose: unknown fields pass through, so an
// object read, planned on and written back loses nothing. Status fields are
// nullish: a merge patch may leave a null behind, and a young object has none.

const str = z.string().nullish();
const int = z.number().int().nullish();
const bool = z.boolean().nullish();
/** Kubernetes IntOrString (a pause duration: 30, "30", "30s", "1h"). */
export const intOrString = z.union([z.number(), z.string()]);

const container = z.looseObject({ name: z.string(), image: z.string().optional() });
export type ContainerWire = z.infer<typeof container>;

export const podTemplate = z.looseObject({
  metadata: z.looseObject({ labels: z.record(z.string(), z.string()).nullish(), annotations: z.record(z.string(), z.string()).nullish() }).nullish(),
  spec: z
    .looseObject({
      containers: z.array(container).nullish(),
      initContainers: z.array(container).nullish(),
      ephemeralContainers: z.array(container).nullish(),
    })
    .nullish(),
});
export type PodTemplateWire = z.infer<typeof podTemplate>;

// --- Rollout spec ---------------------------------------------------------

const analysisTemplateRef = z.looseObject({ templateName: z.string().optional(), clusterScope: bool });
/** RolloutAnalysis: a step's, a background's or a blue-green pre/post-promotion analysis. */
export const rolloutAnalysis = z.looseObject({
  templates: z.array(analysisTemplateRef).nullish(),
  args: z.array(z.looseObject({ name: z.string() })).nullish(),
  startingStep: int,
});

const virtualServiceRef = z.looseObject({
  name: z.string(),
  routes: z.array(z.string()).nullish(),
  tlsRoutes: z.array(z.looseObject({ port: int, sniHosts: z.array(z.string()).nullish() })).nullish(),
  tcpRoutes: z.array(z.looseObject({ port: int })).nullish(),
});
export type VirtualServiceRefWire = z.infer<typeof virtualServiceRef>;

export const trafficRouting = z.looseObject({
  istio: z
    .looseObject({
      virtualService: virtualServiceRef.nullish(),
      virtualServices: z.array(virtualServiceRef).nullish(),
      destinationRule: z
        .looseObject({ name: z.string(), canarySubsetName: z.string().optional(), stableSubsetName: z.string().optional(), additionalSubsetNames: z.array(z.string()).nullish() })
        .nullish(),
    })
    .nullish(),
  managedRoutes: z.array(z.looseObject({ name: z.string() })).nullish(),
  plugins: z.record(z.string(), z.unknown()).nullish(),
  maxTrafficWeight: int,
  nginx: z.unknown().optional(),
  alb: z.unknown().optional(),
  smi: z.unknown().optional(),
  ambassador: z.unknown().optional(),
  appMesh: z.unknown().optional(),
  traefik: z.unknown().optional(),
  apisix: z.unknown().optional(),
});
export type TrafficRoutingWire = z.infer<typeof trafficRouting>;

const stringMatch = z.looseObject({ exact: str, prefix: str, regex: str });
const headerMatch = z.looseObject({ headerName: z.string().optional(), headerValue: stringMatch.nullish() });
/** A setMirrorRoute match (Argo's RouteMatch): every field given must match. */
const mirrorMatch = z.looseObject({ method: stringMatch.nullish(), path: stringMatch.nullish(), headers: z.record(z.string(), stringMatch).nullish() });
export type StringMatchWire = z.infer<typeof stringMatch>;

export const canaryStep = z.looseObject({
  setWeight: int,
  pause: z.looseObject({ duration: intOrString.nullish() }).nullish(),
  analysis: rolloutAnalysis.nullish(),
  experiment: z
    .looseObject({
      templates: z.array(z.looseObject({ name: z.string(), specRef: str, replicas: int, weight: int })).nullish(),
      duration: str,
      analyses: z.array(z.looseObject({ name: z.string(), templateName: str })).nullish(),
    })
    .nullish(),
  setCanaryScale: z.looseObject({ weight: int, replicas: int, matchTrafficWeight: bool }).nullish(),
  setHeaderRoute: z.looseObject({ name: str, match: z.array(headerMatch).nullish() }).nullish(),
  setMirrorRoute: z.looseObject({ name: z.string(), match: z.array(mirrorMatch).nullish(), percentage: int }).nullish(),
  plugin: z.looseObject({ name: z.string(), config: z.unknown().optional() }).nullish(),
});
export type CanaryStepWire = z.infer<typeof canaryStep>;

export const canaryStrategy = z.looseObject({
  canaryService: str,
  stableService: str,
  /** Ping-pong: two Services that take turns as stable and canary (lib/istio/model/argo-ping-pong). */
  pingPong: z.looseObject({ pingService: str, pongService: str }).nullish(),
  steps: z.array(canaryStep).nullish(),
  trafficRouting: trafficRouting.nullish(),
  analysis: rolloutAnalysis.nullish(),
  dynamicStableScale: bool,
  maxSurge: intOrString.nullish(),
  maxUnavailable: intOrString.nullish(),
  minPodsPerReplicaSet: int,
  abortScaleDownDelaySeconds: int,
  scaleDownDelaySeconds: int,
});
export type CanaryStrategyWire = z.infer<typeof canaryStrategy>;

export const blueGreenStrategy = z.looseObject({
  activeService: z.string().optional(),
  previewService: str,
  autoPromotionEnabled: bool,
  autoPromotionSeconds: int,
  previewReplicaCount: int,
  scaleDownDelaySeconds: int,
  abortScaleDownDelaySeconds: int,
  maxUnavailable: intOrString.nullish(),
  prePromotionAnalysis: rolloutAnalysis.nullish(),
  postPromotionAnalysis: rolloutAnalysis.nullish(),
});
export type BlueGreenStrategyWire = z.infer<typeof blueGreenStrategy>;

// --- Rollout status -------------------------------------------------------

const weightDestination = z.looseObject({ weight: int, serviceName: str, podTemplateHash: str });
export type WeightDestinationWire = z.infer<typeof weightDestination>;
const analysisRunStatusRef = z.looseObject({ name: z.string().optional(), status: str, message: str });

export const pauseCondition = z.looseObject({ reason: z.string(), startTime: str });
export type PauseConditionWire = z.infer<typeof pauseCondition>;

export const rolloutCondition = z.looseObject({ type: z.string(), status: z.string().optional(), reason: str, message: str, lastUpdateTime: str, lastTransitionTime: str });

export const rolloutStatus = z.looseObject({
  phase: str,
  message: str,
  abort: bool,
  abortedAt: str,
  promoteFull: bool,
  pauseConditions: z.array(pauseCondition).nullish(),
  controllerPause: bool,
  currentPodHash: str,
  currentStepHash: str,
  currentStepIndex: int,
  stableRS: str,
  replicas: int,
  updatedReplicas: int,
  readyReplicas: int,
  availableReplicas: int,
  HPAReplicas: int,
  selector: str,
  /** A string in Argo Rollouts ("3"), unlike every other Kubernetes object. */
  observedGeneration: z.union([z.string(), z.number()]).nullish(),
  conditions: z.array(rolloutCondition).nullish(),
  restartedAt: str,
  canary: z
    .looseObject({
      weights: z.looseObject({ canary: weightDestination.nullish(), stable: weightDestination.nullish(), additional: z.array(weightDestination).nullish(), verified: bool }).nullish(),
      currentStepAnalysisRunStatus: analysisRunStatusRef.nullish(),
      currentBackgroundAnalysisRunStatus: analysisRunStatusRef.nullish(),
      currentExperiment: str,
      stablePingPong: str,
    })
    .nullish(),
  blueGreen: z
    .looseObject({
      activeSelector: str,
      previewSelector: str,
      scaleUpPreviewCheckPoint: bool,
      prePromotionAnalysisRunStatus: analysisRunStatusRef.nullish(),
      postPromotionAnalysisRunStatus: analysisRunStatusRef.nullish(),
    })
    .nullish(),
});
export type RolloutStatusWire = z.infer<typeof rolloutStatus>;

export const rolloutWire = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: objectMeta,
  spec: z.looseObject({
    replicas: int,
    selector: labelSelector.nullish(),
    template: podTemplate.nullish(),
    /** The Deployment (or other workload) whose pod template the Rollout uses; scaleDown: never (default), onsuccess, progressively. */
    workloadRef: z.looseObject({ apiVersion: str, kind: z.string(), name: z.string(), scaleDown: str }).nullish(),
    paused: bool,
    restartAt: str,
    revisionHistoryLimit: int,
    progressDeadlineSeconds: int,
    progressDeadlineAbort: bool,
    strategy: z.looseObject({ canary: canaryStrategy.nullish(), blueGreen: blueGreenStrategy.nullish() }),
  }),
  status: rolloutStatus.nullish(),
});
export type RolloutWire = z.infer<typeof rolloutWire>;

// --- ReplicaSet -----------------------------------------------------------

export const REVISION_ANNOTATION = "rollout.argoproj.io/revision";
export const POD_TEMPLATE_HASH_LABEL = "rollouts-pod-template-hash";
export const SCALE_DOWN_DEADLINE_ANNOTATION = "scale-down-deadline";

export const replicaSetWire = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: objectMeta,
  spec: z.looseObject({ replicas: int, selector: labelSelector.nullish(), template: podTemplate.nullish() }),
  status: z
    .looseObject({
      replicas: int,
      readyReplicas: int,
      availableReplicas: int,
      fullyLabeledReplicas: int,
      observedGeneration: int,
      conditions: z.array(z.looseObject({ type: z.string(), status: z.string(), reason: str, message: str })).nullish(),
    })
    .nullish(),
});
export type ReplicaSetWire = z.infer<typeof replicaSetWire>;

// --- Pod and workload (a workloadRef's Deployment) ---------------------------

export const podWire = z.looseObject({
  metadata: objectMeta,
  spec: z.looseObject({ containers: z.array(container).nullish(), initContainers: z.array(container).nullish() }).nullish(),
  status: z
    .looseObject({
      phase: str,
      conditions: z.array(z.looseObject({ type: z.string(), status: z.string() })).nullish(),
      containerStatuses: z.array(z.looseObject({ name: z.string(), ready: bool, restartCount: int })).nullish(),
    })
    .nullish(),
});
export type PodWire = z.infer<typeof podWire>;

export const workloadWire = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: objectMeta,
  spec: z.looseObject({ replicas: int, template: podTemplate.nullish() }).nullish(),
  status: z.looseObject({ replicas: int, readyReplicas: int, availableReplicas: int, updatedReplicas: int }).nullish(),
});
export type WorkloadWire = z.infer<typeof workloadWire>;

// --- Experiment -----------------------------------------------------------

export const experimentWire = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: objectMeta,
  spec: z.looseObject({
    duration: str,
    templates: z.array(z.looseObject({ name: z.string(), replicas: int, template: podTemplate.nullish() })).nullish(),
    analyses: z.array(z.looseObject({ name: z.string(), templateName: str, clusterScope: bool })).nullish(),
  }),
  status: z
    .looseObject({
      phase: str,
      message: str,
      availableAt: str,
      templateStatuses: z
        .array(
          z.looseObject({
            name: z.string(),
            replicas: int,
            updatedReplicas: int,
            readyReplicas: int,
            availableReplicas: int,
            status: str,
            message: str,
            podTemplateHash: str,
            serviceName: str,
          }),
        )
        .nullish(),
      analysisRuns: z.array(z.looseObject({ name: z.string(), analysisRun: str, phase: str, message: str })).nullish(),
    })
    .nullish(),
});
export type ExperimentWire = z.infer<typeof experimentWire>;

// --- AnalysisRun ----------------------------------------------------------

export const measurementWire = z.looseObject({ phase: z.string(), message: str, value: str, startedAt: str, finishedAt: str, resumeAt: str, metadata: z.record(z.string(), z.string()).nullish() });
export type MeasurementWire = z.infer<typeof measurementWire>;

export const metricResultWire = z.looseObject({
  name: z.string(),
  phase: z.string(),
  message: str,
  measurements: z.array(measurementWire).nullish(),
  count: int,
  successful: int,
  failed: int,
  inconclusive: int,
  error: int,
  consecutiveError: int,
  dryRun: bool,
});
export type MetricResultWire = z.infer<typeof metricResultWire>;

export const analysisRunWire = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: objectMeta,
  spec: z.looseObject({
    metrics: z
      .array(
        z.looseObject({
          name: z.string(),
          interval: str,
          count: intOrString.nullish(),
          failureLimit: intOrString.nullish(),
          inconclusiveLimit: intOrString.nullish(),
          successCondition: str,
          failureCondition: str,
          provider: z.record(z.string(), z.unknown()).nullish(),
        }),
      )
      .nullish(),
    terminate: bool,
    /** Resolved arguments (a value, or valueFrom a secret or a field, which stays unresolved here). */
    args: z.array(z.looseObject({ name: z.string(), value: str })).nullish(),
  }),
  status: z.looseObject({ phase: str, message: str, startedAt: str, completedAt: str, metricResults: z.array(metricResultWire).nullish() }).nullish(),
});
export type AnalysisRunWire = z.infer<typeof analysisRunWire>;

/** Parses with a schema; throws a ZodError naming the object when it does not fit. */
export function parseRollout(value: unknown): RolloutWire {
  return rolloutWire.parse(value);
}
export function parseReplicaSet(value: unknown): ReplicaSetWire {
  return replicaSetWire.parse(value);
}
export function parseAnalysisRun(value: unknown): AnalysisRunWire {
  return analysisRunWire.parse(value);
}
