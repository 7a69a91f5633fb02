/** VirtualService → compiled rules (see rules.ts). */
import type { HttpMatch, HttpRouteRule, IstioDestination, TcpRouteRule } from "../model/istio-schema";
import type { VirtualServiceResource } from "../model/objects";
import { abortPercent, delayPercent, effectiveFaultPercent, mirrorPercent, mirrorPolicyPercent } from "@/lib/istio/semantics/percent";
import { durationMs } from "@/lib/istio/semantics/duration";
import { istioFqdn } from "@/lib/istio/semantics/host";
import { parseHostPattern, type HostPattern } from "@/lib/istio/semantics/host-pattern";
import {
  destinationRef,
  queryParam,
  weightedRoute,
  type CompiledRule,
  type DestinationRef,
  type FaultPolicy,
  type MatchPredicate,
  type MirrorPolicy,
  type WeightedRoute,
} from "./rules";
import { matchesLabels } from "@/lib/istio/semantics/labels";
import { istioWeightRules, splitWeights } from "@/lib/istio/semantics/weights";
import { compileNegatedStringMatch, compileStringMatch } from "@/lib/istio/semantics/string-match";

export const MESH_GATEWAY = "mesh";

export interface CompiledTcpRule {
  readonly match: (port: number, sourceLabels: Readonly<Record<string, string>>, sourceNs: string, gateways: ReadonlySet<string>) => boolean;
  readonly route: WeightedRoute;
}

export interface CompiledVirtualService {
  readonly resource: VirtualServiceResource;
  readonly key: string;
  readonly hosts: readonly HostPattern[];
  /** Gateway keys (ns/name) and/or "mesh". */
  readonly gateways: ReadonlySet<string>;
  readonly http: readonly CompiledRule[];
  readonly tcp: readonly CompiledTcpRule[];
}

/** `mesh` stays, `ns/name` stays, a bare `name` refers to the VirtualService's namespace. */
export function gatewayKey(ref: string, namespace: string): string {
  return ref === MESH_GATEWAY || ref.includes("/") ? ref : `${namespace}/${ref}`;
}

const ALWAYS: MatchPredicate = () => true;

function allOf(checks: readonly MatchPredicate[]): MatchPredicate {
  if (checks.length === 0) return ALWAYS;
  if (checks.length === 1) return checks[0] ?? ALWAYS;
  return (ctx) => {
    for (const c of checks) if (!c(ctx)) return false;
    return true;
  };
}

export function anyOf(checks: readonly MatchPredicate[]): MatchPredicate {
  if (checks.length === 0) return ALWAYS;
  if (checks.length === 1) return checks[0] ?? ALWAYS;
  return (ctx) => {
    for (const c of checks) if (c(ctx)) return true;
    return false;
  };
}

function gatewaysPredicate(refs: readonly string[], namespace: string): MatchPredicate {
  const keys = new Set(refs.map((g) => gatewayKey(g, namespace)));
  return (ctx) => {
    for (const g of ctx.gateways) if (keys.has(g)) return true;
    return false;
  };
}

function compileMatch(m: HttpMatch, namespace: string): MatchPredicate {
  const checks: MatchPredicate[] = [];
  if (m.uri) {
    const p = compileStringMatch(m.uri, m.ignoreUriCase ?? false);
    checks.push((ctx) => p(ctx.uriPath));
  }
  if (m.method) {
    const p = compileStringMatch(m.method);
    checks.push((ctx) => p(ctx.req.method));
  }
  if (m.authority) {
    const p = compileStringMatch(m.authority);
    checks.push((ctx) => p(ctx.req.host));
  }
  if (m.scheme) {
    const p = compileStringMatch(m.scheme);
    checks.push(() => p("http"));
  }
  for (const [name, sm] of Object.entries(m.headers ?? {})) {
    const key = name.toLowerCase();
    const p = compileStringMatch(sm);
    checks.push((ctx) => p(ctx.req.headers[key]));
  }
  for (const [name, sm] of Object.entries(m.withoutHeaders ?? {})) {
    const key = name.toLowerCase();
    const p = compileNegatedStringMatch(sm);
    checks.push((ctx) => p(ctx.req.headers[key]));
  }
  for (const [name, sm] of Object.entries(m.queryParams ?? {})) {
    const p = compileStringMatch(sm);
    checks.push((ctx) => p(queryParam(ctx, name)));
  }
  if (m.port !== undefined) {
    const port = m.port;
    checks.push((ctx) => ctx.req.port === port);
  }
  if (m.sourceLabels && Object.keys(m.sourceLabels).length > 0) {
    const selector = m.sourceLabels;
    checks.push((ctx) => matchesLabels(selector, ctx.req.source.labels));
  }
  if (m.sourceNamespace) {
    const ns = m.sourceNamespace;
    checks.push((ctx) => ctx.req.source.namespace === ns);
  }
  if (m.gateways && m.gateways.length > 0) checks.push(gatewaysPredicate(m.gateways, namespace));
  return allOf(checks);
}

