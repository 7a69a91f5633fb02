/** VirtualService → compiled rules (see rules.ts). */
import type { DestinationWire, HttpRouteWire, TcpRouteWire, TlsRouteWire } from "@/lib/istio/wire";
import type { VirtualServiceResource } from "../model/objects";
import { durationMs } from "@/lib/istio/semantics/duration";
import { gatewayKey, MESH_GATEWAY } from "@/lib/istio/semantics/gateway-ref";
import { istioFqdn } from "@/lib/istio/semantics/host";
import { parseHostPattern, type HostPattern } from "@/lib/istio/semantics/host-pattern";
import { compileHttpMatches, compileL4Matches, compileTlsMatches } from "@/lib/istio/semantics/http-match";
import { abortPercent, delayPercent, effectiveFaultPercent, mirrorPercent, mirrorPolicyPercent } from "@/lib/istio/semantics/percent";
import { effectiveRetryPolicy } from "@/lib/istio/semantics/retry";
import { istioWeightRules, splitWeights } from "@/lib/istio/semantics/weights";
import { destinationRef, weightedRoute, type CompiledRule, type DestinationRef, type FaultPolicy, type MirrorPolicy, type WeightedRoute } from "./rules";

/** What an L4 (tcp / tls) rule can see of a connection: the port, the caller, the gateways, and for TLS the SNI. */
export interface L4Connection {
  readonly port: number;
  readonly sourceLabels: Readonly<Record<string, string>>;
  readonly sourceNamespace: string;
  readonly gateways: ReadonlySet<string>;
  /** The ClientHello's server name ("" for plain TCP). */
  readonly sni: string;
}

export interface CompiledTcpRule {
  readonly match: (connection: L4Connection) => boolean;
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
  readonly tls: readonly CompiledTcpRule[];
}

function toDestinationRef(d: DestinationWire, namespace: string): DestinationRef {
  return destinationRef(istioFqdn(d.host, namespace), d.subset ?? "", d.port?.number ?? null);
}

/** Istio's weight rules (lib/istio/semantics/weights): a lone destination takes all, a missing weight is 0. */
function compileRoute(route: NonNullable<HttpRouteWire["route"]>, namespace: string): WeightedRoute {
  const { effective } = splitWeights(route.map((r) => r.weight), istioWeightRules);
  return weightedRoute(route.map((r, i) => ({ destination: toDestinationRef(r.destination, namespace), weight: effective[i] ?? 0 })));
}

/** Fault percentages as istiod passes them to Envoy (see lib/istio/semantics/percent). */
function compileFault(rule: HttpRouteWire): FaultPolicy | null {
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

function compileMirrors(rule: HttpRouteWire, namespace: string): MirrorPolicy[] {
  const out: MirrorPolicy[] = [];
  if (rule.mirror) out.push({ destination: toDestinationRef(rule.mirror, namespace), fraction: mirrorPercent(rule) / 100 });
  for (const m of rule.mirrors ?? []) {
    out.push({ destination: toDestinationRef(m.destination, namespace), fraction: mirrorPolicyPercent(m) / 100 });
  }
  return out;
}

export function compileHttpRule(rule: HttpRouteWire, namespace: string, index: number): CompiledRule {
  const match = compileHttpMatches(rule.match, namespace);
  const base = {
    name: rule.name ?? `#${index}`,
    match,
    fault: compileFault(rule),
    mirrors: compileMirrors(rule, namespace),
    timeoutMs: durationMs(rule.timeout) ?? 0,
    retry: effectiveRetryPolicy(rule.retries),
    noBackendCode: 503,
    unknownBackendCode: null,
  };
  if (rule.directResponse) return { ...base, action: { kind: "respond", code: rule.directResponse.status } };
  if (rule.redirect) return { ...base, action: { kind: "respond", code: rule.redirect.redirectCode ?? 301 } };
  return { ...base, action: { kind: "route", route: compileRoute(rule.route ?? [], namespace) } };
}

function compileTcpRule(rule: TcpRouteWire, namespace: string): CompiledTcpRule {
  const match = compileL4Matches(rule.match, namespace);
  return { match: (c) => match(l4Facts(c)), route: compileRoute(rule.route ?? [], namespace) };
}

/** TLS rules match the SNI (as the request facts' authority) and the L4 attributes (lib/istio/semantics). */
function compileTlsRule(rule: TlsRouteWire, namespace: string): CompiledTcpRule {
  const match = compileTlsMatches(rule.match, namespace);
  return { match: (c) => match(l4Facts(c)), route: compileRoute(rule.route ?? [], namespace) };
}

/** L4 matches read only L4 attributes (and the SNI, carried as the authority). */
const NO_HTTP = { path: "", method: "", scheme: "", headers: {}, queryParam: () => undefined } as const;

function l4Facts(c: L4Connection) {
  return { ...NO_HTTP, authority: c.sni.toLowerCase(), port: c.port, sourceLabels: c.sourceLabels, sourceNamespace: c.sourceNamespace, gateways: c.gateways };
}

export function compileVirtualService(vs: VirtualServiceResource): CompiledVirtualService {
  const ns = vs.meta.namespace;
  const gateways = vs.spec.gateways && vs.spec.gateways.length > 0 ? vs.spec.gateways : [MESH_GATEWAY];
  return {
    resource: vs,
    key: `${ns}/${vs.meta.name}`,
    hosts: (vs.spec.hosts ?? []).map((h) => parseHostPattern(h, ns)),
    gateways: new Set(gateways.map((g) => gatewayKey(g, ns))),
    http: (vs.spec.http ?? []).map((r, i) => compileHttpRule(r, ns, i)),
    tcp: (vs.spec.tcp ?? []).map((r) => compileTcpRule(r, ns)),
    tls: (vs.spec.tls ?? []).map((r) => compileTlsRule(r, ns)),
  };
}
