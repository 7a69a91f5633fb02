"use client";

import { useId, useState } from "react";
import { finiteOrNull, METRICS_WINDOWS, type MetricsWindow, type Panel as SourcePanel, type ServiceMetrics } from "@/lib/api/metrics";
import type { ApiRequestError } from "@/lib/hooks/fetch-json";
import { ErrorState } from "@/components/ui/error-state";
import { formatMillis, formatPercent, formatRate, formatSeconds } from "@/components/ui/format";
import { LoadingState } from "@/components/ui/loading-state";
import { Panel } from "@/components/ui/panel";
import { destinationColor } from "@/components/traffic/colors";
import { mergeSeries } from "./chart-data";
import { TimeChart } from "./time-chart";


function PanelProblem({ panel }: { panel: Exclude<SourcePanel<unknown>, { status: "ok" }> }) {
  if (panel.status === "NotConfigured") return <p className="py-6 text-center text-sm text-slate-500">{panel.message}</p>;
  return <ErrorState error={panel.error} />;
}

function Chart({ title, summary, children }: { title: string; summary: React.ReactNode; children: React.ReactNode }) {
  const id = useId();
  return (
    <figure aria-labelledby={id} className="min-w-0 rounded-md border border-slate-200 p-3">
      <figcaption id={id} className="mb-1 text-sm font-medium text-slate-800">
        {title}
      </figcaption>
      {children}
      <div className="mt-2 text-xs text-slate-600">{summary}</div>
    </figure>
  );
}

function CurrentList({ items }: { items: { label: string; value: string; color: string }[] }) {
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1">
      {items.map((i) => (
        <li key={i.label} className="inline-flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2 rounded-full" style={{ background: i.color }} />
          <span className="font-mono">{i.label}</span> <span className="font-medium text-slate-900 tabular-nums">{i.value}</span>
        </li>
      ))}
    </ul>
  );
}

const PERCENTILES = ["p50", "p95", "p99"] as const;
type Percentile = (typeof PERCENTILES)[number];

interface MetricsPanelProps {
  data: ServiceMetrics | undefined;
  error: ApiRequestError | undefined;
  window: MetricsWindow;
  onWindowChange: (w: MetricsWindow) => void;
}

/** Per-version request rate, error rate and latency (p50/p95/p99) from Prometheus, for one window. */
export function MetricsPanel({ data, error, window, onWindowChange }: MetricsPanelProps) {
  const selectId = useId();
  const [percentile, setPercentile] = useState<Percentile>("p95");
  const versions = data?.requests.status === "ok" ? data.requests.data.versions : [];
  const colorOf = (version: string) => destinationColor(Math.max(0, versions.findIndex((v) => v.version === version))).hex;
  return (
    <Panel
      id="metrics"
      title="Traffic by version"
      description={
        data
          ? `Last ${window}, ${data.meta.step}s resolution, rate over ${data.meta.rateWindow}s (reporter: ${data.meta.reporter}); values lag by up to ~${formatSeconds(data.meta.lagSeconds)}.`
          : "Request rate, errors and latency from Prometheus"
      }
      actions={
        <div className="flex items-center gap-2">
          <label htmlFor={selectId} className="text-sm text-slate-600">
            Window
          </label>
          <select
            id={selectId}
            value={window}
            onChange={(e) => onWindowChange(e.target.value as MetricsWindow)}
            className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none"
          >
            {METRICS_WINDOWS.map((w) => (
              <option key={w} value={w}>
                last {w}
              </option>
            ))}
          </select>
        </div>
      }
    >
      {error && !data ? <ErrorState error={error.detail} /> : null}
      {error && data ? <ErrorState error={error.detail} compact /> : null}
      {!data && !error ? <LoadingState label="Loading metrics…" rows={4} /> : null}
      {data ? (
        <div className="grid gap-4 xl:grid-cols-3">
          {data.requests.status === "ok" ? (
            <>
              <Chart
                title="Request rate (req/s)"
                summary={<CurrentList items={data.requests.data.versions.map((v) => ({ label: v.version, value: formatRate(finiteOrNull(v.current.requestRate)), color: colorOf(v.version) }))} />}
              >
                <TimeChart
                  rows={mergeSeries(data.requests.data.versions.map((v) => ({ key: v.version, points: v.requestRate })))}
                  lines={data.requests.data.versions.map((v) => ({ key: v.version, name: v.version, color: colorOf(v.version) }))}
                  format={(n) => (n < 10 ? n.toFixed(1) : String(Math.round(n)))}
                />
              </Chart>
              <Chart
                title="Error rate (5xx, %)"
                summary={<CurrentList items={data.requests.data.versions.map((v) => ({ label: v.version, value: formatPercent(finiteOrNull(v.current.errorRate)), color: colorOf(v.version) }))} />}
              >
                <TimeChart
                  rows={mergeSeries(
                    data.requests.data.versions.map((v) => ({ key: v.version, points: v.errorRate })),
                    100,
                  )}
                  lines={data.requests.data.versions.map((v) => ({ key: v.version, name: v.version, color: colorOf(v.version) }))}
                  format={(n) => `${n < 10 ? n.toFixed(1) : Math.round(n)}%`}
                />
              </Chart>
            </>
          ) : (
            <div className="xl:col-span-2">
              <PanelProblem panel={data.requests} />
            </div>
          )}
          {data.latency.status === "ok" ? (
            <Chart
              title={`Latency ${percentile} (ms)`}
              summary={
                <div className="space-y-1">
                  <div role="radiogroup" aria-label="Latency percentile" className="inline-flex rounded-md border border-slate-300 text-xs">
                    {PERCENTILES.map((p) => (
                      <button
                        key={p}
                        type="button"
                        role="radio"
                        aria-checked={percentile === p}
                        onClick={() => setPercentile(p)}
                        className={`px-2 py-0.5 first:rounded-l-md last:rounded-r-md focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none ${percentile === p ? "bg-slate-800 text-white" : "bg-white text-slate-700"}`}
                      >
                        {p}
                      </button>
                    ))}
                  </div>
                  <table className="w-full text-xs">
                    <caption className="sr-only">Current latency by version</caption>
                    <thead>
                      <tr className="text-left text-slate-500">
                        <th scope="col" className="font-medium">
                          Version
                        </th>
                        {PERCENTILES.map((p) => (
                          <th key={p} scope="col" className="text-right font-medium">
                            {p}
                          </th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      {data.latency.data.versions.map((v) => (
                        <tr key={v.version}>
                          <th scope="row" className="text-left font-mono font-normal">
                            {v.version}
                          </th>
                          {PERCENTILES.map((p) => (
                            <td key={p} className="text-right tabular-nums">
                              {formatMillis(finiteOrNull(v.current[p]))}
                            </td>
                          ))}
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              }
            >
              <TimeChart
                rows={mergeSeries(data.latency.data.versions.map((v) => ({ key: v.version, points: v[percentile] })))}
                lines={data.latency.data.versions.map((v) => ({ key: v.version, name: v.version, color: colorOf(v.version) }))}
                format={(n) => (n < 10 ? n.toFixed(1) : String(Math.round(n)))}
              />
            </Chart>
          ) : (
            <PanelProblem panel={data.latency} />
          )}
        </div>
      ) : null}
    </Panel>
  );
}
