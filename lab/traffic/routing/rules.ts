/**
 * The compiled form shared by VirtualService and HTTPRoute rules, and its
 * evaluation: first matching rule → fault → weighted destination → endpoint.
 */
import type { ClusterLookup, ServiceRegistry } from "./registry";
import type { RequestFacts, RequestPredicate } from "@/lib/istio/semantics/request";
import { NO_RETRIES, type RetryPolicy } from "@/lib/istio/semantics/retry";
import type { Rng } from "../sim/random";
import { NO_MIRRORS, type Cluster, type Endpoint, type MirrorTarget, type RouteRequest, type RouteResult } from "./types";

/** A simulated request as routing rules see it (lib/istio/semantics/request); the query string is parsed on first use. */
class SimulatedRequest implements RequestFacts {
  readonly path: string;
  private query: URLSearchParams | null = null;

  constructor(
    private readonly req: RouteRequest,
    readonly gateways: ReadonlySet<string>,
  ) {
    const q = req.path.indexOf("?");
    this.path = q < 0 ? req.path : req.path.slice(0, q);
  }

  get method(): string {
    return this.req.method;
  }
  get authority(): string {
    return this.req.host;
  }
  get scheme(): string {
    return "http";
  }
  get port(): number {
    return this.req.port;
  }
  get headers(): Readonly<Record<string, string>> {
    return this.req.headers;
  }
  get sourceLabels(): Readonly<Record<string, string>> {
    return this.req.source.labels;
  }
  get sourceNamespace(): string {
    return this.req.source.namespace;
  }

  queryParam(name: string): string | undefined {
    if (this.query === null) {
      const q = this.req.path.indexOf("?");
      this.query = new URLSearchParams(q < 0 ? "" : this.req.path.slice(q + 1));
    }
    return this.query.get(name) ?? undefined;
  }
}

export interface DestinationRef {
  /** FQDN (short names already expanded). */
  readonly host: string;
  readonly subset: string;
  readonly port: number | null;
  /** Cluster lookups by source namespace (filled on first use). */
  readonly resolved: Map<string, ClusterLookup>;
}

export function destinationRef(host: string, subset: string, port: number | null): DestinationRef {
  return { host, subset, port, resolved: new Map() };
}

export interface WeightedRoute {
  readonly destinations: readonly DestinationRef[];
  /** Running sums of the weights (same length as destinations). */
  readonly cumulative: readonly number[];
  readonly total: number;
}

export function weightedRoute(entries: readonly { destination: DestinationRef; weight: number }[]): WeightedRoute {
  const cumulative: number[] = [];
  let total = 0;
  for (const e of entries) {
    total += Math.max(0, e.weight);
    cumulative.push(total);
  }
  return { destinations: entries.map((e) => e.destination), cumulative, total };
}

/** Weighted random choice; null when every weight is zero. */
export function pickWeighted(route: WeightedRoute, rng: Rng): DestinationRef | null {
  const { destinations, cumulative, total } = route;
  if (total <= 0) return null;
  if (destinations.length === 1) return destinations[0] ?? null;
  const r = rng() * total;
  for (let i = 0; i < cumulative.length; i++) {
    if (r < (cumulative[i] ?? 0)) return destinations[i] ?? null;
  }
  return destinations[destinations.length - 1] ?? null;
}

export interface FaultPolicy {
  readonly delayFraction: number;
  readonly delayMs: number;
  readonly abortFraction: number;
  readonly abortCode: number;
}

export interface MirrorPolicy {
  readonly destination: DestinationRef;
  readonly fraction: number;
}

export type RuleAction =
  | { readonly kind: "route"; readonly route: WeightedRoute }
  /** directResponse / redirect: answered by the proxy itself. */
  | { readonly kind: "respond"; readonly code: number };

export interface CompiledRule {
  readonly name: string;
  readonly match: RequestPredicate;
  readonly action: RuleAction;
  readonly fault: FaultPolicy | null;
  readonly mirrors: readonly MirrorPolicy[];
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
  /** Status when the route has no usable destination (all weights zero). */
  readonly noBackendCode: number;
  /** Local answer when the chosen backend does not exist (Gateway API: 500); null = Envoy's 503 NC. */
  readonly unknownBackendCode: number | null;
}

/** The routes that apply to one request host: ordered rules, first match wins. */
export interface VirtualHost {
  /** Where the rules came from, e.g. "VirtualService argo-apl/rollouts-demo-vsvc". */
  readonly origin: string;
  readonly rules: readonly CompiledRule[];
  /** The match context's gateway set for requests through this virtual host. */
  readonly gateways: ReadonlySet<string>;
}

