import type { RolloutSummary } from "@/lib/api/rollouts";
import type { RolloutView } from "@/lib/rollouts/model/schema";
import { canaryOverThreshold, type CanaryErrors } from "./canary-errors";
import { inScope } from "./config";
import { currentAnalysis } from "./rollout-progress";

// What must be unmissable on the wall: a Degraded (or aborted) Rollout, a
// canary whose analysis crossed its threshold, and a canary whose observed
// 5xx share reaches the wall's error threshold. Pure.

export type WallAlertKind = "aborted" | "degraded" | "analysis" | "errors";

export interface WallAlert {
  /** Stable: "namespace/name#kind". */
  readonly id: string;
  readonly kind: WallAlertKind;
  /** "namespace/name". */
  readonly rollout: string;
  readonly title: string;
  readonly detail: string;
}

export interface AlertInput {
  readonly rollouts: readonly RolloutSummary[];
  /** Details of Rollouts in progress, by key ("namespace/name"). */
  readonly details: ReadonlyMap<string, RolloutView>;
  /** Observed canary and stable errors, by key. */
  readonly errors: ReadonlyMap<string, CanaryErrors | null>;
  /** 0..1. */
  readonly threshold: number;
  /** null: every namespace. */
  readonly scope: ReadonlySet<string> | null;
}

const pct = (ratio: number) => `${(ratio * 100).toFixed(ratio < 0.1 ? 1 : 0)} %`;

const KIND_ORDER: Readonly<Record<WallAlertKind, number>> = { aborted: 0, degraded: 1, analysis: 2, errors: 3 };

export function wallAlerts(input: AlertInput): WallAlert[] {
  const out: WallAlert[] = [];
  for (const r of input.rollouts) {
    if (!inScope(r.namespace, input.scope)) continue;
    const key = `${r.namespace}/${r.name}`;
    if (r.phase === "Degraded") {
      const kind = r.aborted ? "aborted" : "degraded";
      out.push({ id: `${key}#${kind}`, kind, rollout: key, title: `Rollout ${key} ${r.aborted ? "aborted" : "Degraded"}`, detail: r.message || "no message from the controller" });
    }
    const detail = input.details.get(key);
    const analysis = detail && r.phase !== "Healthy" ? currentAnalysis(detail) : null;
    if (analysis?.failing) {
      const failed = analysis.metrics.filter((m) => m.failed > 0 || m.phase === "Failed" || m.phase === "Error");
      const what = failed.map((m) => `${m.name}${m.lastValue !== null ? ` = ${m.lastValue}` : ""}${m.condition ? ` (needs ${m.condition})` : ""}`).join("; ");
      out.push({ id: `${key}#analysis`, kind: "analysis", rollout: key, title: `Canary ${key}: analysis ${analysis.phase === "Running" ? "failing" : analysis.phase.toLowerCase()}`, detail: what || analysis.run });
    }
    const errors = input.errors.get(key);
    if (r.phase !== "Healthy" && errors && canaryOverThreshold(errors, input.threshold) && errors.canary.ratio !== null) {
      const stable = errors.stable.ratio !== null ? `; stable ${pct(errors.stable.ratio)}` : "";
      out.push({
        id: `${key}#errors`,
        kind: "errors",
        rollout: key,
        title: `Canary ${key}: ${pct(errors.canary.ratio)} errors`,
        detail: `5xx share of the canary over the last ${Math.round(errors.seconds)} s is at or above the ${pct(input.threshold)} threshold${stable}`,
      });
    }
  }
  return out.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.rollout.localeCompare(b.rollout));
}
