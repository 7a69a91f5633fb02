"use client";

import { Badge } from "@/components/ui/badge";
import type { AnalysisRunView } from "@/lib/rollouts/model/schema";
import { AnalysisMetric, phaseTone } from "./analysis-metric";

/** Each AnalysisRun with a chart of every metric's numeric measurements (and the phase of each). */
export function AnalysisCharts({ runs }: { runs: readonly AnalysisRunView[] }) {
  if (runs.length === 0) return <p className="text-sm text-slate-500">No AnalysisRuns.</p>;
  return (
    <div className="space-y-4">
      {runs.map((run) => (
        <div key={run.name} className="rounded border border-slate-200 p-3" data-testid="analysis-run" data-phase={run.phase}>
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
      ))}
    </div>
  );
}
