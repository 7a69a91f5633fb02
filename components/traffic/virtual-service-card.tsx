import Link from "next/link";
import type { ObservedTraffic, TrafficWindow } from "@/lib/api/traffic";
import type { HttpRule, L4Rule, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { Validation } from "@/lib/istio/validate/schema";
import { weightsOwner } from "./weights-owner";
import { formatMatches } from "./match-format";
import { OwnerBadge } from "./owner-badge";
import { RouteSplit, routeTitle } from "./route-split";
import { destinationLabel, isWeighted, toPercents, validationsFor } from "./share-math";
import { l4RouteAnchor, routeAnchor, serviceHref } from "./url-state";
import { ValidationSummary } from "./validation-summary";

/** Where the service page of a route lives: the first destination that is a Service. */
export function primaryService(rule: Pick<HttpRule, "destinations">): { namespace: string; name: string } | null {
  for (const d of rule.destinations) if (d.host.service) return d.host.service;
  return null;
}

function actionText(rule: HttpRule): string | null {
  switch (rule.action) {
    case "redirect":
      return "redirect";
    case "directResponse":
      return "direct response";
    case "delegate":
      return rule.delegate ? `delegate to ${rule.delegate.namespace}/${rule.delegate.name}` : "delegate";
    case "none":
      return "no destination";
    case "route":
      return null;
  }
}

function CompactRoute({ rule }: { rule: HttpRule }) {
  const matches = formatMatches(rule.matches);
  const action = actionText(rule);
  const percents = toPercents(rule.destinations.map((d) => d.share));
  return (
    <li className="flex min-w-0 flex-wrap items-baseline gap-x-2 gap-y-0.5 py-1 text-xs">
      <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono font-medium text-slate-800">route {routeTitle(rule)}</span>
      <span className="text-slate-600">{matches.join(" or ")}</span>
      <span aria-hidden="true" className="text-slate-400">
        →
      </span>
      {action ? (
        <span className="text-slate-700 italic">{action}</span>
      ) : (
        rule.destinations.map((d, i) => (
          <span key={d.index} className="font-mono text-slate-800">
            {destinationLabel(d)}
            {rule.destinations.length > 1 ? ` ${percents[i] ?? 0}%` : ""}
          </span>
        ))
      )}
      {rule.testRoute ? <span className="rounded bg-indigo-50 px-1.5 text-indigo-700">test route</span> : null}
      {rule.fault ? <span className="rounded bg-rose-50 px-1.5 text-rose-700">fault injection</span> : null}
      {rule.mirrors.length > 0 ? <span className="rounded bg-cyan-50 px-1.5 text-cyan-800">mirrored</span> : null}
    </li>
  );
}

/** A TLS / TCP route in one line: matches (port, SNI hosts), destinations with weights, owner, and a link to its weights editor. */
function CompactL4Route({ vs, rule, section }: { vs: VirtualServiceModel; rule: L4Rule; section: "tls" | "tcp" }) {
  const percents = toPercents(rule.destinations.map((d) => d.share));
  const title = `${section.toUpperCase()} #${rule.index + 1}`;
  const svc = primaryService(rule);
  return (
    <li className="flex min-w-0 flex-wrap items-baseline gap-x-2 gap-y-0.5 py-1 text-xs" data-testid={`overview-${section}-route`}>
      <span className="rounded bg-slate-100 px-1.5 py-0.5 font-mono font-medium text-slate-800">{title}</span>
      <span className="text-slate-600">{formatMatches(rule.matches).join(" or ")}</span>
      <span aria-hidden="true" className="text-slate-400">
        →
      </span>
      {rule.destinations.map((d, i) => (
        <span key={d.index} className="font-mono text-slate-800">
          {destinationLabel(d)}
          {rule.destinations.length > 1 ? ` ${percents[i] ?? 0}%` : ""}
        </span>
      ))}
      {rule.managedBy ? <span className="rounded bg-violet-50 px-1.5 text-violet-800">managed by Rollout {rule.managedBy.name}</span> : null}
      {svc && isWeighted(rule) ? (
        <Link href={serviceHref(svc.namespace, svc.name, l4RouteAnchor(vs.name, section, rule.index))} className="font-medium text-sky-700 hover:underline">
          {weightsOwner(vs, rule) ? "View route" : "Adjust weights"}
          <span className="sr-only">
            {" "}
            of {section.toUpperCase()} route #{rule.index + 1} in {vs.name}
          </span>{" "}
          →
        </Link>
      ) : null}
    </li>
  );
}

interface VirtualServiceCardProps {
  vs: VirtualServiceModel;
  validations: readonly Validation[];
  observed: ObservedTraffic | undefined;
  window: TrafficWindow;
}

/** One VirtualService: owner, validations, every weighted route's split, and the other routes in one line each. */
export function VirtualServiceCard({ vs, validations, observed, window }: VirtualServiceCardProps) {
  const headingId = `vs-${vs.namespace}-${vs.name}`;
  const mine = validationsFor(validations, { kind: "VirtualService", namespace: vs.namespace, name: vs.name });
  const weighted = vs.http.filter(isWeighted);
  const others = vs.http.filter((r) => !isWeighted(r));
  return (
    <article aria-labelledby={headingId} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h4 id={headingId} className="font-mono text-sm font-semibold break-all text-slate-900">
            <span className="sr-only">VirtualService </span>
            {vs.name}
          </h4>
          <p className="mt-0.5 text-xs break-all text-slate-500">
            {vs.hosts.length > 0 ? vs.hosts.map((h) => h.raw).join(", ") : "no hosts (delegate)"}
            {" · "}
            {vs.gateways.map((g) => g.key).join(", ")}
          </p>
        </div>
        <OwnerBadge owner={vs.owner} />
      </header>
      <div className="mt-2">
        <ValidationSummary validations={mine} subject={`VirtualService ${vs.name}`} />
      </div>
      {weighted.length > 0 ? (
        <div className="mt-3 space-y-4">
          {weighted.map((rule) => {
            const svc = primaryService(rule);
            return (
              <div key={rule.index} className="space-y-1">
                <RouteSplit vs={vs} rule={rule} observed={observed} window={window} />
                {svc ? (
                  <Link
                    href={serviceHref(svc.namespace, svc.name, routeAnchor(vs.name, rule.index))}
                    className="inline-block text-xs font-medium text-sky-700 hover:underline"
                  >
                    {weightsOwner(vs, rule) ? "View route" : "Adjust weights"}
                    <span className="sr-only"> of route {routeTitle(rule)} in {vs.name}</span> →
                  </Link>
                ) : null}
              </div>
            );
          })}
        </div>
      ) : null}
      {others.length > 0 ? (
        <ul aria-label={`Other routes of ${vs.name}`} className={`${weighted.length > 0 ? "mt-3 border-t border-slate-100 pt-2" : "mt-2"}`}>
          {others.map((rule) => (
            <CompactRoute key={rule.index} rule={rule} />
          ))}
        </ul>
      ) : null}
      {vs.tcp.length + vs.tls.length > 0 ? (
        <ul aria-label={`TLS and TCP routes of ${vs.name}`} className={weighted.length + others.length > 0 ? "mt-3 border-t border-slate-100 pt-2" : "mt-2"}>
          {(["tls", "tcp"] as const).flatMap((section) => vs[section].map((rule) => <CompactL4Route key={`${section}-${rule.index}`} vs={vs} rule={rule} section={section} />))}
        </ul>
      ) : null}
    </article>
  );
}
