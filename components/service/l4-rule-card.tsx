"use client";

import { useId } from "react";
import type { L4Rule, VirtualServiceModel } from "@/lib/istio/model/schema";
import { Badge } from "@/components/ui/badge";
import { TableHead } from "@/components/ui/table-head";
import { DestinationCells, MatchList } from "./destination-cells";
import { PodsCell } from "@/components/traffic/pods-cell";
import { destinationLabel, toPercents } from "@/components/traffic/share-math";

/** One TLS or TCP route, in order: its matches (port, SNI hosts, …) and weighted destinations, and the Rollout writing it. */
export function L4RuleCard({ vs, rule, section }: { vs: VirtualServiceModel; rule: L4Rule; section: "tls" | "tcp" }) {
  const headingId = useId();
  const title = `${section.toUpperCase()} route #${rule.index + 1}`;
  const percents = toPercents(rule.destinations.map((d) => d.share));
  return (
    <section aria-labelledby={headingId} className="rounded-md border border-slate-200 bg-white" data-testid={`${section}-route`}>
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
    </section>
  );
}
