import type { ObjectMeta } from "@/lib/istio/wire";
import type { Owner, OwnerSignal } from "./schema";

export const argoManagedByAnnotation = "argo-rollouts.argoproj.io/managed-by-rollouts";
/** The field manager of the Argo Rollouts controller (binary rollouts-controller, client-go default user agent). */
export const argoFieldManager = "rollouts-controller";
export const flaggerFieldManager = "flagger";

/** A Rollout that references the object from its trafficRouting (computed by the caller). */
export interface RolloutReference {
  rollout: string;
  via: string;
}

const precedence: OwnerSignal["kind"][] = ["flagger", "argo-rollouts", "helm"];

/**
 * Who writes an object. Signals, strongest first: Flagger (ownerReference to a
 * flagger.app Canary, or its field manager); Argo Rollouts (a Rollout's
 * trafficRouting names the object, the managed-by-rollouts annotation Argo
 * puts on DestinationRules and Services, or the rollouts-controller field
 * manager — Argo only writes a VirtualService when weights change); Helm
 * (managed-by label or release annotation). Several signals are all kept: a
 * Helm-installed VirtualService driven by a Rollout is owned by Argo for its
 * weights, and a `helm upgrade` will still reset them.
 */
export function detectOwner(meta: ObjectMeta, rollouts: readonly RolloutReference[] = []): Owner {
  const signals: OwnerSignal[] = [];
  for (const ref of meta.ownerReferences ?? []) {
    if (ref.kind === "Canary" && ref.apiVersion.startsWith("flagger.app/")) signals.push({ kind: "flagger", name: ref.name, reason: `ownerReference to Flagger Canary ${ref.name}` });
  }
  const managers = new Set((meta.managedFields ?? []).map((f) => f.manager).filter((m): m is string => !!m));
  if (managers.has(flaggerFieldManager)) signals.push({ kind: "flagger", name: null, reason: "fields managed by the flagger controller (managedFields)" });
  for (const r of rollouts) signals.push({ kind: "argo-rollouts", name: r.rollout, reason: `Rollout ${r.rollout} references it in ${r.via}` });
  const annotated = meta.annotations?.[argoManagedByAnnotation];
  if (annotated !== undefined) {
    const names = annotated.split(",").map((s) => s.trim()).filter(Boolean);
    signals.push({ kind: "argo-rollouts", name: names[0] ?? null, reason: `annotation ${argoManagedByAnnotation}=${annotated}` });
  }
  if (managers.has(argoFieldManager)) signals.push({ kind: "argo-rollouts", name: null, reason: `fields managed by ${argoFieldManager} (managedFields)` });
  const release = meta.annotations?.["meta.helm.sh/release-name"];
  if (meta.labels?.["app.kubernetes.io/managed-by"] === "Helm" || release !== undefined) {
    signals.push({ kind: "helm", name: release ?? null, reason: release ? `Helm release ${release}` : "label app.kubernetes.io/managed-by=Helm" });
  }
  signals.sort((a, b) => precedence.indexOf(a.kind) - precedence.indexOf(b.kind));
  const first = signals[0];
  if (!first) return { kind: "manual", name: null, reason: "no Argo Rollouts, Flagger or Helm markers", weightsLocked: false, signals };
  const named = signals.find((s) => s.kind === first.kind && s.name !== null);
  return { kind: first.kind, name: named?.name ?? null, reason: first.reason, weightsLocked: first.kind !== "helm", signals };
}
