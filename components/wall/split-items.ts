import type { ObservedTraffic } from "@/lib/api/traffic";
import type { HttpRule, VirtualServiceModel } from "@/lib/istio/model/schema";
import { inScope } from "@/lib/wall/config";
import { formatMatches } from "@/components/traffic/match-format";
import { findObserved, isWeighted, splitRows, type SplitRow } from "@/components/traffic/share-math";

// The weighted routes the wall's splits view shows, configured next to
// observed, drifting ones first. Pure.

/** `l4`: a TLS / TCP route, whose observed split the dashboard does not compute (it reads istio_requests_total). */
export type ObservedState = "ok" | "no-traffic" | "unmeasured" | "unavailable" | "not-configured" | "l4";

export interface SplitItem {
  /** "namespace/name#index" (http), "namespace/name#tls:index" / "#tcp:index". */
  readonly id: string;
  readonly namespace: string;
  readonly name: string;
  /** The rule's name, or "#n" (1-based); "TLS #n" / "TCP #n" for L4 routes. */
  readonly route: string;
  readonly matches: readonly string[];
  readonly managedBy: string | null;
  readonly rows: readonly SplitRow[];
  readonly observed: ObservedState;
  readonly drifting: boolean;
  readonly settling: boolean;
  /** Requests the observation covers. */
  readonly requests: number | null;
}

type Rule = Pick<HttpRule, "index" | "name" | "matches" | "destinations" | "managedBy">;
type L4 = Omit<Rule, "name">;
type Vs = Pick<VirtualServiceModel, "namespace" | "name"> & { http: readonly Rule[]; tls?: readonly L4[]; tcp?: readonly L4[] };

function observedState(observed: ObservedTraffic | undefined, rows: readonly SplitRow[], requests: number | null): ObservedState {
  if (!observed || observed.status === "unavailable") return "unavailable";
  if (observed.status === "not-configured") return "not-configured";
  if (requests === 0) return "no-traffic";
  return rows.length > 0 && rows.every((r) => r.observed !== null) ? "ok" : "unmeasured";
}

export function splitItems(view: { virtualServices: readonly Vs[]; observed: ObservedTraffic | undefined }, scope: ReadonlySet<string> | null): SplitItem[] {
  const out: SplitItem[] = [];
  for (const vs of view.virtualServices) {
    if (!inScope(vs.namespace, scope)) continue;
    for (const rule of vs.http) {
      if (!isWeighted(rule)) continue;
      const drift = findObserved(view.observed, vs, rule.index)?.drift ?? null;
      const rows = splitRows(rule.destinations, drift);
      const requests = drift ? drift.totalRequests : null;
      out.push({
        id: `${vs.namespace}/${vs.name}#${rule.index}`,
        namespace: vs.namespace,
        name: vs.name,
        route: rule.name ?? `#${rule.index + 1}`,
        matches: formatMatches(rule.matches),
        managedBy: rule.managedBy?.name ?? null,
        rows,
        observed: observedState(view.observed, rows, requests),
        drifting: drift?.drifting ?? false,
        settling: drift?.settling ?? false,
        requests,
      });
    }
    out.push(...l4Items(vs));
  }
  return out.sort((a, b) => Number(b.drifting) - Number(a.drifting) || a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/** The weighted TLS and TCP routes of a VirtualService (configured split only). */
function l4Items(vs: Vs): SplitItem[] {
  return (["tls", "tcp"] as const).flatMap((section) =>
    (vs[section] ?? []).filter(isWeighted).map((rule) => ({
      id: `${vs.namespace}/${vs.name}#${section}:${rule.index}`,
      namespace: vs.namespace,
      name: vs.name,
      route: `${section.toUpperCase()} #${rule.index + 1}`,
      matches: formatMatches(rule.matches),
      managedBy: rule.managedBy?.name ?? null,
      rows: splitRows(rule.destinations, null),
      observed: "l4" as const,
      drifting: false,
      settling: false,
      requests: null,
    })),
  );
}
