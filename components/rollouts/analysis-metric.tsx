"use client";

import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { conditionThreshold, measurementText } from "@/lib/rollouts/model/analysis";
import type { MetricView } from "@/lib/rollouts/model/schema";

export const phaseTone = (phase: string): BadgeTone => (phase === "Successful" ? "green" : phase === "Failed" || phase === "Error" ? "red" : phase === "Inconclusive" ? "amber" : "sky");

const DOT: Record<string, string> = { Successful: "#059669", Failed: "#dc2626", Error: "#dc2626", Inconclusive: "#d97706" };

interface DotProps {
  cx?: number;
  cy?: number;
  index?: number;
  payload?: { phase: string };
}

/** A measurement on the chart, coloured by its phase (a failed one red). */
function PhaseDot({ cx, cy, index, payload }: DotProps) {
  if (cx === undefined || cy === undefined) return null;
  const fill = DOT[payload?.phase ?? ""] ?? "#0284c7";
  return <circle key={index} cx={cx} cy={cy} r={3.5} fill={fill} stroke="white" strokeWidth={1} data-phase={payload?.phase} className="analysis-measurement" />;
}

function Rules({ m }: { m: MetricView }) {
  const rules = [m.interval ? `every ${m.interval}` : "measured once", m.failureLimit !== null ? `failure limit ${m.failureLimit}` : null, m.inconclusiveLimit !== null ? `inconclusive limit ${m.inconclusiveLimit}` : null];
  return <div className="text-slate-500">{rules.filter(Boolean).join(" · ")}</div>;
}

function Last({ m }: { m: MetricView }) {
  const last = m.measurements.at(-1);
  if (!last) return <div className="text-slate-500">No measurement yet.</div>;
  const at = last.finishedAt ?? last.startedAt;
  return (
    <div data-testid="metric-last">
      last:{" "}
      <span className="font-mono" title={last.value ?? undefined}>
        {measurementText(last) ?? "–"}
      </span>{" "}
      <Badge tone={phaseTone(last.phase)}>{last.phase}</Badge>
      {at ? <span className="ml-1 text-slate-500">at {new Date(at).toLocaleTimeString()}</span> : null}
    </div>
  );
}

/** One metric of an AnalysisRun: provider, conditions, limits, counts, the query, and a chart of its measurements. */
export function AnalysisMetric({ m }: { m: MetricView }) {
  const points = m.measurements.map((x, i) => ({ i: i + 1, value: x.numericValue, phase: x.phase }));
  const threshold = conditionThreshold(m.successCondition) ?? conditionThreshold(m.failureCondition);
  return (
    <div className="mt-2">
      <div className="space-y-0.5 text-xs text-slate-600" data-testid="analysis-metric">
        <div>
          <span className="font-medium">{m.name}</span> <Badge tone={phaseTone(m.phase)}>{m.phase}</Badge>
          <span className="ml-1 text-slate-500" data-testid="metric-counts">
            {m.provider ?? "no provider"} · ✓{m.successful} ✗{m.failed} ?{m.inconclusive} !{m.error}
            {m.dryRun ? " · dry run" : ""}
          </span>
        </div>
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
        <Rules m={m} />
        {m.query ? <pre className="overflow-x-auto rounded bg-slate-50 p-2 font-mono text-[11px] whitespace-pre-wrap text-slate-700">{m.query}</pre> : null}
        <Last m={m} />
        {m.message ? <div className="text-rose-700">{m.message}</div> : null}
      </div>
      {points.some((p) => p.value !== null) ? (
        <div className="h-32">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
              <XAxis dataKey="i" tick={{ fontSize: 10 }} />
              <YAxis tick={{ fontSize: 10 }} width={40} domain={threshold === null ? undefined : [(min: number) => Math.min(0, min), (max: number) => Math.max(threshold, max)]} />
              {threshold !== null ? <ReferenceLine y={threshold} stroke="#059669" strokeDasharray="4 3" label={{ value: `threshold ${threshold}`, position: "insideTopRight", fontSize: 10, fill: "#047857" }} /> : null}
              <Tooltip formatter={(v, _n, item) => [`${String(v)} (${String((item.payload as { phase?: string } | undefined)?.phase ?? "")})`, m.name]} labelFormatter={(l) => `measurement ${String(l)}`} />
              <Line type="monotone" dataKey="value" stroke="#0284c7" isAnimationActive={false} dot={PhaseDot} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      ) : (
        <p className="text-xs text-slate-500">{m.measurements.length} measurements, none numeric.</p>
      )}
    </div>
  );
}
