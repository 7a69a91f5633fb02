/**
 * Gateway API HTTPRoute → compiled rules. Every (rule, match) pair becomes
 * its own entry so entries from several routes can be ordered by the spec's
 * precedence (exact path, longest prefix, method, header count, query count,
 * then oldest route, then rule order).
 */
import type { BackendRef, RouteFilter, RouteMatch } from "../model/gateway-api-schema";
import type { HttpRouteResource } from "../model/objects";
import { serviceFqdn } from "@/lib/istio/semantics/host";
import { gatewayApiWeightRules, splitWeights } from "@/lib/istio/semantics/weights";
import { parseHostPattern, type HostPattern } from "@/lib/istio/semantics/host-pattern";
import {
  destinationRef,
  queryParam,
  weightedRoute,
  type CompiledRule,
  type DestinationRef,
  type MatchPredicate,
  type MirrorPolicy,
} from "./rules";
import { compileRe2 } from "@/lib/istio/semantics/regex";

const GATEWAY_GROUP = "gateway.networking.k8s.io";

export interface GatewayParent {
  /** ns/name of the Gateway. */
  readonly gatewayKey: string;
  readonly sectionName: string | null;
  readonly port: number | null;
}

export interface ServiceParent {
  readonly fqdn: string;
  readonly port: number | null;
}

export interface HttpRouteEntry {
  readonly rule: CompiledRule;
  /** Compared element by element, larger first. */
  readonly precedence: readonly number[];
  /** Tie-breakers: route creation time, route key, rule index. */
  readonly created: string;
  readonly routeKey: string;
  readonly index: number;
}

export interface CompiledHttpRoute {
  readonly key: string;
  readonly hostnames: readonly HostPattern[];
  readonly gatewayParents: readonly GatewayParent[];
  readonly serviceParents: readonly ServiceParent[];
  readonly entries: readonly HttpRouteEntry[];
}

function backendDestination(ref: BackendRef, routeNs: string): DestinationRef {
  const kind = ref.kind ?? "Service";
  // Istio's extension: kind Hostname (group networking.istio.io) names a ServiceEntry host.
  const host = kind === "Hostname" ? ref.name.toLowerCase() : serviceFqdn(ref.name, ref.namespace ?? routeNs);
  return destinationRef(host, "", ref.port ?? null);
}

function pathPredicate(path: RouteMatch["path"]): { test: MatchPredicate; rank: number; length: number } {
  const type = path?.type ?? "PathPrefix";
  const value = path?.value ?? "/";
  if (type === "Exact") return { test: (ctx) => ctx.uriPath === value, rank: 3, length: value.length };
  if (type === "RegularExpression") {
    const re = compileRe2(value);
    return { test: (ctx) => re !== null && re.fullMatch(ctx.uriPath), rank: 2, length: value.length };
  }
  const prefix = value.endsWith("/") && value !== "/" ? value.slice(0, -1) : value;
  const test: MatchPredicate =
    prefix === "/" ? () => true : (ctx) => ctx.uriPath === prefix || ctx.uriPath.startsWith(`${prefix}/`);
  return { test, rank: 1, length: prefix.length };
}

function valuePredicate(type: string | undefined, value: string): (v: string | undefined) => boolean {
  if (type === "RegularExpression") {
    const re = compileRe2(value);
    return (v) => v !== undefined && re !== null && re.fullMatch(v);
  }
  return (v) => v === value;
}

function compileMatch(m: RouteMatch): { test: MatchPredicate; precedence: number[] } {
  const path = pathPredicate(m.path);
  const checks: MatchPredicate[] = [path.test];
  if (m.method) {
    const method = m.method;
    checks.push((ctx) => ctx.req.method === method);
  }
  for (const h of m.headers) {
    const key = h.name.toLowerCase();
    const p = valuePredicate(h.type, h.value);
    checks.push((ctx) => p(ctx.req.headers[key]));
  }
  for (const q of m.queryParams) {
    const p = valuePredicate(q.type, q.value);
    checks.push((ctx) => p(queryParam(ctx, q.name)));
  }
  return {
    test: (ctx) => checks.every((c) => c(ctx)),
    precedence: [path.rank, path.length, m.method ? 1 : 0, m.headers.length, m.queryParams.length],
  };
}

