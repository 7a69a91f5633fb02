import type { ObjectMeta } from "@/lib/istio/wire";
import type { ArgoClaim } from "./argo-ownership";
import type { Owner, OwnerSignal } from "./schema";

export const flaggerFieldManager = "flagger";

const precedence: OwnerSignal["kind"][] = ["flagger", "argo-rollouts", "helm"];

/**
 * Who writes an object. Signals, strongest first: Flagger (ownerReference to a
 * flagger.app Canary, or its field manager); Argo Rollouts (the Rollouts
 * writing it now, from ./argo-ownership: live references, never a past field
 * manager); Helm (managed-by label or release annotation). Several signals are
 * all kept: a Helm-installed VirtualService driven by a Rollout is owned by
 * Argo for its weights, and a `helm upgrade` will still reset them.
 */
export function detectOwner(meta: ObjectMeta, argo: readonly ArgoClaim[] = []): Owner {
  const signals: OwnerSignal[] = [];
  for (const ref of meta.ownerReferences ?? []) {
    if (ref.kind === "Canary" && ref.apiVersion.startsWith("flagger.app/")) signals.push({ kind: "flagger", name: ref.name, reason: `ownerReference to Flagger Canary ${ref.name}` });
  }
  const managers = new Set((meta.managedFields ?? []).map((f) => f.manager).filter((m): m is string => !!m));
  if (managers.has(flaggerFieldManager)) signals.push({ kind: "flagger", name: null, reason: "fields managed by the flagger controller (managedFields)" });
  for (const c of argo) signals.push({ kind: "argo-rollouts", name: c.rollout, reason: c.reason });
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
