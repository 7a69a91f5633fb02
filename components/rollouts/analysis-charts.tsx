"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Badge } from "@/components/ui/badge";
import type { AnalysisRunView } from "@/lib/rollouts/model/schema";

const tone = (phase: string) => (phase === "Successful" ? "green" : phase === "Failed" || phase === "Error" ? "red" : phase === "Inconclusive" ? "amber" : "sky");

/** Each AnalysisRun with a chart of every metric's numeric measurements (and the phase of each). */
export function AnalysisCharts({ runs }: { runs: readonly AnalysisRunView[] }) {
  if (runs.length === 0) return <p className="text-sm text-slate-500">No AnalysisRuns.</p>;
  return (
    <div className="space-y-4">
      {runs.map((run) => (
        <div key={run.name} className="rounded border border-slate-200 p-3">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <span className="font-medium">{run.name}</span>
            <Badge tone={tone(run.phase)}>{run.phase || "Pending"}</Badge>
            <span className="text-slate-500">
              rev {run.revision}
              {run.type ? ` · ${run.type}` : ""} · ✓{run.successful} ✗{run.failed} ?{run.inconclusive} !{run.error}
            </span>
          </div>
          {run.message ? <p className="mt-1 text-xs text-slate-600">{run.message}</p> : null}
          {run.metrics.map((m) => {
            const points = m.measurements.map((x, i) => ({ i: i + 1, value: x.numericValue, phase: x.phase }));
            return (
              <div key={m.name} className="mt-2">
                <div className="text-xs text-slate-600" data-testid="analysis-metric">
                  {m.name} <Badge tone={tone(m.phase)}>{m.phase}</Badge>
                  <span className="ml-1 text-slate-500">
                    {m.provider ?? "no provider"} · ✓{m.successful} ✗{m.failed} ?{m.inconclusive} !{m.error}
                  </span>
                  {m.successCondition ? (
                    <div>
                      success if <code>{m.successCondition}</code>
                    </div>
                  ) : null}
                  {m.failureCondition ? (
                    <div>
                      failure if <code>{m.failureCondition}</code>
                    </div>
                  ) : null}
                  {m.query ? <pre className="mt-1 overflow-x-auto rounded bg-slate-50 p-2 font-mono text-[11px] whitespace-pre-wrap text-slate-700">{m.query}</pre> : null}
                  {m.message ? <div className="text-rose-700">{m.message}</div> : null}
                </div>
                {points.some((p) => p.value !== null) ? (
                  <div className="h-32">
                    <ResponsiveContainer width="100%" height="100%">
                      <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
                        <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
                        <XAxis dataKey="i" tick={{ fontSize: 10 }} />
                        <YAxis tick={{ fontSize: 10 }} width={40} />
                        <Tooltip formatter={(v) => [String(v), m.name]} labelFormatter={(l) => `measurement ${String(l)}`} />
                        <Line type="monotone" dataKey="value" stroke="#0284c7" isAnimationActive={false} dot />
                      </LineChart>
                    </ResponsiveContainer>
                  </div>
                ) : (
                  <p className="text-xs text-slate-500">{m.measurements.length} measurements, none numeric.</p>
                )}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