export const NOT_ROUTED: RouteResult = {
  code: 404,
  flags: "NR",
  service: null,
  cluster: null,
  endpoint: null,
  delayMs: 0,
  timeoutMs: 0,
  retry: NO_RETRIES,
  mirrors: NO_MIRRORS,
};

export function resolveDestination(d: DestinationRef, registry: ServiceRegistry, sourceNs: string): ClusterLookup {
  let found = d.resolved.get(sourceNs);
  if (!found) {
    found = registry.cluster(d.host, d.subset, d.port, sourceNs);
    d.resolved.set(sourceNs, found);
  }
  return found;
}

export function nextEndpoint(cluster: Cluster): Endpoint | null {
  const eps = cluster.endpoints;
  if (eps.length === 0) return null;
  const i = cluster.next;
  cluster.next = i + 1 >= eps.length ? 0 : i + 1;
  return eps[i] ?? null;
}

/** How the caller's proxy treats a forwarded request: injected delay, route timeout, retries. */
export interface ForwardPolicy {
  readonly delayMs: number;
  readonly timeoutMs: number;
  readonly retry: RetryPolicy;
}

/** Forward to a cluster: 503 NC without a cluster, 503 UH without a ready endpoint. */
export function forward(lookup: ClusterLookup, policy: ForwardPolicy, mirrors: readonly MirrorTarget[]): RouteResult {
  const { delayMs, timeoutMs, retry } = policy;
  const delayFlag = delayMs > 0 ? "DI," : "";
  if (!lookup.ok) {
    return { code: 503, flags: `${delayFlag}NC`, service: lookup.service, cluster: null, endpoint: null, delayMs, timeoutMs, retry, mirrors };
  }
  const cluster = lookup.cluster;
  const endpoint = nextEndpoint(cluster);
  if (!endpoint) {
    return { code: 503, flags: `${delayFlag}UH`, service: cluster.service, cluster, endpoint: null, delayMs, timeoutMs, retry, mirrors };
  }
  return { code: 0, flags: delayMs > 0 ? "DI" : "-", service: cluster.service, cluster, endpoint, delayMs, timeoutMs, retry, mirrors };
}

function mirrorTargets(rule: CompiledRule, registry: ServiceRegistry, sourceNs: string, rng: Rng): readonly MirrorTarget[] {
  if (rule.mirrors.length === 0) return NO_MIRRORS;
  let out: MirrorTarget[] | null = null;
  for (const m of rule.mirrors) {
    if (m.fraction < 1 && rng() >= m.fraction) continue;
    const lookup = resolveDestination(m.destination, registry, sourceNs);
    if (!lookup.ok) continue;
    const endpoint = nextEndpoint(lookup.cluster);
    if (!endpoint) continue;
    (out ??= []).push({ cluster: lookup.cluster, endpoint });
  }
  return out ?? NO_MIRRORS;
}

/** Applies the first matching rule of a virtual host; 404 NR when none matches. */
export function evaluateVirtualHost(
  vh: VirtualHost,
  req: RouteRequest,
  registry: ServiceRegistry,
  rng: Rng,
): RouteResult {
  const ctx = new SimulatedRequest(req, vh.gateways);
  for (const rule of vh.rules) {
    if (rule.match(ctx)) return applyRule(rule, req, registry, rng);
  }
  return NOT_ROUTED;
}

function applyRule(rule: CompiledRule, req: RouteRequest, registry: ServiceRegistry, rng: Rng): RouteResult {
  const sourceNs = req.source.namespace;
  const action = rule.action;
  if (action.kind === "respond") {
    return { ...NOT_ROUTED, code: action.code, flags: "-" };
  }
  const destination = pickWeighted(action.route, rng);
  const fault = rule.fault;
  const delayMs = fault && fault.delayFraction > 0 && rng() < fault.delayFraction ? fault.delayMs : 0;
  if (!destination) {
    return { ...NOT_ROUTED, code: rule.noBackendCode, flags: rule.noBackendCode === 503 ? "UH" : "-", delayMs };
  }
  const lookup = resolveDestination(destination, registry, sourceNs);
  if (!lookup.ok && rule.unknownBackendCode !== null) return { ...NOT_ROUTED, code: rule.unknownBackendCode, flags: "-", delayMs };
  if (fault && fault.abortFraction > 0 && rng() < fault.abortFraction) {
    const service = lookup.ok ? lookup.cluster.service : lookup.service;
    const flags = delayMs > 0 ? "DI,FI" : "FI";
    return { code: fault.abortCode, flags, service, cluster: lookup.ok ? lookup.cluster : null, endpoint: null, delayMs, timeoutMs: 0, retry: NO_RETRIES, mirrors: NO_MIRRORS };
  }
  return forward(lookup, { delayMs, timeoutMs: rule.timeoutMs, retry: rule.retry }, mirrorTargets(rule, registry, sourceNs, rng));
}
