/**
 * The routing table: everything compiled from one cluster snapshot, and the
 * per-request routing decision Envoy would make with that config.
 *
 *  - gateway pods: Gateway server (port + host) → VirtualServices bound to it
 *    (most specific host wins; same-host VirtualServices are merged in
 *    creation order) or Gateway API HTTPRoutes → rules; no route → 404 NR.
 *  - sidecars: GAMMA HTTPRoutes for the service, else the most specific mesh
 *    VirtualService visible from the caller's namespace, else the service's
 *    default cluster (round robin over all ready endpoints).
 *  - callers without a sidecar: kube-proxy, i.e. the default cluster; no mesh
 *    config applies.
 */
import type { ClusterSnapshot } from "../model/objects";
import type { Rng } from "../sim/random";
import { EndpointSet } from "./endpoints";
import { GatewayIndex, type AcceptingServer } from "./gateways";
import { bestHostMatch, hostMatches, resolveFromNamespace, type HostPattern } from "@/lib/istio/semantics/host-pattern";
import { compileHttpRoute, orderedRules, type CompiledHttpRoute } from "./http-route";
import { unregisteredService, ServiceRegistry } from "./registry";
import {
  evaluateVirtualHost,
  forward,
  NOT_ROUTED,
  pickWeighted,
  resolveDestination,
  type VirtualHost,
} from "./rules";
import { compareConfigAge } from "@/lib/istio/semantics/config-order";
import { isExportedTo } from "@/lib/istio/semantics/export-to";
import { NO_MIRRORS, type Endpoint, type RouteRequest, type RouteResult } from "./types";
import { MESH_GATEWAY } from "@/lib/istio/semantics/gateway-ref";
import { ISTIO_DEFAULT_RETRY_POLICY, NO_RETRIES, type RetryPolicy } from "@/lib/istio/semantics/retry";
import { compileVirtualService, type CompiledVirtualService } from "./virtual-service";

const MESH_SET: ReadonlySet<string> = new Set([MESH_GATEWAY]);
const TCP_FORWARD = { delayMs: 0, timeoutMs: 0, retry: NO_RETRIES } as const;
const CACHE_LIMIT = 100_000;

interface HostIndexEntry<T> {
  readonly item: T;
  readonly pattern: HostPattern;
}

/** Exact hosts in a map, wildcard hosts in a list: most-specific lookup without a full scan. */
class HostIndex<T> {
  private readonly exact = new Map<string, HostIndexEntry<T>[]>();
  private readonly wildcard: HostIndexEntry<T>[] = [];

  add(item: T, pattern: HostPattern): void {
    if (pattern.kind === "exact") {
      const list = this.exact.get(pattern.value);
      if (list) list.push({ item, pattern });
      else this.exact.set(pattern.value, [{ item, pattern }]);
    } else {
      this.wildcard.push({ item, pattern });
    }
  }

  /** All entries matching host:port that share the highest specificity, in insertion order. */
  best(host: string, port: number, accept: (item: T) => boolean): HostIndexEntry<T>[] {
    let top = -1;
    let out: HostIndexEntry<T>[] = [];
    const consider = (e: HostIndexEntry<T>): void => {
      if (!hostMatches(e.pattern, host, port) || !accept(e.item)) return;
      if (e.pattern.specificity > top) {
        top = e.pattern.specificity;
        out = [e];
      } else if (e.pattern.specificity === top && !out.some((o) => o.item === e.item)) {
        out.push(e);
      }
    };
    for (const e of this.exact.get(host) ?? []) consider(e);
    if (out.length === 0) for (const e of this.wildcard) consider(e);
    return out;
  }
}

type MeshRoute = VirtualHost | "default";

export interface TableStats {
  readonly endpoints: number;
  readonly virtualServices: number;
  readonly httpRoutes: number;
  readonly compileMs: number;
}

export class RoutingTable {
  readonly endpoints: EndpointSet;
  readonly registry: ServiceRegistry;
  readonly gateways: GatewayIndex;
  readonly stats: TableStats;
  private readonly meshVs = new HostIndex<CompiledVirtualService>();
  private readonly gatewayVs = new Map<string, HostIndex<CompiledVirtualService>>();
  private readonly routesByGateway = new Map<string, CompiledHttpRoute[]>();
  private readonly routesByService = new Map<string, CompiledHttpRoute[]>();
  private readonly virtualServices: CompiledVirtualService[];
  private readonly gatewayCache = new Map<string, VirtualHost | null>();
  private readonly meshCache = new Map<string, MeshRoute>();
  private readonly groupKeys = new Map<number, string>();

