/**
 * Which routes of a VirtualService an Argo Rollout writes, as Argo Rollouts
 * v1.9 decides it (rollout/trafficrouting/istio/istio.go: reconcileVirtualService,
 * ValidateHTTPRoutes/ValidateTlsRoutes/ValidateTcpRoutes and
 * getHttpRouteIndexesToPatch/getTlsRouteIndexesToPatch/getTcpRouteIndexesToPatch).
 * Pure; shared by the mesh model (display) and the write lock.
 */

/** A Rollout's `trafficRouting.istio.virtualService(s)[]` entry, minus the name. */
export interface ArgoVirtualServiceRef {
  routes: readonly string[];
  tlsRoutes: readonly { port: number | null; sniHosts: readonly string[] }[];
  tcpRoutes: readonly { port: number | null }[];
}

/** What the rule reads of a VirtualService's spec. */
export interface ArgoRoutesSpec {
  http?: readonly { name?: string | undefined; mirror?: unknown }[] | undefined;
  tls?: readonly { match?: readonly { port?: number | undefined; sniHosts?: readonly string[] | undefined }[] | undefined }[] | undefined;
  tcp?: readonly { match?: readonly { port?: number | undefined }[] | undefined }[] | undefined;
}

/** Indexes (ascending) of the routes a Rollout writes, per section. */
export interface ArgoRouteSet {
  http: number[];
  tls: number[];
  tcp: number[];
  /** Why Argo refuses this VirtualService (then it writes no weights in it; its managed routes stay its own). */
  error: string | null;
}

type IndexResult = { indexes: number[] } | { error: string };

/** getHttpRouteIndexesToPatch: the named routes; none named → the only route, else the first unnamed one. */
function httpIndexes(names: readonly string[], http: NonNullable<ArgoRoutesSpec["http"]>): IndexResult {
  if (names.length === 0) {
    if (http.length === 1) return { indexes: [0] };
    const unnamed = http.findIndex((r) => !r.name);
    return { indexes: unnamed >= 0 ? [unnamed] : [] };
  }
  const indexes: number[] = [];
  for (const name of names) {
    const i = http.findIndex((r) => (r.name ?? "") === name);
    if (i < 0) return { error: `HTTP Route '${name}' is not found in the defined Virtual Service.` };
    indexes.push(i);
  }
  return { indexes };
}

function validateHttp(ref: ArgoVirtualServiceRef, managedRoutes: readonly string[], http: NonNullable<ArgoRoutesSpec["http"]>): IndexResult {
  const found = httpIndexes(ref.routes, http);
  if ("error" in found) return found;
  const unmanaged = http.filter((r) => !managedRoutes.includes(r.name ?? "")).length;
  if (ref.routes.length === 0 && unmanaged > 1) {
    return { error: "spec.http[] should be set in VirtualService and it must have exactly one route when omitting spec.strategy.canary.trafficRouting.istio.virtualService.routes" };
  }
  // generateVirtualServicePatches: managed routes with a mirror are weighted too (appended to the names).
  const mirrors = http.filter((r) => r.mirror != null && r.name !== undefined && managedRoutes.includes(r.name)).map((r) => r.name as string);
  return mirrors.length === 0 ? found : httpIndexes([...ref.routes, ...mirrors], http);
}

/** evalUtils.Equal: same length, and every element of b is in a. */
function sameHosts(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && b.every((x) => a.includes(x));
}

/** The single port of a route's match blocks (0 when none), or null when it has several (never matched). */
function singlePort(match: readonly { port?: number | undefined }[] | undefined): number | null {
  const ports = new Set((match ?? []).map((m) => m.port ?? 0));
  if (ports.size > 1) return null;
  return ports.size === 0 ? 0 : [...ports][0]!;
}

function l4Indexes<S>(section: "tls" | "tcp", selectors: readonly S[], count: number, matches: (selector: S, i: number) => boolean): IndexResult {
  const field = section === "tls" ? "tlsRoutes" : "tcpRoutes";
  if (selectors.length === 0) {
    if (count > 1) return { error: `spec.${section}[] should be set in VirtualService and it must have exactly one route when omitting spec.strategy.canary.trafficRouting.istio.virtualService.${field}` };
    return { indexes: count === 1 ? [0] : [] };
  }
  const indexes: number[] = [];
  for (const selector of selectors) {
    const hit = Array.from({ length: count }, (_, i) => i).filter((i) => matches(selector, i));
    if (hit.length === 0) return { error: `No matching ${section.toUpperCase()} routes found in the defined Virtual Service.` };
    indexes.push(...hit);
  }
  return { indexes };
}

function tlsIndexes(ref: ArgoVirtualServiceRef, tls: NonNullable<ArgoRoutesSpec["tls"]>): IndexResult {
  return l4Indexes("tls", ref.tlsRoutes, tls.length, (sel, i) => {
    const match = tls[i]?.match;
    const port = singlePort(match);
    const hosts = [...new Set((match ?? []).flatMap((m) => m.sniHosts ?? []))];
    return port !== null && port === (sel.port ?? 0) && sameHosts(sel.sniHosts, hosts);
  });
}

function tcpIndexes(ref: ArgoVirtualServiceRef, tcp: NonNullable<ArgoRoutesSpec["tcp"]>): IndexResult {
  return l4Indexes("tcp", ref.tcpRoutes, tcp.length, (sel, i) => {
    const port = singlePort(tcp[i]?.match);
    return port !== null && port === (sel.port ?? 0);
  });
}

const sorted = (xs: readonly number[]) => [...new Set(xs)].sort((a, b) => a - b);

/** The managed routes (header and mirror steps) Argo created in the VirtualService: its own whatever happens. */
function managedIndexes(managedRoutes: readonly string[], http: ArgoRoutesSpec["http"]): number[] {
  return (http ?? []).flatMap((r, i) => (r.name !== undefined && managedRoutes.includes(r.name) ? [i] : []));
}

/**
 * The routes of `spec` a Rollout referencing it through `ref` writes: the
 * weights of the HTTP routes it patches (named, or the only / first unnamed one
 * when none is named — also when it names only tlsRoutes or tcpRoutes), of the
 * TLS and TCP routes it selects (by port and SNI hosts, or the only one when
 * none is selected), and the managed routes of its header and mirror steps. A
 * section absent from the spec is skipped, as Argo does; when Argo would refuse
 * the VirtualService (a named route missing, several routes and none named), it
 * writes no weights in it (`error` says why).
 */
export function argoWrittenRoutes(ref: ArgoVirtualServiceRef, managedRoutes: readonly string[], spec: ArgoRoutesSpec): ArgoRouteSet {
  const managed = managedIndexes(managedRoutes, spec.http);
  const results = {
    http: spec.http ? validateHttp(ref, managedRoutes, spec.http) : { indexes: [] },
    tls: spec.tls ? tlsIndexes(ref, spec.tls) : { indexes: [] },
    tcp: spec.tcp ? tcpIndexes(ref, spec.tcp) : { indexes: [] },
  };
  for (const r of [results.http, results.tls, results.tcp]) {
    if ("error" in r) return { http: managed, tls: [], tcp: [], error: r.error };
  }
  const pick = (r: IndexResult) => ("indexes" in r ? r.indexes : []);
  return { http: sorted([...pick(results.http), ...managed]), tls: sorted(pick(results.tls)), tcp: sorted(pick(results.tcp)), error: null };
}
