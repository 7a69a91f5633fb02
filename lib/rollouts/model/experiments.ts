import { POD_TEMPLATE_HASH_LABEL, type ExperimentWire, type ReplicaSetWire, type RolloutWire } from "../wire";
import type { ExperimentTemplateView, ExperimentView } from "./schema";
import { currentCanaryStep } from "./steps";

/** Experiments kept in the view: the current one and the most recent before it. */
const MAX_EXPERIMENTS = 3;

type Owner = { metadata: { name: string; uid?: string | null | undefined } };
type Owned = { metadata: { ownerReferences?: readonly { kind: string; name: string; uid?: string | undefined }[] | undefined } };

/** Whether an Experiment owns the object (its uid, or its name when the object has no uids). */
export function ownedByExperiment(obj: Owned, experiment: Owner): boolean {
  return (obj.metadata.ownerReferences ?? []).some((ref) => ref.kind === "Experiment" && (experiment.metadata.uid ? ref.uid === experiment.metadata.uid : ref.name === experiment.metadata.name));
}

/** The template's ReplicaSet: by the hash Argo reports, else by the name Argo gives it, `<experiment>-<template>`. */
function templateReplicaSet(replicaSets: readonly ReplicaSetWire[], experiment: string, template: string, hash: string | null): ReplicaSetWire | undefined {
  if (hash) return replicaSets.find((rs) => rs.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] === hash);
  return replicaSets.find((rs) => rs.metadata.name === `${experiment}-${template}`);
}

function stepWeights(ro: RolloutWire): Map<string, number> {
  const { step } = currentCanaryStep(ro);
  const out = new Map<string, number>();
  for (const t of step?.experiment?.templates ?? []) if (t.weight !== null && t.weight !== undefined) out.set(t.name, t.weight);
  return out;
}

function templateViews(exp: ExperimentWire, replicaSets: readonly ReplicaSetWire[], weights: ReadonlyMap<string, number> | null): ExperimentTemplateView[] {
  const statuses = new Map((exp.status?.templateStatuses ?? []).map((t) => [t.name, t]));
  return (exp.spec.templates ?? []).map((t) => {
    const st = statuses.get(t.name);
    const rs = templateReplicaSet(replicaSets, exp.metadata.name, t.name, st?.podTemplateHash ?? null);
    const containers = t.template?.spec?.containers ?? [];
    return {
      name: t.name,
      status: st?.status ?? null,
      message: st?.message ?? null,
      desired: t.replicas ?? 1,
      ready: st?.readyReplicas ?? rs?.status?.readyReplicas ?? 0,
      available: st?.availableReplicas ?? rs?.status?.availableReplicas ?? 0,
      podTemplateHash: st?.podTemplateHash ?? rs?.metadata.labels?.[POD_TEMPLATE_HASH_LABEL] ?? null,
      replicaSet: rs?.metadata.name ?? null,
      serviceName: st?.serviceName ?? null,
      weight: weights?.get(t.name) ?? null,
      images: containers.map((c) => c.image ?? "").filter((i) => i !== ""),
    };
  });
}

/**
 * The Rollout's Experiments (those it owns), newest first: each template's
 * status, replicas, ReplicaSet, Service and — for the experiment of the
 * current step — its traffic weight, with the analyses the experiment runs.
 */
export function experimentViews(ro: RolloutWire, experiments: readonly ExperimentWire[], replicaSets: readonly ReplicaSetWire[]): ExperimentView[] {
  const currentName = ro.status?.canary?.currentExperiment ?? null;
  const sorted = [...experiments].sort((a, b) => (b.metadata.creationTimestamp ?? "").localeCompare(a.metadata.creationTimestamp ?? "") || a.metadata.name.localeCompare(b.metadata.name));
  return sorted.slice(0, MAX_EXPERIMENTS).map((exp) => {
    const current = exp.metadata.name === currentName;
    const own = replicaSets.filter((rs) => ownedByExperiment(rs, exp));
    return {
      name: exp.metadata.name,
      phase: exp.status?.phase ?? "",
      message: exp.status?.message ?? null,
      createdAt: exp.metadata.creationTimestamp ?? null,
      current,
      duration: exp.spec.duration ?? null,
      templates: templateViews(exp, own, current ? stepWeights(ro) : null),
      analysisRuns: (exp.status?.analysisRuns ?? []).map((a) => ({ name: a.name, analysisRun: a.analysisRun ?? null, phase: a.phase ?? null, message: a.message ?? null })),
    };
  });
}
