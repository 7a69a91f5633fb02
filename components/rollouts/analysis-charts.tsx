"use client";

import { Badge } from "@/components/ui/badge";
import type { AnalysisRunView } from "@/lib/rollouts/model/schema";
import { AnalysisMetric, phaseTone } from "./analysis-metric";

/** Runs shown unfolded: the newest ones; older ones (retries of the same revision pile up) fold away. */
const SHOWN = 2;

const newestFirst = (a: AnalysisRunView, b: AnalysisRunView) => b.revision - a.revision || (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || b.name.localeCompare(a.name);

function Run({ run }: { run: AnalysisRunView }) {
  return (
    <div className="rounded border border-slate-200 p-3" data-testid="analysis-run" data-phase={run.phase}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="font-medium">{run.name}</span>
        <span data-testid="analysis-run-phase">
          <Badge tone={phaseTone(run.phase)}>{run.phase || "Pending"}</Badge>
        </span>
        <span className="text-slate-500">
          rev {run.revision}
          {run.type ? ` · ${run.type}` : ""} · ✓{run.successful} ✗{run.failed} ?{run.inconclusive} !{run.error}
        </span>
      </div>
      {run.message ? <p className="mt-1 text-xs text-slate-600">{run.message}</p> : null}
      {run.metrics.map((m) => (
        <AnalysisMetric key={m.name} m={m} />
      ))}
    </div>
  );
}

/** Each AnalysisRun, newest first, with a chart of every metric's numeric measurements (and the phase of each). */
export function AnalysisCharts({ runs }: { runs: readonly AnalysisRunView[] }) {
  if (runs.length === 0) return <p className="text-sm text-slate-500">No AnalysisRuns.</p>;
  const sorted = [...runs].sort(newestFirst);
  const older = sorted.slice(SHOWN);
  return (
    <div className="space-y-4">
      {sorted.slice(0, SHOWN).map((run) => (
        <Run key={run.name} run={run} />
      ))}
      {older.length > 0 ? (
        <details className="text-sm" data-testid="older-analysis-runs">
          <summary className="cursor-pointer text-slate-600">
            {older.length} earlier run{older.length === 1 ? "" : "s"}: {older.map((r) => `${r.name} ${r.phase || "Pending"}`).join(", ")}
          </summary>
          <div className="mt-2 space-y-4">
            {older.map((run) => (
              <Run key={run.name} run={run} />
            ))}
          </div>
        </details>
      ) : null}
    </div>
  );
}
