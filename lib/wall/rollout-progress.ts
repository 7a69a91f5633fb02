import type { RolloutSummary } from "@/lib/api/rollouts";
import { measurementText } from "@/lib/rollouts/model/analysis";
import type { AnalysisRunView, MeasurementView, RolloutView } from "@/lib/rollouts/model/schema";

const lastMeasurement = (ms: readonly MeasurementView[]): string | null => {
  const last = ms.at(-1);
  return last ? measurementText(last) : null;
};

// What the wall shows of a Rollout in progress. Pure.

/** In progress: anything but a settled Healthy rollout (a pending promotion counts). */
export function isInProgress(r: Pick<RolloutSummary, "phase" | "promotionPending">): boolean {
  return r.phase !== "Healthy" || r.promotionPending;
}

const PHASE_ORDER: Readonly<Record<RolloutSummary["phase"], number>> = { Degraded: 0, Paused: 1, Progressing: 2, Healthy: 3 };

/** Degraded first, then paused (waiting for someone), then progressing; by namespace and name within. */
export function byUrgency(a: RolloutSummary, b: RolloutSummary): number {
  return PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}

export interface MetricStatus {
  readonly name: string;
  readonly phase: string;
  readonly successful: number;
  readonly failed: number;
  /** The latest measurement's value as Argo stores it. */
  readonly lastValue: string | null;
  readonly condition: string | null;
}

export interface AnalysisStatus {
  readonly run: string;
  readonly type: string | null;
  readonly phase: string;
  readonly metrics: readonly MetricStatus[];
  /** The run failed or errored, or a metric has failed measurements (its threshold was crossed). */
  readonly failing: boolean;
}

const FAILED_PHASES: ReadonlySet<string> = new Set(["Failed", "Error"]);

function runTime(run: AnalysisRunView): string {
  return run.startedAt ?? run.createdAt ?? "";
}

/** The analysis of the newest revision: a running run first, else the latest one. Null without analysis. */
export function currentAnalysis(view: Pick<RolloutView, "analysisRuns">): AnalysisStatus | null {
  if (view.analysisRuns.length === 0) return null;
  const newest = Math.max(...view.analysisRuns.map((r) => r.revision));
  const runs = view.analysisRuns.filter((r) => r.revision === newest);
  const running = runs.filter((r) => r.phase === "Running" || r.phase === "Pending" || r.phase === "");
  const pool = running.length > 0 ? running : runs;
  const run = [...pool].sort((a, b) => runTime(b).localeCompare(runTime(a)) || b.name.localeCompare(a.name))[0];
  if (!run) return null;
  const metrics = run.metrics.map(
    (m): MetricStatus => ({
      name: m.name,
      phase: m.phase,
      successful: m.successful,
      failed: m.failed,
      lastValue: lastMeasurement(m.measurements),
      condition: m.successCondition ?? m.failureCondition,
    }),
  );
  const failing = FAILED_PHASES.has(run.phase) || metrics.some((m) => m.failed > 0 || FAILED_PHASES.has(m.phase));
  return { run: run.name, type: run.type, phase: run.phase || "Pending", metrics, failing };
}

/** "Step 2/4 · Pause (indefinite)"; "Blue-green"; "–". */
export function stepText(view: Pick<RolloutView, "strategy" | "step" | "currentStep">): string {
  if (view.step) return `Step ${view.step.index}/${view.step.count}${view.currentStep ? ` · ${view.currentStep.label}` : ""}`;
  if (view.strategy === "blueGreen") return "Blue-green";
  return view.currentStep?.label ?? "–";
}
