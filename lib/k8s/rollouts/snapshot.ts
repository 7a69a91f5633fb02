import "server-only";
import type { RolloutsDegraded } from "@/lib/api/rollouts";
import type { CacheSnapshot, CachedObject, KindSnapshot } from "@/lib/k8s/cache/store";
import type { RolloutSnapshot } from "@/lib/rollouts/model";
import {
  analysisRunWire,
  experimentWire,
  podWire,
  POD_TEMPLATE_HASH_LABEL,
  replicaSetWire,
  rolloutWire,
  workloadWire,
  type AnalysisRunWire,
  type ExperimentWire,
  type PodWire,
  type ReplicaSetWire,
  type RolloutWire,
  type WorkloadWire,
} from "@/lib/rollouts/wire";

/** The Rollouts, their ReplicaSets and AnalysisRuns of a (user-filtered) cache snapshot, parsed; malformed objects are skipped. */
export interface ParsedRollouts extends RolloutSnapshot {
  rollouts: RolloutWire[];
  replicaSets: ReplicaSetWire[];
  analysisRuns: AnalysisRunWire[];
  experiments: ExperimentWire[];
  experimentReplicaSets: ReplicaSetWire[];
  pods: PodWire[];
  workloads: WorkloadWire[];
  degraded: RolloutsDegraded | null;
}

function* objectsOf(kind: KindSnapshot | undefined, namespace?: string): Iterable<CachedObject> {
  if (!kind) return;
  if (namespace !== undefined) {
    const inner = kind.objects.get(namespace);
    if (inner) yield* inner.values();
    return;
  }
  for (const inner of kind.objects.values()) yield* inner.values();
}

function ownedByKind(kind: string): (o: CachedObject) => boolean {
  return (o) => {
    const refs = o.metadata.ownerReferences;
    return Array.isArray(refs) && refs.some((r: unknown) => typeof r === "object" && r !== null && (r as { kind?: unknown }).kind === kind);
  };
}
const ownedByRollout = ownedByKind("Rollout");
const ownedByExperiment = ownedByKind("Experiment");

// Cached objects are frozen and replaced on change: each is parsed once, not on every cache revision.
const parsedByObject = new WeakMap<CachedObject, unknown>();
const INVALID = Symbol("invalid");

function parseAll<T>(objects: Iterable<CachedObject>, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, keep: (o: CachedObject) => boolean = () => true): T[] {
  const out: T[] = [];
  for (const o of objects) {
    if (!keep(o)) continue;
    let parsed = parsedByObject.get(o) as T | typeof INVALID | undefined;
    if (parsed === undefined) {
      const r = schema.safeParse(o);
      parsed = r.success ? r.data : INVALID;
      parsedByObject.set(o, parsed);
    }
    if (parsed !== INVALID) out.push(parsed);
  }
  return out;
}

/** Why Rollouts cannot be shown at all, or null. A CRD that is not installed is "CrdMissing" (the panel degrades, not the page). */
export function rolloutsDegraded(snapshot: CacheSnapshot): RolloutsDegraded | null {
  const kind = snapshot.kinds.get("rollouts");
  if (!kind || kind.status === "missing") return { code: "CrdMissing", message: "Argo Rollouts is not installed in this cluster (no rollouts.argoproj.io CRD)." };
  if (kind.status === "forbidden") return { code: "Forbidden", message: "You may not list rollouts.argoproj.io in any namespace." };
  if (kind.status === "syncing" && kind.count === 0) return { code: "Unavailable", message: "Rollouts are still loading." };
  if (kind.status === "error" && kind.count === 0) return { code: "Unavailable", message: `Rollouts could not be read${kind.lastError ? `: ${kind.lastError.message}` : ""}.` };
  return null;
}

/** Pods of Argo's ReplicaSets (they carry the rollouts-pod-template-hash label). */
const rolloutPod = (o: CachedObject) => !!o.metadata.labels?.[POD_TEMPLATE_HASH_LABEL];

/** Deployments some Rollout names in spec.workloadRef. */
function referencedWorkloads(snapshot: CacheSnapshot, rollouts: readonly RolloutWire[], namespace?: string): WorkloadWire[] {
  const refs = new Set(rollouts.filter((r) => r.spec.workloadRef?.kind === "Deployment").map((r) => `${r.metadata.namespace ?? "default"}/${r.spec.workloadRef?.name}`));
  if (refs.size === 0) return [];
  const deployments = parseAll(objectsOf(snapshot.kinds.get("deployments"), namespace), workloadWire, (o) => refs.has(`${o.metadata.namespace ?? "default"}/${o.metadata.name}`));
  return deployments.map((d) => (d.kind ? d : { ...d, kind: "Deployment" }));
}

/** Parses what the rollout views need; `namespace` limits it to one namespace. */
export function parseRollouts(snapshot: CacheSnapshot, namespace?: string): ParsedRollouts {
  const kinds = snapshot.kinds;
  const rollouts = parseAll(objectsOf(kinds.get("rollouts"), namespace), rolloutWire);
  return {
    rollouts,
    replicaSets: parseAll(objectsOf(kinds.get("replicasets"), namespace), replicaSetWire, ownedByRollout),
    analysisRuns: parseAll(objectsOf(kinds.get("analysisruns"), namespace), analysisRunWire, ownedByRollout),
    experiments: parseAll(objectsOf(kinds.get("experiments"), namespace), experimentWire, ownedByRollout),
    experimentReplicaSets: parseAll(objectsOf(kinds.get("replicasets"), namespace), replicaSetWire, ownedByExperiment),
    pods: parseAll(objectsOf(kinds.get("pods"), namespace), podWire, rolloutPod),
    workloads: referencedWorkloads(snapshot, rollouts, namespace),
    degraded: rolloutsDegraded(snapshot),
  };
}

export function cachedOne(snapshot: CacheSnapshot, kind: string, namespace: string, name: string): CachedObject | undefined {
  return snapshot.kinds.get(kind)?.objects.get(namespace)?.get(name);
}
