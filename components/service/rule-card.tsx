"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { MetricsWindow } from "@/lib/api/metrics";
import { FAULT_RULE_PREFIX } from "@/lib/istio/actions/fault-rules";
import type { HttpRule, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { UseAccessResult } from "@/lib/hooks/use-access";
import { Badge } from "@/components/ui/badge";
import { PodsCell } from "@/components/traffic/pods-cell";
import { routeTitle } from "@/components/traffic/route-split";
import { destinationLabel, isWeighted, toPercents } from "@/components/traffic/share-math";
import { routeAnchor } from "@/components/traffic/url-state";
import { describeFault, FaultAction } from "@/components/actions/fault-action";
import { MirrorAction } from "@/components/actions/mirror-action";
import { describeRetries, RetriesAction } from "@/components/actions/retries-action";
import { TimeoutAction } from "@/components/actions/timeout-action";
import { PromoteAction } from "@/components/actions/promote-action";
import { canSwitch, SwitchAction } from "@/components/actions/switch-action";
import { WeightsEditor } from "@/components/actions/weights-editor";
import { weightsOwner } from "@/components/traffic/weights-owner";
import type { DestinationChoice } from "@/components/actions/destination-choices";
import { RouteSplitChart } from "./split-chart";
import { TableHead } from "@/components/ui/table-head";
import { DestinationCells, MatchList } from "./destination-cells";

type Tool = "weights" | "promote" | "fault" | "mirror" | "timeout" | "retries";

interface RuleCardProps {
  vs: VirtualServiceModel;
  rule: HttpRule;
  access: UseAccessResult;
  window: MetricsWindow;
  choices: readonly DestinationChoice[];
}

/** One http route, in order: matches, destinations with their pods, fault/mirror/timeout/retries, the observed split, and its actions. */
export function RuleCard({ vs, rule, access, window, choices }: RuleCardProps) {
  const title = routeTitle(rule);
  const headingId = useId();
  const panelId = useId();
  const anchor = routeAnchor(vs.name, rule.index);
  // Opened from the overview's "Adjust weights" link: show the editor right away.
  const [targeted] = useState(() => typeof document !== "undefined" && document.location.hash === `#${anchor}`);
  const [tool, setTool] = useState<Tool | null>(targeted && isWeighted(rule) ? "weights" : null);
  const sectionRef = useRef<HTMLElement>(null);
  useEffect(() => {
    if (targeted) sectionRef.current?.scrollIntoView({ block: "start" });
  }, [targeted]);
  const percents = toPercents(rule.destinations.map((d) => d.share));
  const weighted = isWeighted(rule);
  const previous = vs.http[rule.index - 1];
  const hasFault = rule.fault !== null || Boolean(previous?.name?.startsWith(FAULT_RULE_PREFIX));
  const routable = rule.action === "route" && rule.destinations.length > 0;
  // A controller-owned split is switched by the controller (e.g. the Rollout's promote), not here.
  const switchable = routable && weightsOwner(vs, rule) === null && canSwitch(vs, rule);
  const tools: { id: Tool; label: string }[] = routable
    ? [
        ...(weighted
          ? [
              { id: "weights" as const, label: "Adjust weights" },
              { id: "promote" as const, label: "Promote…" },
            ]
          : []),
        { id: "fault", label: "Fault injection" },
        { id: "mirror", label: "Mirroring" },
        { id: "timeout", label: "Timeout" },
        { id: "retries", label: "Retries" },
      ]
    : [];
  return (
    <section ref={sectionRef} id={anchor} aria-labelledby={headingId} className="scroll-mt-4 rounded-md border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-2">
        <h4 id={headingId} className="font-mono text-sm font-semibold text-slate-900">
          <span className="sr-only">{vs.name} </span>route {title}
        </h4>
        <span className="text-xs text-slate-500">#{rule.index + 1} in order</span>
        {rule.catchAll ? <Badge>catch-all</Badge> : null}
        {rule.testRoute ? <Badge tone="indigo">test route</Badge> : null}
        {rule.managedBy ? <Badge tone="violet">managed by Rollout {rule.managedBy.name}</Badge> : null}
        {rule.allWeightsZero ? <Badge tone="red">all weights 0</Badge> : null}
      </div>
      <div className="grid gap-4 px-4 py-3 xl:grid-cols-[minmax(0,1fr)_minmax(0,26rem)]">
        <div className="min-w-0 space-y-3">
          <div>
            <h5 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">Matches</h5>
            <MatchList matches={rule.matches} label={`Matches of route ${title} in ${vs.name}`} />
          </div>
          {rule.destinations.length > 0 ? (
            <table className="w-full text-xs" aria-label={`Destinations of route ${title} in ${vs.name}`}>
              <TableHead columns={[{ label: "Destination" }, { label: "Weight", right: true }, { label: "Subset" }, { label: "Pods" }]} />
              <tbody className="divide-y divide-slate-100">
                {rule.destinations.map((d, i) => (
                  <tr key={`${i}-${destinationLabel(d)}`}>
                    <DestinationCells d={d} i={i} percent={percents[i] ?? 0} />
                    <td className="py-1 pr-2">
                      {d.subset ? (
                        d.subset.status === "found" ? (
                          <span className="font-mono text-slate-600">
                            {Object.entries(d.subset.labels ?? {})
                              .map(([k, v]) => `${k}=${v}`)
                              .join(", ") || "(no labels)"}
                          </span>
                        ) : (
                          <span className="font-medium text-red-700">{d.subset.status === "notFound" ? "subset not defined" : "no DestinationRule"}</span>
                        )
                      ) : (
                        <span className="text-slate-400">–</span>
                      )}
                    </td>
                    <td className="py-1">
                      <PodsCell backends={d.backends} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-xs text-slate-600 italic">{rule.action === "delegate" && rule.delegate ? `Delegates to ${rule.delegate.namespace}/${rule.delegate.name}` : `No destinations (${rule.action})`}</p>
          )}
          <dl className="grid grid-cols-[7rem_1fr] gap-x-3 gap-y-0.5 text-xs">
            <dt className="text-slate-500">Fault</dt>
            <dd className={rule.fault ? "font-medium text-rose-700" : "text-slate-600"}>{rule.fault ? describeFault(rule.fault) : "none"}</dd>
            <dt className="text-slate-500">Mirror</dt>
            <dd className={rule.mirrors.length > 0 ? "font-medium text-cyan-800" : "text-slate-600"}>
              {rule.mirrors.length > 0 ? rule.mirrors.map((m) => `${destinationLabel(m)} (${m.percent}%)`).join(", ") : "none"}
            </dd>
            <dt className="text-slate-500">Timeout</dt>
            <dd className="text-slate-600">{rule.timeout ?? "none (Istio default: disabled)"}</dd>
            <dt className="text-slate-500">Retries</dt>
            <dd className="text-slate-600">{describeRetries(rule.retries)}</dd>
          </dl>
        </div>
        {weighted ? <RouteSplitChart vsName={vs.name} rule={rule} window={window} /> : null}
      </div>
      {tools.length > 0 || switchable ? (
        <div className="border-t border-slate-100 px-4 py-2">
          <div className="flex flex-wrap items-center gap-2" role="group" aria-label={`Actions on route ${title} of ${vs.name}`}>
            {tools.map((t) => (
              <button
                key={t.id}
                type="button"
                aria-expanded={tool === t.id}
                aria-controls={panelId}
                onClick={() => setTool((cur) => (cur === t.id ? null : t.id))}
                className={`rounded-md border px-2.5 py-1 text-xs font-medium focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none ${tool === t.id ? "border-sky-600 bg-sky-50 text-sky-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
              >
                {t.label}
              </button>
            ))}
            {switchable ? (
              <div className="ml-auto">
                <SwitchAction vs={vs} rule={rule} access={access} />
              </div>
            ) : null}
          </div>
          <div id={panelId} className={tool ? "mt-3 mb-1" : ""}>
            {tool === "weights" ? <WeightsEditor vs={vs} rule={rule} access={access} /> : null}
            {tool === "promote" ? <PromoteAction vs={vs} rule={rule} access={access} /> : null}
            {tool === "fault" ? <FaultAction vs={vs} rule={rule} access={access} hasFault={hasFault} /> : null}
            {tool === "mirror" ? <MirrorAction vs={vs} rule={rule} access={access} choices={choices} /> : null}
            {tool === "timeout" ? <TimeoutAction vs={vs} rule={rule} access={access} /> : null}
            {tool === "retries" ? <RetriesAction vs={vs} rule={rule} access={access} /> : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