  constructor(snapshot: ClusterSnapshot) {
    const started = performance.now();
    this.gateways = new GatewayIndex(snapshot.gateways, snapshot.k8sGateways);
    this.endpoints = new EndpointSet(snapshot.pods, this.gateways);
    this.registry = new ServiceRegistry(snapshot, this.endpoints.byNamespace, this.endpoints);
    this.virtualServices = [...snapshot.virtualServices].sort((a, b) => compareConfigAge(a.meta, b.meta)).map(compileVirtualService);
    for (const vs of this.virtualServices) {
      for (const g of vs.gateways) {
        if (g === MESH_GATEWAY) for (const h of vs.hosts) this.meshVs.add(vs, h);
        else {
          let index = this.gatewayVs.get(g);
          if (!index) this.gatewayVs.set(g, (index = new HostIndex()));
          for (const h of vs.hosts) index.add(vs, h);
        }
      }
    }
    for (const route of snapshot.httpRoutes.map(compileHttpRoute)) {
      for (const p of route.gatewayParents) pushTo(this.routesByGateway, p.gatewayKey, route);
      for (const p of route.serviceParents) pushTo(this.routesByService, p.fqdn, route);
    }
    this.stats = {
      endpoints: this.endpoints.all.length,
      virtualServices: this.virtualServices.length,
      httpRoutes: snapshot.httpRoutes.length,
      compileMs: performance.now() - started,
    };
  }

  /** The FQDN a caller in `namespace` reaches when it dials `name` (Kubernetes DNS search path). */
  resolveMeshHost(name: string, namespace: string): string {
    return resolveFromNamespace(name, namespace, (fqdn) => this.registry.has(fqdn) || this.meshVs.best(fqdn, 0, () => true).length > 0);
  }

  route(req: RouteRequest, rng: Rng): RouteResult {
    const source = req.source;
    if (source.gateway) {
      const vh = this.gatewayVirtualHost(source, req.host, req.port);
      return vh ? evaluateVirtualHost(vh, req, this.registry, rng) : NOT_ROUTED;
    }
    if (source.proxy) {
      const route = this.meshRoute(source.namespace, req.host, req.port);
      if (route !== "default") return evaluateVirtualHost(route, req, this.registry, rng);
    }
    return this.defaultRoute(req, source.proxy ? ISTIO_DEFAULT_RETRY_POLICY : NO_RETRIES);
  }

  /** TCP: the first matching `tcp` rule of the host's mesh VirtualService, else the default cluster. */
  routeTcp(source: Endpoint, host: string, port: number, rng: Rng): RouteResult {
    return this.routeL4(source, host, port, null, rng);
  }

  /**
   * TLS (passthrough): the first `tls` rule of the host's mesh VirtualService whose
   * sniHosts cover `sni` (and port, source…), else the default cluster when the
   * VirtualService has no tls rules; a VirtualService with tls rules none of which
   * match leaves the connection unrouted (NR), as Envoy's filter chain match does.
   */
  routeTls(source: Endpoint, host: string, port: number, sni: string, rng: Rng): RouteResult {
    return this.routeL4(source, host, port, sni, rng);
  }

  private routeL4(source: Endpoint, host: string, port: number, sni: string | null, rng: Rng): RouteResult {
    const req: RouteRequest = { source, host, port, path: "", method: "", headers: {} };
    if (!source.proxy) return this.defaultRoute(req, NO_RETRIES);
    const vs = this.meshVs.best(host, port, (v) => isExportedTo(v.resource.spec.exportTo, v.resource.meta.namespace, source.namespace))[0]?.item;
    const rules = vs ? (sni === null ? vs.tcp : vs.tls) : [];
    if (rules.length === 0) return this.defaultRoute(req, NO_RETRIES);
    const connection = { port, sourceLabels: source.labels, sourceNamespace: source.namespace, gateways: MESH_SET, sni: sni ?? "" };
    const rule = rules.find((r) => r.match(connection));
    if (!rule) return NOT_ROUTED;
    const destination = pickWeighted(rule.route, rng);
    if (!destination) return { ...NOT_ROUTED, code: 503, flags: "UH" };
    return forward(resolveDestination(destination, this.registry, source.namespace), TCP_FORWARD, NO_MIRRORS);
  }

  /** Describes how requests for host:port from `source` are routed (for /status and debugging). */
  describeRoute(source: Endpoint, host: string, port: number): string {
    if (source.gateway) return this.gatewayVirtualHost(source, host, port)?.origin ?? "no route (404 NR)";
    const route = source.proxy ? this.meshRoute(source.namespace, host, port) : "default";
    return route === "default" ? `default cluster of ${host}` : route.origin;
  }

  /** `retry`: a sidecar's default HTTP route carries Istio's default policy; TCP and kube-proxy do not retry. */
  private defaultRoute(req: RouteRequest, retry: RetryPolicy): RouteResult {
    const lookup = this.registry.cluster(req.host, "", req.port, req.source.namespace);
    if (!lookup.ok) return { ...NOT_ROUTED, code: 503, flags: "NC", service: unregisteredService(req.host) };
    return forward(lookup, { delayMs: 0, timeoutMs: 0, retry }, NO_MIRRORS);
  }

