"use client";

import { useId, useState } from "react";
import type { MetricsWindow } from "@/lib/api/metrics";
import type { TrafficView } from "@/lib/api/traffic";
import type { VirtualServiceModel } from "@/lib/istio/model/schema";
import { patchVirtualServices, useAccess, type UseAccessResult } from "@/lib/hooks/use-access";
import { EmptyState } from "@/components/ui/empty-state";
import { Panel } from "@/components/ui/panel";
import { OwnerBadge } from "@/components/traffic/owner-badge";
import { destinationChoices, type DestinationChoice } from "@/components/actions/destination-choices";
import { TestRoutes } from "@/components/actions/test-routes";
import { L4RuleCard } from "./l4-rule-card";
import { RuleCard } from "./rule-card";

/** The collapsible header / cookie test routes of an HTTP VirtualService. */
function TestRoutesToggle({ vs, access, choices }: { vs: VirtualServiceModel; access: UseAccessResult; choices: readonly DestinationChoice[] }) {
  const [showTests, setShowTests] = useState(false);
  const testsId = useId();
  return (
    <div className="rounded-md border border-slate-200 bg-white">
      <button
        type="button"
        aria-expanded={showTests}
        aria-controls={testsId}
        onClick={() => setShowTests((s) => !s)}
        className="flex w-full items-center justify-between px-4 py-2 text-left text-sm font-medium text-slate-800 hover:bg-slate-50 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none"
      >
        <span>
          Header / cookie test routes of <span className="font-mono">{vs.name}</span>
          <span className="ml-2 text-xs font-normal text-slate-500">{vs.http.filter((r) => r.testRoute).length} in the spec</span>
        </span>
        <span aria-hidden="true">{showTests ? "▾" : "▸"}</span>
      </button>
      {showTests ? (
        <div id={testsId} className="border-t border-slate-100 px-4 py-3">
          <TestRoutes vs={vs} access={access} choices={choices} />
        </div>
      ) : null}
    </div>
  );
}

function VirtualServiceRouting({ vs, view, window }: { vs: VirtualServiceModel; view: TrafficView; window: MetricsWindow }) {
  const access = useAccess(patchVirtualServices(vs.namespace));
  const choices = destinationChoices(vs, view.services, view.destinationRules);
  return (
    <section aria-labelledby={`routing-${vs.name}`} className="space-y-3">
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={`routing-${vs.name}`} className="font-mono text-base font-semibold text-slate-900">
          <span className="sr-only">VirtualService </span>
          {vs.name}
        </h3>
        <OwnerBadge owner={vs.owner} />
        <span className="text-xs text-slate-500">
          hosts {vs.hosts.map((h) => h.raw).join(", ") || "–"} · {vs.gateways.map((g) => g.key).join(", ")} · resourceVersion {vs.resourceVersion ?? "?"}
        </span>
        {access.state === "denied" ? <span className="text-xs font-medium text-amber-800">Read-only: {access.reason}</span> : null}
      </header>
      {vs.http.length + vs.tls.length + vs.tcp.length === 0 ? <p className="text-sm text-slate-500">No routes.</p> : null}
      {vs.http.length > 0 ? (
        <ol className="space-y-3" aria-label={`HTTP routes of ${vs.name}, in the order Istio evaluates them`}>
          {vs.http.map((rule) => (
            <li key={`${rule.index}-${rule.name ?? ""}`}>
              <RuleCard vs={vs} rule={rule} access={access} window={window} choices={choices} />
            </li>
          ))}
        </ol>
      ) : null}
      {(["tls", "tcp"] as const).map((section) =>
        vs[section].length > 0 ? (
          <ol key={section} className="space-y-3" aria-label={`${section.toUpperCase()} routes of ${vs.name}, in the order Istio evaluates them`}>
            {vs[section].map((rule) => (
              <li key={rule.index}>
                <L4RuleCard vs={vs} rule={rule} section={section} access={access} />
              </li>
            ))}
          </ol>
        ) : null,
      )}
      {vs.http.length === 0 && vs.tls.length + vs.tcp.length > 0 ? null : <TestRoutesToggle vs={vs} access={access} choices={choices} />}
    </section>
  );
}

/** Every VirtualService routing to the Service, its routes in evaluation order, with their actions. */
export function RoutingPanel({ virtualServices, view, window }: { virtualServices: readonly VirtualServiceModel[]; view: TrafficView; window: MetricsWindow }) {
  return (
    <Panel id="routing" title="Routing" description="Routes in the order Istio evaluates them: the first match wins.">
      {virtualServices.length === 0 ? (
        <EmptyState title="No VirtualService routes to this Service">Traffic uses the Service&apos;s default load balancing over all its pods.</EmptyState>
      ) : (
        <div className="space-y-8">
          {virtualServices.map((vs) => (
            <VirtualServiceRouting key={`${vs.namespace}/${vs.name}`} vs={vs} view={view} window={window} />
          ))}
        </div>
      )}
    </Panel>
  );
}
