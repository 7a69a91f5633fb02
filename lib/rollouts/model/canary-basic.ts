import type { RolloutWire } from "../wire";
import { canaryReplicasOrWeight, maxSurge, maxUnavailable, specReplicas, type ScaleReplicaSet } from "./canary-scale";
import { maxTrafficWeight } from "./steps";

// The basic canary (no traffic routing): replica counts approximate the weight
// within maxSurge and maxUnavailable. Port of Argo Rollouts v1.9.3
// utils/replicaset/canary.go CalculateReplicaCountsForBasicCanary and helpers.

/** floorCeilingTied: canary counts below and above the weight are equally far from it. */
function tied(weight: number, maxWeight: number, total: number): boolean {
  const x = total * (weight / maxWeight);
  return x - Math.trunc(x) === 0.5;
}

function weightDelta(weight: number, maxWeight: number, canary: number, total: number): number {
  return Math.abs((canary * maxWeight) / total - weight);
}

/** approximateWeightedCanaryStableReplicaCounts: the canary/stable counts closest to the weight (total spec.replicas, or one more when surge is allowed). */
export function approximateWeightedCounts(replicas: number, weight: number, maxWeight: number, surge: number): { canary: number; stable: number } {
  if (replicas === 0) return { canary: 0, stable: 0 };
  const ceil = Math.ceil((replicas * weight) / maxWeight);
  const floor = Math.floor((replicas * weight) / maxWeight);
  const zeroAllowed = weight === maxWeight || weight === 0 || (replicas === 1 && surge === 0);
  const options: { canary: number; total: number }[] = [];
  if (ceil < replicas || zeroAllowed) options.push({ canary: ceil, total: replicas });
  if (!tied(weight, maxWeight, replicas) && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: replicas });
  if (surge > 0) {
    options.push({ canary: ceil, total: replicas + 1 });
    if (!tied(weight, maxWeight, replicas + 1) && (floor !== 0 || zeroAllowed)) options.push({ canary: floor, total: replicas + 1 });
  }
  const [first, ...rest] = options;
  if (!first) return { canary: 0, stable: replicas };
  let best = first;
  for (const o of rest) if (weightDelta(weight, maxWeight, o.canary, o.total) < weightDelta(weight, maxWeight, best.canary, best.total)) best = o;
  return { canary: best.canary, stable: best.total - best.canary };
}

/** GetReplicasForScaleDown. */
function replicasForScaleDown(rs: ScaleReplicaSet | null, ignoreAvailability: boolean): number {
  if (!rs) return 0;
  if (rs.replicas < rs.available || ignoreAvailability) return rs.replicas;
  return rs.available;
}

function sum(rss: readonly (ScaleReplicaSet | null)[]): number {
  return rss.reduce((n, rs) => n + (rs?.replicas ?? 0), 0);
}

/** calculateScaleDownReplicaCount. */
function scaleDownCount(drain: ScaleReplicaSet | null, desired: number, count: number, current: number): number {
  return drain && drain.replicas > desired ? Math.max(desired, drain.replicas - count) : current;
}

/** adjustReplicaWithinLimits: keeps the pair within maxSurge and maxUnavailable. Returns [drain, adjust]. */
function adjustWithinLimits(drain: ScaleReplicaSet | null, adjust: ScaleReplicaSet | null, drainCount: number, adjustCount: number, maxAllowed: number, minAvailable: number): [number, number] {
  let over = Math.max(0, adjustCount + drainCount - maxAllowed);
  let available = drain ? Math.min(drain.available, drainCount) : 0;
  if (!adjust) return [drainCount, adjustCount];
  let a = adjustCount - over;
  available += Math.min(adjust.available, a);
  const extra = Math.max(0, adjust.available - a);
  a += Math.min(extra, Math.max(0, minAvailable - available));
  over = Math.max(0, a + drainCount - maxAllowed);
  return [drainCount - over, a];
}

/** Scale-up part: the stable first, then the canary, within spec.replicas + maxSurge. */
function scaleUp(newRS: ScaleReplicaSet | null, stableRS: ScaleReplicaSet | null, desired: { canary: number; stable: number }, counts: { canary: number; stable: number }, room: number) {
  let left = room;
  if (stableRS && stableRS.replicas < desired.stable && left > 0) {
    if (stableRS.replicas + left < desired.stable) {
      counts.stable = stableRS.replicas + left;
      left = 0;
    } else {
      counts.stable = desired.stable;
      left -= desired.stable - stableRS.replicas;
    }
  }
  if (newRS && newRS.replicas < desired.canary && left > 0) counts.canary = Math.min(newRS.replicas + left, desired.canary);
}

/**
 * CalculateReplicaCountsForBasicCanary: the counts the controller scales the
 * canary (new) and stable ReplicaSets to next, older ReplicaSets going first.
 */
export function basicCanaryCounts(ro: RolloutWire, newRS: ScaleReplicaSet | null, stableRS: ScaleReplicaSet | null, olderRSs: readonly ScaleReplicaSet[]): { canary: number; stable: number } {
  const replicas = specReplicas(ro);
  const { weight } = canaryReplicasOrWeight(ro, newRS, stableRS);
  const surge = maxSurge(ro);
  const desired = approximateWeightedCounts(replicas, weight, maxTrafficWeight(ro), surge);
  const scaleStable = !!stableRS && (!newRS || newRS.name !== stableRS.name);
  const stable = scaleStable ? stableRS : null;
  if (!scaleStable) Object.assign(desired, { canary: replicas, stable: 0 });
  const counts = { canary: newRS?.replicas ?? 0, stable: stable?.replicas ?? 0 };
  const maxAllowed = replicas + surge;
  scaleUp(newRS, stable, desired, counts, maxAllowed - sum([...olderRSs, newRS, stable]));
  if (sum(olderRSs) > 0) return counts;

  const minAvailable = replicas - maxUnavailable(ro);
  const increasing = !newRS || desired.canary >= newRS.replicas;
  const toScaleDown = replicasForScaleDown(newRS, !increasing) + replicasForScaleDown(stableRS, increasing);
  if (toScaleDown <= minAvailable) return counts;
  const down = toScaleDown - minAvailable;
  if (!increasing) {
    counts.canary = scaleDownCount(newRS, desired.canary, down, counts.canary);
    [counts.canary, counts.stable] = adjustWithinLimits(newRS, stableRS, counts.canary, counts.stable, maxAllowed, minAvailable);
  } else if (scaleStable) {
    counts.stable = scaleDownCount(stable, desired.stable, down, counts.stable);
    [counts.stable, counts.canary] = adjustWithinLimits(stable, newRS, counts.stable, counts.canary, maxAllowed, minAvailable);
  }
  return counts;
}
