/**
 * Gateway API HTTPRoute → compiled rules. Every (rule, match) pair becomes
 * its own entry so entries from several routes can be ordered by the spec's
 * precedence (exact path, longest prefix, method, header count, query count,
 * then oldest route, then rule order).
 */
import type { BackendRefWire, HttpRouteFilterWire } from "@/lib/istio/wire";
import type { HttpRouteResource } from "../model/objects";
import { serviceFqdn } from "@/lib/istio/semantics/host";
import { ISTIO_DEFAULT_RETRY_POLICY } from "@/lib/istio/semantics/retry";
import { requestMirrorPercent } from "@/lib/istio/semantics/percent";
import { gatewayApiWeightRules, splitWeights } from "@/lib/istio/semantics/weights";
import { parseHostPattern, type HostPattern } from "@/lib/istio/semantics/host-pattern";
import { compareRouteOrder, comparePrecedence, compileHttpRouteMatch, type MatchPrecedence, type RouteOrder } from "@/lib/istio/semantics/gateway-api-match";
import { destinationRef, weightedRoute, type CompiledRule, type DestinationRef, type MirrorPolicy } from "./rules";

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

/** One (rule, match) pair: its precedence, then its route's age and key and its index break ties. */
export interface HttpRouteEntry extends RouteOrder {
  readonly rule: CompiledRule;
  readonly precedence: MatchPrecedence;
}

export interface CompiledHttpRoute {
  readonly key: string;
  readonly hostnames: readonly HostPattern[];
  readonly gatewayParents: readonly GatewayParent[];
  readonly serviceParents: readonly ServiceParent[];
  readonly entries: readonly HttpRouteEntry[];
}

function backendDestination(ref: BackendRefWire, routeNs: string): DestinationRef {
  const kind = ref.kind ?? "Service";
  // Istio's extension: kind Hostname (group networking.istio.io) names a ServiceEntry host.
  const host = kind === "Hostname" ? ref.name.toLowerCase() : serviceFqdn(ref.name, ref.namespace ?? routeNs);
  return destinationRef(host, "", ref.port ?? null);
}

function mirrorPolicies(filters: readonly HttpRouteFilterWire[], routeNs: string): MirrorPolicy[] {
  return filters.flatMap((f) => {
    if (f.type !== "RequestMirror" || !f.requestMirror) return [];
    return [{ destination: backendDestination(f.requestMirror.backendRef, routeNs), fraction: requestMirrorPercent(f.requestMirror) / 100 }];
  });
}

export function compileHttpRoute(resource: HttpRouteResource): CompiledHttpRoute {
  const ns = resource.meta.namespace;
  const key = `${ns}/${resource.meta.name}`;
  const created = resource.meta.creationTimestamp;
  const gatewayParents: GatewayParent[] = [];
  const serviceParents: ServiceParent[] = [];
  for (const p of resource.spec.parentRefs ?? []) {
    const kind = p.kind ?? "Gateway";
    const group = p.group ?? (kind === "Gateway" ? GATEWAY_GROUP : "");
    if (kind === "Gateway" && group === GATEWAY_GROUP) {
      gatewayParents.push({ gatewayKey: `${p.namespace ?? ns}/${p.name}`, sectionName: p.sectionName ?? null, port: p.port ?? null });
    } else if (kind === "Service" && (group === "" || group === "core")) {
      serviceParents.push({ fqdn: serviceFqdn(p.name, p.namespace ?? ns), port: p.port ?? null });
    }
  }
  const entries: HttpRouteEntry[] = [];
  (resource.spec.rules ?? []).forEach((rule, index) => {
    const filters = rule.filters ?? [];
    const refs = rule.backendRefs ?? [];
    const redirect = filters.find((f) => f.type === "RequestRedirect");
    const redirectCode = redirect ? (redirect.requestRedirect?.statusCode ?? 302) : null;
    const { effective } = splitWeights(refs.map((b) => b.weight), gatewayApiWeightRules);
    const backends = weightedRoute(refs.map((b, i) => ({ destination: backendDestination(b, ns), weight: effective[i] ?? 0 })));
    const matches = (rule.matches?.length ? rule.matches : [{}]).map(compileHttpRouteMatch);
    for (const m of matches) {
      entries.push({
        rule: {
          name: rule.name ?? `${key}#${index}`,
          match: m.check,
          action: redirectCode === null ? { kind: "route", route: backends } : { kind: "respond", code: redirectCode },
          fault: null,
          mirrors: mirrorPolicies(filters, ns),
          timeoutMs: 0,
          // istiod turns HTTPRoutes into VirtualServices without retries: the default policy.
          retry: ISTIO_DEFAULT_RETRY_POLICY,
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
    hostnames: (resource.spec.hostnames ?? []).map((h) => parseHostPattern(h, "")),
    gatewayParents,
    serviceParents,
    entries,
  };
}

function compareEntries(a: HttpRouteEntry, b: HttpRouteEntry): number {
  return comparePrecedence(a.precedence, b.precedence) || compareRouteOrder(a, b);
}

/** Rules of several routes merged into one ordered list; `hostRank` is how specifically the route's hostname matched. */
export function orderedRules(routes: readonly { route: CompiledHttpRoute; hostRank: number }[]): CompiledRule[] {
  return routes
    .flatMap(({ route, hostRank }) => route.entries.map((entry) => ({ entry, hostRank })))
    .sort((a, b) => b.hostRank - a.hostRank || compareEntries(a.entry, b.entry))
    .map((e) => e.entry.rule);
}
