"use client";

import type { DegradedKind, TrafficView, TrafficWindow } from "@/lib/api/traffic";
import { EmptyState } from "@/components/ui/empty-state";
import { formatClock } from "@/components/ui/format";
import { Panel } from "@/components/ui/panel";
import { useMediaQuery } from "@/components/ui/use-media-query";
import { groupByNamespace } from "./group-by-namespace";
import { balanceColumns } from "./balance-columns";
import { DegradedNotice } from "./degraded-notice";
import { HttpRouteCard } from "./http-route-card";
import { isWeighted } from "./share-math";
import { VirtualServiceCard } from "./virtual-service-card";

function ObservedSource({ view, window }: { view: TrafficView; window: TrafficWindow }) {
  const o = view.observed;
  if (o.status === "ok") return <>Configured weights next to traffic observed over the last {window} (Prometheus, as of {formatClock(Date.parse(o.at))}).</>;
  if (o.status === "unavailable") return <span className="text-amber-800">Observed traffic unavailable ({o.message}); configured weights are current.</span>;
  return <>Configured weights. Observed traffic needs Prometheus ({o.message}).</>;
}

/** Rough rendered height of a namespace's cards, to balance columns. */
function groupHeight(group: { items: readonly { weighted: boolean; type: string; vs?: { http: readonly { destinations: readonly unknown[] }[] } }[] }): number {
  let h = 40;
  for (const item of group.items) {
    h += 110;
    for (const rule of item.vs?.http ?? []) h += rule.destinations.length >= 2 ? 130 + 24 * rule.destinations.length : 28;
    if (item.type === "httproute") h += 80;
  }
  return h;
}

interface TrafficSplitsPanelProps {
  view: TrafficView;
  window: TrafficWindow;
  degraded: readonly DegradedKind[];
  namespace: string | null;
}

/** Every VirtualService and HTTPRoute by namespace, weighted ones first, with configured vs observed splits. */
export function TrafficSplitsPanel({ view, window, degraded, namespace }: TrafficSplitsPanelProps) {
  type Item = { namespace: string; name: string; weighted: boolean } & ({ type: "vs"; vs: TrafficView["virtualServices"][number] } | { type: "httproute"; route: TrafficView["httpRoutes"][number] });
  const items: Item[] = [
    ...view.virtualServices.map((vs): Item => ({ type: "vs", vs, namespace: vs.namespace, name: vs.name, weighted: vs.http.some(isWeighted) })),
    ...view.httpRoutes.map((route): Item => ({ type: "httproute", route, namespace: route.namespace, name: route.name, weighted: route.rules.some((r) => r.backendRefs.length > 1) })),
  ];
  const groups = groupByNamespace(items).map((g) => ({
    ...g,
    items: [...g.items].sort((a, b) => Number(b.weighted) - Number(a.weighted) || a.name.localeCompare(b.name)),
  }));
  // Two balanced columns on wide screens (wall displays), one otherwise; reading order is column by column.
  const wide = useMediaQuery("(min-width: 1280px)");
  const columns = balanceColumns(groups, groupHeight, wide ? 2 : 1);
  return (
    <Panel id="traffic" title="Traffic splits" description={<ObservedSource view={view} window={window} />}>
      <DegradedNotice items={degraded} />
      {groups.length === 0 ? (
        <EmptyState title={namespace ? `No VirtualServices or HTTPRoutes in ${namespace}` : "No VirtualServices or HTTPRoutes you can see"}>
          {degraded.length > 0 ? (
            "Some kinds could not be read (see above)."
          ) : (
            <>
              Routes appear here as soon as they are created (<code className="font-mono">kubectl apply</code>).
            </>
          )}
        </EmptyState>
      ) : (
        <div className="grid items-start gap-x-6 xl:grid-cols-2">
          {columns.map((column, c) => (
            <div key={c} className="min-w-0">
              {column.map((group) => (
                <section key={group.namespace} aria-labelledby={`traffic-ns-${group.namespace}`} className="mb-6">
                  <h3 id={`traffic-ns-${group.namespace}`} className="mb-2 flex items-baseline gap-2 text-sm font-semibold text-slate-800">
                    <span className="font-mono">{group.namespace}</span>
                    <span className="text-xs font-normal text-slate-500">
                      {group.items.length} route object{group.items.length === 1 ? "" : "s"}
                    </span>
                  </h3>
                  <div className="space-y-4">
                    {group.items.map((item) =>
                      item.type === "vs" ? (
                        <VirtualServiceCard key={`vs-${item.name}`} vs={item.vs} validations={view.validations} observed={view.observed} window={window} />
                      ) : (
                        <HttpRouteCard key={`hr-${item.name}`} route={item.route} validations={view.validations} />
                      ),
                    )}
                  </div>
                </section>
              ))}
            </div>
          ))}
        </div>
      )}
    </Panel>
  );
}
