import type { AnalysisRunWire, ExperimentWire, PodWire, ReplicaSetWire, RolloutWire, WorkloadWire } from "../wire";
import { buildRolloutView } from "./build";
import type { RolloutPhase, RolloutView } from "./schema";

/** Every Rollout, ReplicaSet, AnalysisRun and Experiment the dashboard sees (any namespaces). */
export interface RolloutSnapshot {
  rollouts: readonly RolloutWire[];
  /** ReplicaSets owned by Rollouts. */
  replicaSets: readonly ReplicaSetWire[];
  analysisRuns: readonly AnalysisRunWire[];
  experiments?: readonly ExperimentWire[];
  /** ReplicaSets owned by Experiments. */
  experimentReplicaSets?: readonly ReplicaSetWire[];
  /** Pods owned by those ReplicaSets. */
  pods?: readonly PodWire[];
  /** Workloads (Deployments) named by Rollouts' workloadRef. */
  workloads?: readonly WorkloadWire[];
}

type Owned = { metadata: { namespace?: string | undefined; ownerReferences?: readonly { kind: string; name: string; uid?: string | undefined }[] | undefined } };

/** Objects by the Rollouts that own them: by owner uid and by namespace/name, so each Rollout finds its own in O(1). */
function indexByOwner<T extends Owned>(objects: readonly T[], kind = "Rollout"): Map<string, T[]> {
  const index = new Map<string, T[]>();
  const add = (key: string, o: T) => {
    const list = index.get(key);
    if (list) list.push(o);
    else index.set(key, [o]);
  };
  for (const o of objects) {
    for (const ref of o.metadata.ownerReferences ?? []) {
      if (ref.kind !== kind) continue;
      if (ref.uid) add(`uid:${ref.uid}`, o);
      add(`name:${o.metadata.namespace ?? "default"}/${ref.name}`, o);
    }
  }
  return index;
}

function ownedFrom<T>(index: Map<string, T[]>, owner: { metadata: { uid?: string | null | undefined; namespace?: string | null | undefined; name: string } }): T[] {
  const uid = owner.metadata.uid;
  return (uid ? index.get(`uid:${uid}`) : index.get(`name:${owner.metadata.namespace ?? "default"}/${owner.metadata.name}`)) ?? [];
}

/** The view of every Rollout, in {@link sortRollouts} order. Linear in the number of objects. */
export function buildRolloutViews(snapshot: RolloutSnapshot, now: number): RolloutView[] {
  const rsIndex = indexByOwner(snapshot.replicaSets);
  const arIndex = indexByOwner(snapshot.analysisRuns);
  const exIndex = indexByOwner(snapshot.experiments ?? []);
  const exRsIndex = indexByOwner(snapshot.experimentReplicaSets ?? [], "Experiment");
  const podIndex = indexByOwner(snapshot.pods ?? [], "ReplicaSet");
  const workloads = new Map((snapshot.workloads ?? []).map((w) => [`${w.kind ?? "Deployment"}/${w.metadata.namespace ?? "default"}/${w.metadata.name}`, w]));
  const views = snapshot.rollouts.map((rollout) => {
    const experiments = ownedFrom(exIndex, rollout);
    const experimentReplicaSets = experiments.flatMap((e) => ownedFrom(exRsIndex, e));
    const replicaSets = ownedFrom(rsIndex, rollout);
    const pods = [...replicaSets, ...experimentReplicaSets].flatMap((rs) => ownedFrom(podIndex, rs));
    const ref = rollout.spec.workloadRef;
    const workload = ref ? (workloads.get(`${ref.kind}/${rollout.metadata.namespace ?? "default"}/${ref.name}`) ?? null) : null;
    return buildRolloutView({ rollout, replicaSets, analysisRuns: ownedFrom(arIndex, rollout), experiments, experimentReplicaSets, pods, workload }, now);
  });
  return sortRollouts(views);
}

const PHASE_RANK: Record<RolloutPhase, number> = { Degraded: 1, Progressing: 2, Paused: 3, Healthy: 4 };

/** 0 for a pending promotion, then Degraded, Progressing, Paused, Healthy. */
export function rolloutRank(v: Pick<RolloutView, "promotionPending" | "phase">): number {
  return v.promotionPending ? 0 : PHASE_RANK[v.phase];
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Pending promotions first, the longest-waiting first; then Degraded,
 * Progressing, Paused and Healthy, each by namespace and name. Returns a new array.
 */
export function sortRollouts(views: readonly RolloutView[]): RolloutView[] {
  const keyed = views.map((v) => ({ v, rank: rolloutRank(v), since: v.promotionPending ? (v.pause?.since ? Date.parse(v.pause.since) : Number.POSITIVE_INFINITY) : 0 }));
  keyed.sort((a, b) => a.rank - b.rank || a.since - b.since || cmp(a.v.namespace, b.v.namespace) || cmp(a.v.name, b.v.name));
  return keyed.map((k) => k.v);
}

export interface RolloutFilter {
  /** One namespace or several; empty or absent: all. */
  namespaces?: readonly string[];
  phases?: readonly RolloutPhase[];
  /** Only rollouts waiting for a promotion. */
  promotionPending?: boolean;
  /** Case-insensitive, every word must occur in the namespace/name or an image (spec, stable, canary or any revision). */
  text?: string;
}

const searchText = new WeakMap<RolloutView, string>();

/** The lower-cased text {@link filterRollouts} searches, computed once per view. */
export function rolloutSearchText(v: RolloutView): string {
  let s = searchText.get(v);
  if (s === undefined) {
    const images = new Set<string>([...v.containers.map((c) => c.image), ...v.revisions.flatMap((r) => [...r.images, ...r.initImages])]);
    s = [v.key, ...images].join("\n").toLowerCase();
    searchText.set(v, s);
  }
  return s;
}

export function filterRollouts(views: readonly RolloutView[], filter: RolloutFilter): RolloutView[] {
  const namespaces = filter.namespaces?.length ? new Set(filter.namespaces) : null;
  const phases = filter.phases?.length ? new Set(filter.phases) : null;
  const words = (filter.text ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  return views.filter((v) => {
    if (namespaces && !namespaces.has(v.namespace)) return false;
    if (phases && !phases.has(v.phase)) return false;
    if (filter.promotionPending && !v.promotionPending) return false;
    if (words.length === 0) return true;
    const text = rolloutSearchText(v);
    return words.every((w) => text.includes(w));
  });
}

/** Counts for the filter chips: per phase, and pending promotions. */
export function rolloutCounts(views: readonly RolloutView[]): Record<RolloutPhase | "promotionPending", number> {
  const out = { Healthy: 0, Progressing: 0, Paused: 0, Degraded: 0, promotionPending: 0 };
  for (const v of views) {
    out[v.phase]++;
    if (v.promotionPending) out.promotionPending++;
  }
  return out;
}