function mirrorPolicies(filters: readonly RouteFilter[], routeNs: string): MirrorPolicy[] {
  return filters.flatMap((f) => {
    if (f.type !== "RequestMirror" || !f.requestMirror) return [];
    const { backendRef, percent, fraction } = f.requestMirror;
    const share =
      percent !== undefined ? percent / 100 : fraction ? fraction.numerator / (fraction.denominator ?? 100) : 1;
    return [{ destination: backendDestination(backendRef, routeNs), fraction: Math.min(1, Math.max(0, share)) }];
  });
}

export function compileHttpRoute(resource: HttpRouteResource): CompiledHttpRoute {
  const ns = resource.meta.namespace;
  const key = `${ns}/${resource.meta.name}`;
  const created = resource.meta.creationTimestamp;
  const gatewayParents: GatewayParent[] = [];
  const serviceParents: ServiceParent[] = [];
  for (const p of resource.spec.parentRefs) {
    const kind = p.kind ?? "Gateway";
    const group = p.group ?? (kind === "Gateway" ? GATEWAY_GROUP : "");
    if (kind === "Gateway" && group === GATEWAY_GROUP) {
      gatewayParents.push({ gatewayKey: `${p.namespace ?? ns}/${p.name}`, sectionName: p.sectionName ?? null, port: p.port ?? null });
    } else if (kind === "Service" && (group === "" || group === "core")) {
      serviceParents.push({ fqdn: serviceFqdn(p.name, p.namespace ?? ns), port: p.port ?? null });
    }
  }
  const entries: HttpRouteEntry[] = [];
  resource.spec.rules.forEach((rule, index) => {
    const redirect = rule.filters.find((f) => f.type === "RequestRedirect");
    const redirectCode = redirect ? (redirect.requestRedirect?.statusCode ?? 302) : null;
    const { effective } = splitWeights(rule.backendRefs.map((b) => b.weight), gatewayApiWeightRules);
    const backends = weightedRoute(rule.backendRefs.map((b, i) => ({ destination: backendDestination(b, ns), weight: effective[i] ?? 0 })));
    const matches = rule.matches.length > 0 ? rule.matches.map(compileMatch) : [compileMatch({ headers: [], queryParams: [] })];
    for (const m of matches) {
      entries.push({
        rule: {
          name: rule.name ?? `${key}#${index}`,
          match: m.test,
          action: redirectCode === null ? { kind: "route", route: backends } : { kind: "respond", code: redirectCode },
          fault: null,
          mirrors: mirrorPolicies(rule.filters, ns),
          timeoutMs: 0,
          noBackendCode: 500,
          unknownBackendCode: 500,
        },
        precedence: m.precedence,
        created,
        routeKey: key,
        index,
      });
    }
  });
  return {
    key,
    hostnames: resource.spec.hostnames.map((h) => parseHostPattern(h, "")),
    gatewayParents,
    serviceParents,
    entries,
  };
}

function comparePrecedence(a: HttpRouteEntry, b: HttpRouteEntry): number {
  for (let i = 0; i < a.precedence.length; i++) {
    const d = (b.precedence[i] ?? 0) - (a.precedence[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.created.localeCompare(b.created) || a.routeKey.localeCompare(b.routeKey) || a.index - b.index;
}

/** Rules of several routes merged into one ordered list; `hostRank` is how specifically the route's hostname matched. */
export function orderedRules(routes: readonly { route: CompiledHttpRoute; hostRank: number }[]): CompiledRule[] {
  return routes
    .flatMap(({ route, hostRank }) => route.entries.map((entry) => ({ entry, hostRank })))
    .sort((a, b) => b.hostRank - a.hostRank || comparePrecedence(a.entry, b.entry))
    .map((e) => e.entry.rule);
}