function toDestinationRef(d: IstioDestination, namespace: string): DestinationRef {
  return destinationRef(istioFqdn(d.host, namespace), d.subset ?? "", d.port?.number ?? null);
}

/** Istio's weight rules (lib/istio/semantics/weights): a lone destination takes all, a missing weight is 0. */
function compileRoute(route: NonNullable<HttpRouteRule["route"]>, namespace: string): WeightedRoute {
  const { effective } = splitWeights(route.map((r) => r.weight), istioWeightRules);
  return weightedRoute(route.map((r, i) => ({ destination: toDestinationRef(r.destination, namespace), weight: effective[i] ?? 0 })));
}

/** Fault percentages as istiod passes them to Envoy (see lib/istio/semantics/percent). */
function compileFault(rule: HttpRouteRule): FaultPolicy | null {
  const f = rule.fault;
  if (!f || (!f.delay && !f.abort)) return null;
  const delayMs = durationMs(f.delay?.fixedDelay) ?? 0;
  return {
    delayFraction: f.delay && delayMs > 0 ? effectiveFaultPercent(delayPercent(f.delay)) / 100 : 0,
    delayMs,
    abortFraction: f.abort?.httpStatus ? effectiveFaultPercent(abortPercent(f.abort)) / 100 : 0,
    abortCode: f.abort?.httpStatus ?? 0,
  };
}

function compileMirrors(rule: HttpRouteRule, namespace: string): MirrorPolicy[] {
  const out: MirrorPolicy[] = [];
  if (rule.mirror) out.push({ destination: toDestinationRef(rule.mirror, namespace), fraction: mirrorPercent(rule) / 100 });
  for (const m of rule.mirrors ?? []) {
    out.push({ destination: toDestinationRef(m.destination, namespace), fraction: mirrorPolicyPercent(m) / 100 });
  }
  return out;
}

export function compileHttpRule(rule: HttpRouteRule, namespace: string, index: number): CompiledRule {
  const match = rule.match && rule.match.length > 0 ? anyOf(rule.match.map((m) => compileMatch(m, namespace))) : ALWAYS;
  const base = {
    name: rule.name ?? `#${index}`,
    match,
    fault: compileFault(rule),
    mirrors: compileMirrors(rule, namespace),
    timeoutMs: durationMs(rule.timeout) ?? 0,
    noBackendCode: 503,
    unknownBackendCode: null,
  };
  if (rule.directResponse) return { ...base, action: { kind: "respond", code: rule.directResponse.status } };
  if (rule.redirect) return { ...base, action: { kind: "respond", code: rule.redirect.redirectCode ?? 301 } };
  return { ...base, action: { kind: "route", route: compileRoute(rule.route ?? [], namespace) } };
}

function compileTcpRule(rule: TcpRouteRule, namespace: string): CompiledTcpRule {
  const matches = (rule.match ?? []).map((m) => {
    const gateways = m.gateways?.length ? new Set(m.gateways.map((g) => gatewayKey(g, namespace))) : null;
    return (port: number, labels: Readonly<Record<string, string>>, sourceNs: string, via: ReadonlySet<string>) =>
      (m.port === undefined || m.port === port) &&
      (!m.sourceLabels || matchesLabels(m.sourceLabels, labels)) &&
      (!m.sourceNamespace || m.sourceNamespace === sourceNs) &&
      (!gateways || [...via].some((g) => gateways.has(g)));
  });
  return {
    match: (port, labels, ns, via) => matches.length === 0 || matches.some((f) => f(port, labels, ns, via)),
    route: compileRoute(rule.route ?? [], namespace),
  };
}

export function compileVirtualService(vs: VirtualServiceResource): CompiledVirtualService {
  const ns = vs.meta.namespace;
  const gateways = vs.spec.gateways && vs.spec.gateways.length > 0 ? vs.spec.gateways : [MESH_GATEWAY];
  return {
    resource: vs,
    key: `${ns}/${vs.meta.name}`,
    hosts: vs.spec.hosts.map((h) => parseHostPattern(h, ns)),
    gateways: new Set(gateways.map((g) => gatewayKey(g, ns))),
    http: vs.spec.http.map((r, i) => compileHttpRule(r, ns, i)),
    tcp: vs.spec.tcp.map((r) => compileTcpRule(r, ns)),
  };
}
