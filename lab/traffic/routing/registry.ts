/**
 * The service registry: Kubernetes Services and ServiceEntries by host, their
 * ready endpoints, DestinationRule subsets, and the Envoy clusters built from
 * them (cached per table).
 */
import type { ClusterSnapshot, DestinationRuleResource, Labels, ServiceEntryResource } from "../model/objects";
import { ROOT_NAMESPACE, serviceFqdn } from "@/lib/istio/semantics/host";
import { bestHostMatch, parseHostPattern, type HostPattern } from "@/lib/istio/semantics/host-pattern";
import { compareConfigAge } from "@/lib/istio/semantics/config-order";
import { isExportedTo } from "@/lib/istio/semantics/export-to";
import { matchesLabels } from "@/lib/istio/semantics/labels";
import { effectivePolicy, type TrafficPolicyLike } from "@/lib/istio/semantics/traffic-policy";
import type { Cluster, Endpoint, ServiceRef } from "./types";

export interface RegisteredHost {
  readonly service: ServiceRef;
  readonly kind: "service" | "serviceEntry";
  readonly ports: readonly number[];
  /** Every ready endpoint of the host (no subset applied). */
  readonly endpoints: readonly Endpoint[];
}

export type ClusterLookup =
  | { readonly ok: true; readonly cluster: Cluster }
  /** No such cluster (unknown host or subset): Envoy answers 503 NC. */
  | { readonly ok: false; readonly service: ServiceRef };

interface IndexedRule {
  readonly rule: DestinationRuleResource;
  readonly host: HostPattern;
}

export interface EndpointFactory {
  external(name: string, namespace: string, labels: Labels): Endpoint;
}

export class ServiceRegistry {
  private readonly hosts = new Map<string, RegisteredHost>();
  private readonly wildcardEntries: { pattern: HostPattern; host: RegisteredHost }[] = [];
  private readonly rulesByNamespace = new Map<string, IndexedRule[]>();
  private readonly clusters = new Map<string, ClusterLookup>();

  constructor(
    snapshot: ClusterSnapshot,
    private readonly endpointsByNamespace: ReadonlyMap<string, readonly Endpoint[]>,
    factory: EndpointFactory,
  ) {
    // ServiceEntries first so that a Kubernetes Service with the same host wins.
    for (const se of [...snapshot.serviceEntries].sort((a, b) => compareConfigAge(a.meta, b.meta))) this.addServiceEntry(se, factory);
    for (const svc of snapshot.services) {
      const { name, namespace } = svc.meta;
      const fqdn = serviceFqdn(name, namespace);
      const selector = svc.selector;
      const pool = endpointsByNamespace.get(namespace) ?? [];
      this.hosts.set(fqdn, {
        service: { fqdn, name, namespace },
        kind: "service",
        ports: svc.ports.map((p) => p.port),
        endpoints: selector ? pool.filter((e) => matchesLabels(selector, e.labels)) : [],
      });
    }
    for (const dr of [...snapshot.destinationRules].sort((a, b) => compareConfigAge(a.meta, b.meta))) {
      const list = this.rulesByNamespace.get(dr.meta.namespace) ?? [];
      list.push({ rule: dr, host: parseHostPattern(dr.spec.host, dr.meta.namespace) });
      this.rulesByNamespace.set(dr.meta.namespace, list);
    }
  }

  has(fqdn: string): boolean {
    return this.lookup(fqdn) !== null;
  }

  lookup(fqdn: string): RegisteredHost | null {
    const exact = this.hosts.get(fqdn);
    if (exact) return exact;
    let best: { pattern: HostPattern; host: RegisteredHost } | null = null;
    for (const w of this.wildcardEntries) {
      if (fqdn.endsWith(w.pattern.value) && (!best || w.pattern.specificity > best.pattern.specificity)) best = w;
    }
    return best?.host ?? null;
  }

  /**
   * The cluster for host[:port] and subset as seen from a proxy in
   * `sourceNamespace` (DestinationRule lookup: proxy namespace, then the
   * service's namespace, then the root namespace).
   */
  cluster(host: string, subset: string, port: number | null, sourceNamespace: string): ClusterLookup {
    const cacheKey = `${sourceNamespace}|${subset}|${port ?? ""}|${host}`;
    let found = this.clusters.get(cacheKey);
    if (!found) {
      found = this.buildCluster(host, subset, port, sourceNamespace);
      this.clusters.set(cacheKey, found);
    }
    return found;
  }

  private buildCluster(host: string, subset: string, port: number | null, sourceNamespace: string): ClusterLookup {
    const registered = this.lookup(host);
    if (!registered) return { ok: false, service: unregisteredService(host) };
    const clusterPort = port ?? registered.ports[0] ?? 0;
    const rule = this.ruleFor(host, sourceNamespace, registered.service.namespace);
    let endpoints = registered.endpoints;
    let subsetPolicy: TrafficPolicyLike | undefined;
    if (subset !== "") {
      const def = rule?.spec.subsets?.find((s) => s.name === subset);
      if (!def) return { ok: false, service: registered.service };
      const labels = def.labels ?? {};
      endpoints = endpoints.filter((e) => matchesLabels(labels, e.labels));
      subsetPolicy = def.trafficPolicy;
    }
    return {
      ok: true,
      cluster: {
        key: `outbound|${clusterPort}|${subset}|${host}`,
        service: registered.service,
        subset,
        port: clusterPort,
        endpoints,
        policy: effectivePolicy(rule?.spec.trafficPolicy, subsetPolicy),
        next: 0,
      },
    };
  }

  /** The DestinationRule for `host` as a proxy in `sourceNs` sees it: its own namespace, the service's, then the root namespace. */
  private ruleFor(host: string, sourceNs: string, serviceNs: string): DestinationRuleResource | null {
    for (const ns of new Set([sourceNs, serviceNs, ROOT_NAMESPACE])) {
      const candidates = (this.rulesByNamespace.get(ns) ?? []).filter((r) =>
        isExportedTo(r.rule.spec.exportTo, r.rule.meta.namespace, sourceNs),
      );
      const best = bestHostMatch(
        candidates.map((c) => c.host),
        host,
        0,
      );
      if (!best) continue;
      return candidates.find((c) => c.host === best)?.rule ?? null;
    }
    return null;
  }

  private addServiceEntry(se: ServiceEntryResource, factory: EndpointFactory): void {
    const { namespace } = se.meta;
    const selector = se.spec.workloadSelector?.labels;
    for (const rawHost of se.spec.hosts) {
      const pattern = parseHostPattern(rawHost, namespace);
      const fqdn = pattern.kind === "exact" ? pattern.value : rawHost.toLowerCase();
      const endpoints = selector
        ? (this.endpointsByNamespace.get(namespace) ?? []).filter((e) => matchesLabels(selector, e.labels))
        : seAddresses(se, fqdn).map((addr) => factory.external(addr, namespace, {}));
      const host: RegisteredHost = {
        service: { fqdn, name: fqdn, namespace },
        kind: "serviceEntry",
        ports: (se.spec.ports ?? []).map((p) => p.number),
        endpoints,
      };
      if (pattern.kind === "exact") this.hosts.set(fqdn, host);
      else this.wildcardEntries.push({ pattern, host });
    }
  }
}

function seAddresses(se: ServiceEntryResource, host: string): string[] {
  const addresses = (se.spec.endpoints ?? []).map((e) => e.address).filter((a): a is string => !!a);
  return addresses.length > 0 ? addresses : [host];
}

/** destination_service labels for a host nothing is registered under. */
export function unregisteredService(host: string): ServiceRef {
  return { fqdn: host, name: host, namespace: "unknown" };
}