  private meshRoute(sourceNs: string, host: string, port: number): MeshRoute {
    const key = `${sourceNs}|${port}|${host}`;
    let route = this.meshCache.get(key);
    if (route === undefined) {
      route = this.buildMeshRoute(sourceNs, host, port);
      remember(this.meshCache, key, route);
    }
    return route;
  }

  private buildMeshRoute(sourceNs: string, host: string, port: number): MeshRoute {
    const gamma = (this.routesByService.get(host) ?? []).filter((r) =>
      r.serviceParents.some((p) => p.fqdn === host && (p.port === null || p.port === port)),
    );
    if (gamma.length > 0) {
      return { origin: `HTTPRoute ${gamma.map((r) => r.key).join(", ")}`, rules: orderedRules(gamma.map((route) => ({ route, hostRank: 0 }))), gateways: MESH_SET };
    }
    // Sidecars use one VirtualService per host: the oldest of the most specific.
    const vs = this.meshVs.best(host, port, (v) => isExportedTo(v.resource.spec.exportTo, v.resource.meta.namespace, sourceNs))[0]?.item;
    return vs ? { origin: `VirtualService ${vs.key}`, rules: vs.http, gateways: MESH_SET } : "default";
  }

  private gatewayVirtualHost(source: Endpoint, host: string, port: number): VirtualHost | null {
    let group = this.groupKeys.get(source.id);
    if (group === undefined) {
      group = this.gateways.groupKey(source.namespace, source.labels);
      this.groupKeys.set(source.id, group);
    }
    const key = `${group}|${port}|${host}`;
    let vh = this.gatewayCache.get(key);
    if (vh === undefined) {
      vh = this.buildGatewayVirtualHost(source, host, port);
      remember(this.gatewayCache, key, vh);
    }
    return vh;
  }

  private buildGatewayVirtualHost(source: Endpoint, host: string, port: number): VirtualHost | null {
    const istio = this.istioGatewayHost(this.gateways.istioServers(source.labels, host, port), host, port);
    const k8s = this.k8sGatewayHost(this.gateways.k8sListeners(source.namespace, source.labels, host, port), host, port);
    if (istio && k8s) return k8s.specificity > istio.specificity ? k8s.vh : istio.vh;
    return (istio ?? k8s)?.vh ?? null;
  }

  private istioGatewayHost(servers: readonly AcceptingServer[], host: string, port: number): { vh: VirtualHost; specificity: number } | null {
    let top = -1;
    let chosen: CompiledVirtualService[] = [];
    const via = new Set<string>();
    for (const server of servers) {
      const index = this.gatewayVs.get(server.gatewayKey);
      if (!index) continue;
      const best = index.best(host, port, (vs) => server.namespace === null || vs.resource.meta.namespace === server.namespace);
      const first = best[0];
      if (!first) continue;
      if (first.pattern.specificity > top) {
        top = first.pattern.specificity;
        chosen = [];
        via.clear();
      }
      if (first.pattern.specificity === top) {
        via.add(server.gatewayKey);
        for (const e of best) if (!chosen.includes(e.item)) chosen.push(e.item);
      }
    }
    if (chosen.length === 0) return null;
    // Gateways merge VirtualServices for the same host, oldest first.
    chosen.sort((a, b) => this.virtualServices.indexOf(a) - this.virtualServices.indexOf(b));
    return {
      vh: { origin: `VirtualService ${chosen.map((v) => v.key).join(", ")}`, rules: chosen.flatMap((v) => v.http), gateways: via },
      specificity: top,
    };
  }

  private k8sGatewayHost(listeners: readonly AcceptingServer[], host: string, port: number): { vh: VirtualHost; specificity: number } | null {
    // Every attached route whose hostnames match takes part; the most specific hostname comes first (the spec's precedence).
    let top = -1;
    const chosen = new Map<CompiledHttpRoute, number>();
    const via = new Set<string>();
    for (const listener of listeners) {
      for (const route of this.routesByGateway.get(listener.gatewayKey) ?? []) {
        const attached = route.gatewayParents.some(
          (p) =>
            p.gatewayKey === listener.gatewayKey &&
            (p.sectionName === null || p.sectionName === listener.listener) &&
            (p.port === null || p.port === port),
        );
        if (!attached) continue;
        const specificity =
          route.hostnames.length === 0
            ? (listener.hostname?.specificity ?? 0)
            : (bestHostMatch(route.hostnames, host, port)?.specificity ?? -1);
        if (specificity < 0) continue;
        top = Math.max(top, specificity);
        via.add(listener.gatewayKey);
        chosen.set(route, Math.max(specificity, chosen.get(route) ?? -1));
      }
    }
    if (chosen.size === 0) return null;
    const ranked = [...chosen].map(([route, hostRank]) => ({ route, hostRank }));
    return {
      vh: { origin: `HTTPRoute ${ranked.map((r) => r.route.key).join(", ")}`, rules: orderedRules(ranked), gateways: via },
      specificity: top,
    };
  }
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function remember<K, V>(cache: Map<K, V>, key: K, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, value);
}
