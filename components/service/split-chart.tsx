"use client";

import type { MetricsWindow, ServiceMetrics } from "@/lib/api/metrics";
import type { HttpRule } from "@/lib/istio/model/schema";
import { useServicesMetrics } from "@/lib/hooks/use-service-metrics";
import { destinationColor } from "@/components/traffic/colors";
import { routeTitle } from "@/components/traffic/route-split";
import { destinationLabel, toPercents } from "@/components/traffic/share-math";
import { formatSeconds } from "@/components/ui/format";
import { observedSplit, splitSources } from "./chart-data";
import { TimeChart } from "./time-chart";

/**
 * The observed split of a weighted route over time (each destination's share
 * of the requests its Services received), with the configured weights as
 * dashed lines: after a change, the observed lines follow within the lag.
 */
export function RouteSplitChart({ vsName, rule, window }: { vsName: string; rule: HttpRule; window: MetricsWindow }) {
  const title = routeTitle(rule);
  const sources = splitSources(rule.destinations, destinationLabel);
  const services = (sources ?? []).map((s) => {
    const [namespace = "", name = ""] = s.service.split("/");
    return { namespace, name };
  });
  const { data, error } = useServicesMetrics(services, window);
  const configured = toPercents(rule.destinations.map((d) => d.share));
  const figureTitle = `Observed split of route ${title} in ${vsName}`;
  if (!sources) {
    return <p className="text-xs text-slate-500">Observed split not charted: these destinations cannot be told apart in Istio&apos;s per-version metrics.</p>;
  }
  const metrics: Record<string, ServiceMetrics | undefined> = {};
  let problem: string | null = error ? error.detail.message : null;
  let lag: number | null = null;
  for (const [key, value] of Object.entries(data ?? {})) {
    if ("meta" in value) {
      metrics[key] = value;
      lag = Math.max(lag ?? 0, value.meta.lagSeconds);
      if (value.requests.status === "error") problem = value.requests.error.message;
      if (value.requests.status === "NotConfigured") problem = value.requests.message;
    } else problem = value.detail.message;
  }
  const split = observedSplit(sources, metrics);
  return (
    <figure aria-label={figureTitle} className="min-w-0 rounded-md border border-slate-200 p-3">
      <figcaption className="mb-1 text-sm font-medium text-slate-800">Observed split (%) · last {window}</figcaption>
      {problem ? <p className="text-xs text-amber-800">Metrics unavailable: {problem}</p> : null}
      {!data && !problem ? <p className="py-8 text-center text-xs text-slate-500">Loading metrics…</p> : null}
      {data ? (
        <TimeChart
          height={170}
          rows={split.rows}
          yDomain={[0, 100]}
          format={(n) => `${Math.round(n)}%`}
          lines={sources.map((s, i) => ({ key: s.key, name: s.label, color: destinationColor(i).hex }))}
          references={sources.map((s, i) => ({ y: configured[i] ?? 0, color: destinationColor(i).hex, label: `${s.key}-configured` }))}
        />
      ) : null}
      <div className="mt-2 text-xs text-slate-600" data-testid="observed-now">
        {split.current ? (
          <>
            <p>Observed now{lag !== null ? ` (lags by up to ~${formatSeconds(lag)})` : ""}:</p>
            <ul>
              {sources.map((s, i) => (
                <li key={s.key} className="flex min-w-0 items-center gap-1.5">
                  <span aria-hidden="true" className={`size-2 shrink-0 rounded-full ${destinationColor(i).bg}`} />
                  <span className="truncate font-mono">{s.label}</span>
                  <span className="font-semibold text-slate-900 tabular-nums">{Math.round(split.current?.[s.key] ?? 0)}%</span>
                  <span className="whitespace-nowrap text-slate-500">(configured {configured[i] ?? 0}%)</span>
                </li>
              ))}
            </ul>
          </>
        ) : data ? (
          <p>No requests observed right now.</p>
        ) : null}
      </div>
      <p className="mt-1 text-[11px] text-slate-500">Dashed: configured weights. Counts every request the destinations received (reporter=destination), whatever route it came by.</p>
    </figure>
  );
}
