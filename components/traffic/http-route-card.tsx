import type { HttpRouteModel } from "@/lib/istio/model/schema";
import type { Validation } from "@/lib/istio/validate/schema";
import { destinationColor } from "./colors";
import { formatMatches } from "./match-format";
import { OwnerBadge } from "./owner-badge";
import { toPercents, validationsFor } from "./share-math";
import { SplitBar } from "./split-bar";
import { ValidationSummary } from "./validation-summary";

/** A Gateway API HTTPRoute: configured backendRef weights per rule (no observation is made for them). */
export function HttpRouteCard({ route, validations }: { route: HttpRouteModel; validations: readonly Validation[] }) {
  const headingId = `httproute-${route.namespace}-${route.name}`;
  const mine = validationsFor(validations, { kind: "HTTPRoute", namespace: route.namespace, name: route.name });
  return (
    <article aria-labelledby={headingId} className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h4 id={headingId} className="font-mono text-sm font-semibold break-all text-slate-900">
            <span className="sr-only">HTTPRoute </span>
            {route.name}
          </h4>
          <p className="mt-0.5 text-xs text-slate-500">
            HTTPRoute · {route.parentRefs.map((p) => `${p.kind} ${p.namespace}/${p.name}`).join(", ") || "no parents"}
          </p>
        </div>
        <OwnerBadge owner={route.owner} />
      </header>
      <div className="mt-2">
        <ValidationSummary validations={mine} subject={`HTTPRoute ${route.name}`} />
      </div>
      <div className="mt-3 space-y-3">
        {route.rules.map((rule) => {
          const title = rule.name ?? `#${rule.index + 1}`;
          const percents = toPercents(rule.backendRefs.map((b) => b.share));
          return (
            <section key={rule.index} aria-label={`Rule ${title}`} className="space-y-1.5">
              <p className="text-xs text-slate-600">
                <span className="mr-2 rounded bg-slate-100 px-1.5 py-0.5 font-mono font-medium text-slate-800">rule {title}</span>
                {formatMatches(rule.matches).join(" or ")}
              </p>
              {rule.backendRefs.length > 1 ? (
                <SplitBar
                  name={`Configured split of rule ${title}`}
                  segments={rule.backendRefs.map((b, i) => ({ label: b.name, percent: percents[i] ?? 0, colorIndex: i }))}
                />
              ) : null}
              <ul className="flex flex-wrap gap-x-4 text-xs">
                {rule.backendRefs.map((b, i) => (
                  <li key={b.index} className="inline-flex items-center gap-1.5">
                    <span aria-hidden="true" className={`size-2.5 rounded-sm ${destinationColor(i).bg}`} />
                    <span className="font-mono">{b.name}</span>
                    <span className="font-medium tabular-nums">{percents[i] ?? 0}%</span>
                  </li>
                ))}
              </ul>
            </section>
          );
        })}
      </div>
    </article>
  );
}
