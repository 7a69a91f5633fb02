import type { CanaryStepWire, RolloutWire } from "../wire";
import { canarySteps, currentCanaryStep, currentSetWeight, maxTrafficWeight } from "./steps";

// The replica counts Argo Rollouts gives the canary and stable ReplicaSets:
// a port of utils/replicaset/canary.go (CalculateReplicaCountsForBasicCanary,
// CalculateReplicaCountsForTrafficRoutedCanary, GetCanaryReplicasOrWeight,
// UseSetCanaryScale, GetDesiredCanaryWeight) and of the fenceposts of
// utils/replicaset/replicaset.go and utils/defaults (Argo Rollouts v1.9.3).

/** What the calculation reads of a ReplicaSet: spec.replicas and status.availableReplicas. */
export interface ScaleReplicaSet {
  name: string;
  replicas: number;
  available: number;
}

export interface CanaryWeights {
  canary: number;
  stable: number;
}

type IntOrString = number | string;

/** The Rollout's spec.replicas, 1 when unset (defaults.GetReplicasOrDefault). */
export function specReplicas(ro: RolloutWire): number {
  return ro.spec.replicas ?? 1;
}

/** intstr.GetValueFromIntOrPercent: a number as is, any string as a percent of `total` (rounded up or down). */
function scaledValue(v: IntOrString, total: number, roundUp: boolean): number {
  if (typeof v === "number") return v;
  const n = Number.parseInt(v.endsWith("%") ? v.slice(0, -1) : v, 10);
  if (!Number.isFinite(n)) return 0;
  const exact = (n * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

/** The configured maxSurge / maxUnavailable, or Argo's default "25" (read as 25 %). */
export function configuredFenceposts(ro: RolloutWire): { maxSurge: IntOrString; maxUnavailable: IntOrString } {
  const { canary, blueGreen } = ro.spec.strategy;
  return {
    maxSurge: canary?.maxSurge ?? "25%",
    maxUnavailable: blueGreen?.maxUnavailable ?? canary?.maxUnavailable ?? "25%",
  };
}

/** resolveFenceposts: surge rounds up, unavailable down; both 0 makes unavailable 1. */
export function resolveFenceposts(maxSurge: IntOrString, maxUnavailable: IntOrString, desired: number): { surge: number; unavailable: number } {
  const surge = scaledValue(maxSurge, desired, true);
  const unavailable = scaledValue(maxUnavailable, desired, false);
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

/** replicaset.MaxSurge: 0 for blue-green. */
export function maxSurge(ro: RolloutWire): number {
  if (!ro.spec.strategy.canary) return 0;
  const f = configuredFenceposts(ro);
  return resolveFenceposts(f.maxSurge, f.maxUnavailable, specReplicas(ro)).surge;
}

/** replicaset.MaxUnavailable: never more than spec.replicas. */
export function maxUnavailable(ro: RolloutWire): number {
  const replicas = specReplicas(ro);
  if (replicas === 0) return 0;
  const f = configuredFenceposts(ro);
  const value = ro.spec.strategy.canary ? resolveFenceposts(f.maxSurge, f.maxUnavailable, replicas).unavailable : scaledValue(f.maxUnavailable, replicas, false);
  return Math.min(value, replicas);
}

/**
 * defaults.GetAbortScaleDownDelaySecondsOrDefault: seconds the canary (or
 * preview) stays up after an abort; null when it is never scaled down
 * (explicit 0). A canary without traffic routing is scaled down at once (0).
 */
export function abortScaleDownDelay(ro: RolloutWire): { seconds: number | null; explicit: boolean } {
  const { canary, blueGreen } = ro.spec.strategy;
  let configured: number | null | undefined;
  if (blueGreen) configured = blueGreen.abortScaleDownDelaySeconds;
  else if (canary?.trafficRouting) configured = canary.abortScaleDownDelaySeconds;
  else return { seconds: 0, explicit: false };
  if (configured === null || configured === undefined) return { seconds: 30, explicit: false };
  return { seconds: configured === 0 ? null : configured, explicit: true };
}

/** Argo's UseSetCanaryScale: the setCanaryScale in effect at the current step (traffic routing only), else null. */
export function canaryScaleInEffect(ro: RolloutWire): NonNullable<CanaryStepWire["setCanaryScale"]> | null {
  if (!ro.spec.strategy.canary?.trafficRouting) return null;
  if (ro.status?.abort && abortScaleDownDelay(ro).seconds !== null) return null;
  const { step, index } = currentCanaryStep(ro);
  if (!step || index === null) return null;
  const steps = canarySteps(ro);
  for (let i = index; i >= 0; i--) {
    const scs = steps[i]?.setCanaryScale;
    if (!scs) continue;
    return scs.matchTrafficWeight ? null : scs;
  }
  return null;
}

/** trafficWeightToReplicas: rounds up. */
export function trafficWeightToReplicas(replicas: number, weight: number, maxWeight: number): number {
  return Math.ceil((weight * replicas) / maxWeight);
}

/** GetDesiredCanaryWeight: after an abort with dynamicStableScale, the setWeight step to scale the canary back to; else the current setWeight. */
export function desiredCanaryWeight(ro: RolloutWire, newRS: ScaleReplicaSet | null, stableRS: ScaleReplicaSet | null): number {
  if (ro.status?.abort && ro.spec.strategy.canary?.dynamicStableScale && newRS && stableRS) {
    const maxWeight = maxTrafficWeight(ro);
    const replicas = specReplicas(ro);
    const expectedCanary = replicas - stableRS.available;
    const canaryReplicas = abortScaleDownDelay(ro).explicit ? expectedCanary : Math.max(expectedCanary, newRS.available);
    const steps = canarySteps(ro);
    for (let i = steps.length - 1; i >= 0; i--) {
      const w = steps[i]?.setWeight;
      if (w !== null && w !== undefined && trafficWeightToReplicas(replicas, w, maxWeight) < canaryReplicas) return w;
    }
    return 0;
  }
  return currentSetWeight(ro);
}

/** GetCanaryReplicasOrWeight: replicas set by a setCanaryScale step, or the weight the canary is scaled for. */
export function canaryReplicasOrWeight(ro: RolloutWire, newRS: ScaleReplicaSet | null, stableRS: ScaleReplicaSet | null): { replicas: number | null; weight: number } {
  const s = ro.status ?? {};
  if (s.promoteFull || !s.stableRS || s.currentPodHash === s.stableRS) return { replicas: null, weight: maxTrafficWeight(ro) };
  const scs = canaryScaleInEffect(ro);
  if (scs?.replicas !== null && scs?.replicas !== undefined) return { replicas: scs.replicas, weight: 0 };
  if (scs?.weight !== null && scs?.weight !== undefined) return { replicas: null, weight: scs.weight };
  return { replicas: null, weight: desiredCanaryWeight(ro, newRS, stableRS) };
}

/** CheckMinPodsPerReplicaSet (traffic routing only; capped at spec.replicas). */
function withMinPods(ro: RolloutWire, count: number): number {
  const min = ro.spec.strategy.canary?.minPodsPerReplicaSet;
  if (count === 0 || min === null || min === undefined || !ro.spec.strategy.canary?.trafficRouting) return count;
  return Math.max(count, Math.min(min, specReplicas(ro)));
}

/** CalculateReplicaCountsForTrafficRoutedCanary: stable stays full unless dynamicStableScale; then it follows the higher of the desired and the actual stable weight. */
export function trafficRoutedCanaryCounts(ro: RolloutWire, newRS: ScaleReplicaSet | null, stableRS: ScaleReplicaSet | null, weights: CanaryWeights | null): { canary: number; stable: number } {
  const replicas = specReplicas(ro);
  const { replicas: scaled, weight } = canaryReplicasOrWeight(ro, newRS, stableRS);
  const maxWeight = maxTrafficWeight(ro);
  let canary = scaled ?? withMinPods(ro, trafficWeightToReplicas(replicas, weight, maxWeight));
  if (!ro.spec.strategy.canary?.dynamicStableScale) return { canary, stable: replicas };
  let stable = trafficWeightToReplicas(replicas, maxWeight - weight, maxWeight);
  if (weights) {
    stable = Math.max(stable, trafficWeightToReplicas(replicas, weights.stable, maxWeight));
    if (ro.status?.abort) canary = Math.max(trafficWeightToReplicas(replicas, weights.canary, maxWeight), canary);
  }
  return { canary: withMinPods(ro, canary), stable: withMinPods(ro, stable) };
}
