import Link from "next/link";
import type { ObservedTraffic, TrafficWindow } from "@/lib/api/traffic";
import type { HttpRule } from "@/lib/istio/model/schema";
import { Badge } from "@/components/ui/badge";
import { formatSeconds } from "@/components/ui/format";
import { destinationColor } from "./colors";
import { formatMatches } from "./match-format";
import { PodsCell } from "./pods-cell";
import { findObserved, splitRows } from "./share-math";
import { SplitBar } from "./split-bar";
import { serviceHref } from "./url-state";
import { TableHead } from "@/components/ui/table-head";

export function routeTitle(rule: Pick<HttpRule, "name" | "index">): string {
  return rule.name ?? `#${rule.index + 1}`;
}

interface RouteSplitProps {
  vs: { namespace: string; name: string };
  rule: HttpRule;
  observed: ObservedTraffic | undefined;
  window: TrafficWindow;
}

function ObservedReason({ observed }: { observed: ObservedTraffic | undefined }) {
  if (!observed) return <span className="text-slate-500 italic">loading…</span>;
  if (observed.status === "unavailable") return <span className="text-amber-800">Observed traffic unavailable: {observed.message}</span>;
  if (observed.status === "not-configured") return <span className="text-slate-500">No Prometheus configured: {observed.message}</span>;
  return <span className="text-slate-500">Not measured: these destinations cannot be told apart in Istio&apos;s standard metrics.</span>;
}

/** A weighted route: configured and observed stacked bars side by side, and the numbers in a table. */
export function RouteSplit({ vs, rule, observed, window }: RouteSplitProps) {
  const title = routeTitle(rule);
  const observation = findObserved(observed, vs, rule.index);
  const drift = observation?.drift ?? null;
  const rows = splitRows(rule.destinations, drift);
  const hasObserved = rows.every((r) => r.observed !== null) && rows.length > 0;
  const matches = formatMatches(rule.matches);
  return (
    <section aria-label={`Route ${title}`} className="space-y-2" data-route={title}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs font-medium text-slate-800">route {title}</span>
        <span className="min-w-0 truncate text-xs text-slate-600" title={matches.join(" or ")}>
          {matches.join(" or ")}
        </span>
        {rule.managedBy ? <Badge tone="violet">managed by Rollout {rule.managedBy.name}</Badge> : null}
        {drift?.drifting ? (
          <Badge tone="red" title={drift.note}>
            drift
          </Badge>
        ) : null}
        {drift?.settling ? <Badge tone="amber" title={drift.note}>settling</Badge> : null}
      </div>
      <div className="grid grid-cols-[5.5rem_minmax(0,1fr)] items-center gap-x-3 gap-y-1.5">
        <span className="text-xs font-medium text-slate-600">Configured</span>
        <SplitBar name={`Configured split of route ${title}`} segments={rows.map((r) => ({ label: r.label, percent: r.configured, colorIndex: r.index }))} />
        <span className="text-xs font-medium text-slate-600">Observed</span>
        {hasObserved ? (
          <SplitBar observed name={`Observed split of route ${title}`} segments={rows.map((r) => ({ label: r.label, percent: r.observed ?? 0, colorIndex: r.index }))} />
        ) : drift && drift.totalRequests === 0 ? (
          <span className="text-xs text-slate-500">No requests in the last {window}.</span>
        ) : (
          <span className="text-xs">
            <ObservedReason observed={observed} />
          </span>
        )}
      </div>
      {drift ? (
        <p className="text-xs text-slate-500" title={`${drift.note} ${observation?.basis ?? ""}`}>
          observed over the last {window} ({Math.round(drift.totalRequests)} requests), lags config by ~{formatSeconds(drift.lagSeconds)}
          {!drift.enoughTraffic && drift.totalRequests > 0 ? " · too little traffic to judge drift" : ""}
          {drift.drifting ? <span className="font-medium text-red-700"> · differs from the configured split by more than chance explains</span> : null}
        </p>
      ) : null}
      <table className="w-full text-xs" aria-label={`Traffic split of route ${title} in ${vs.name}`}>
        <TableHead columns={[{ label: "Destination" }, { label: "Configured", right: true }, { label: "Observed", right: true }, { label: "Pods" }]} />
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => {
            const d = rule.destinations[r.index];
            const svc = d?.host.service;
            return (
              <tr key={`${r.index}-${r.key}`}>
                <th scope="row" className="py-1 pr-2 text-left font-normal">
                  <span className="inline-flex min-w-0 items-center gap-1.5">
                    <span aria-hidden="true" className={`size-2.5 shrink-0 rounded-sm ${destinationColor(r.index).bg}`} />
                    {svc ? (
                      <Link href={serviceHref(svc.namespace, svc.name)} className="truncate font-mono text-slate-800 hover:text-sky-700 hover:underline">
                        {r.label}
                      </Link>
                    ) : (
                      <span className="truncate font-mono text-slate-800">{r.label}</span>
                    )}
                  </span>
                </th>
                <td className="py-1 pr-2 text-right font-medium text-slate-900 tabular-nums" data-col="configured">
                  {r.configured}%
                </td>
                <td className={`py-1 pr-2 text-right tabular-nums ${r.drifting ? "font-semibold text-red-700" : "text-slate-700"}`} data-col="observed">
                  {r.observed !== null ? `${r.observed}%` : "–"}
                  {r.drifting ? <span className="sr-only"> (drifting)</span> : null}
                </td>
                <td className="py-1">
                  <PodsCell backends={d?.backends ?? null} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
