"use client";

import { useId, useState } from "react";
import type { L4Rule, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { WeightsEditor } from "@/components/actions/weights-editor";
import { Badge } from "@/components/ui/badge";
import { TableHead } from "@/components/ui/table-head";
import { DestinationCells, MatchList } from "./destination-cells";
import { PodsCell } from "@/components/traffic/pods-cell";
import { destinationLabel, toPercents } from "@/components/traffic/share-math";
import { l4RouteAnchor } from "@/components/traffic/url-state";

/**
 * One TLS or TCP route, in order: its matches (port, SNI hosts, …) and weighted
 * destinations, the Rollout writing it, and the weights editor (locked when a
 * controller writes the route).
 */
export function L4RuleCard({ vs, rule, section, access }: { vs: VirtualServiceModel; rule: L4Rule; section: "tls" | "tcp"; access: UseAccessResult }) {
  const headingId = useId();
  const panelId = useId();
  const [editing, setEditing] = useState(false);
  const title = `${section.toUpperCase()} route #${rule.index + 1}`;
  const percents = toPercents(rule.destinations.map((d) => d.share));
  return (
    <section id={l4RouteAnchor(vs.name, section, rule.index)} aria-labelledby={headingId} className="scroll-mt-4 rounded-md border border-slate-200 bg-white" data-testid={`${section}-route`}>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-2">
        <h4 id={headingId} className="font-mono text-sm font-semibold text-slate-900">
          <span className="sr-only">{vs.name} </span>
          {title}
        </h4>
        {rule.catchAll ? <Badge>catch-all</Badge> : null}
        {rule.managedBy ? <Badge tone="violet">managed by Rollout {rule.managedBy.name}</Badge> : null}
        {rule.allWeightsZero ? <Badge tone="red">all weights 0</Badge> : null}
      </div>
      <div className="space-y-3 px-4 py-3">
        <MatchList matches={rule.matches} label={`Matches of ${title} in ${vs.name}`} />
        {rule.destinations.length > 0 ? (
          <table className="w-full text-xs" aria-label={`Destinations of ${title} in ${vs.name}`}>
            <TableHead columns={[{ label: "Destination" }, { label: "Weight", right: true }, { label: "Pods" }]} />
            <tbody className="divide-y divide-slate-100">
              {rule.destinations.map((d, i) => (
                <tr key={`${i}-${destinationLabel(d)}`} data-testid="l4-destination">
                  <DestinationCells d={d} i={i} percent={percents[i] ?? 0} />
                  <td className="py-1">
                    <PodsCell backends={d.backends} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-xs text-slate-500">No destinations.</p>
        )}
      </div>
      {rule.destinations.length > 0 ? (
        <div className="border-t border-slate-100 px-4 py-2">
          <button
            type="button"
            aria-expanded={editing}
            aria-controls={panelId}
            onClick={() => setEditing((e) => !e)}
            className={`rounded-md border px-2.5 py-1 text-xs font-medium focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none ${editing ? "border-sky-600 bg-sky-50 text-sky-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
          >
            Adjust weights<span className="sr-only"> of {title} in {vs.name}</span>
          </button>
          <div id={panelId} className={editing ? "mt-3 mb-1" : ""}>
            {editing ? <WeightsEditor vs={vs} rule={rule} access={access} section={section} /> : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
