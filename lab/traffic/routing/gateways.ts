/**
 * Which Gateways a gateway pod implements and which of their servers /
 * listeners accept a request host:port.
 *
 * Istio Gateways select pods by label in any namespace. Gateway API Gateways
 * are implemented by the pods Istio deploys for them, labelled
 * `gateway.networking.k8s.io/gateway-name: <name>` in the Gateway's namespace.
 */
import type { GatewayResource, K8sGatewayResource, Labels } from "../model/objects";
import { hostMatches, parseHostPattern, type HostPattern } from "@/lib/istio/semantics/host-pattern";
import { matchesLabels } from "@/lib/istio/semantics/labels";

export interface ServerHost {
  /** VirtualServices allowed to bind: a namespace, or null for any. */
  readonly namespace: string | null;
  readonly pattern: HostPattern;
}

interface CompiledServer {
  readonly port: number;
  readonly hosts: readonly ServerHost[];
}

interface CompiledIstioGateway {
  readonly key: string;
  readonly selector: Labels;
  readonly servers: readonly CompiledServer[];
}

interface CompiledListener {
  readonly name: string;
  readonly port: number;
  readonly hostname: HostPattern | null;
}

interface CompiledK8sGateway {
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly listeners: readonly CompiledListener[];
}

/** A Gateway server (or listener) that accepts the request. */
export interface AcceptingServer {
  readonly gatewayKey: string;
  /** Istio: VirtualService namespace filter; null = any. */
  readonly namespace: string | null;
  /** Gateway API: the accepting listener. */
  readonly listener: string | null;
  readonly hostname: HostPattern | null;
}

const GATEWAY_NAME_LABELS = ["gateway.networking.k8s.io/gateway-name", "istio.io/gateway-name"];

/** `ns/host`, `./host`, `*\/host` or a bare host, as in Gateway.spec.servers[].hosts. */
function parseServerHost(raw: string, gatewayNs: string): ServerHost {
  const slash = raw.indexOf("/");
  if (slash < 0) return { namespace: null, pattern: parseHostPattern(raw, "") };
  const ns = raw.slice(0, slash);
  return {
    namespace: ns === "*" ? null : ns === "." ? gatewayNs : ns,
    pattern: parseHostPattern(raw.slice(slash + 1), ""),
  };
}

export class GatewayIndex {
  private readonly istio: CompiledIstioGateway[];
  private readonly k8s: CompiledK8sGateway[];

  constructor(gateways: readonly GatewayResource[], k8sGateways: readonly K8sGatewayResource[]) {
    this.istio = gateways.map((g) => ({
      key: `${g.meta.namespace}/${g.meta.name}`,
      selector: g.spec.selector ?? {},
      servers: (g.spec.servers ?? []).map((s) => ({
        port: s.port.number,
        hosts: s.hosts.map((h) => parseServerHost(h, g.meta.namespace)),
      })),
    }));
    this.k8s = k8sGateways.map((g) => ({
      key: `${g.meta.namespace}/${g.meta.name}`,
      namespace: g.meta.namespace,
      name: g.meta.name,
      listeners: (g.spec.listeners ?? [])
        .filter((l) => l.protocol === "HTTP" || l.protocol === "HTTPS")
        .map((l) => ({ name: l.name, port: l.port, hostname: l.hostname ? parseHostPattern(l.hostname, "") : null })),
    }));
  }

  /** True when an Istio Gateway selects pods with these labels. */
  selectedByIstioGateway(labels: Labels): boolean {
    return this.istio.some((g) => Object.keys(g.selector).length > 0 && matchesLabels(g.selector, labels));
  }

  /** Stable key of the set of Gateways a pod implements (pods with equal keys route alike). */
  groupKey(namespace: string, labels: Labels): string {
    return [...this.istioFor(labels).map((g) => g.key), ...this.k8sFor(namespace, labels).map((g) => `k8s:${g.key}`)].join(",");
  }

  /** Istio Gateway servers of this pod accepting host:port. */
  istioServers(labels: Labels, host: string, port: number): AcceptingServer[] {
    const out: AcceptingServer[] = [];
    for (const g of this.istioFor(labels)) {
      for (const s of g.servers) {
        if (s.port !== port) continue;
        for (const h of s.hosts) {
          if (hostMatches(h.pattern, host, port)) out.push({ gatewayKey: g.key, namespace: h.namespace, listener: null, hostname: h.pattern });
        }
      }
    }
    return out;
  }

  /** Gateway API listeners of this pod accepting host:port. */
  k8sListeners(namespace: string, labels: Labels, host: string, port: number): AcceptingServer[] {
    const out: AcceptingServer[] = [];
    for (const g of this.k8sFor(namespace, labels)) {
      for (const l of g.listeners) {
        if (l.port === port && (!l.hostname || hostMatches(l.hostname, host, port))) {
          out.push({ gatewayKey: g.key, namespace: null, listener: l.name, hostname: l.hostname });
        }
      }
    }
    return out;
  }

  private istioFor(labels: Labels): CompiledIstioGateway[] {
    return this.istio.filter((g) => Object.keys(g.selector).length > 0 && matchesLabels(g.selector, labels));
  }

  private k8sFor(namespace: string, labels: Labels): CompiledK8sGateway[] {
    const names = GATEWAY_NAME_LABELS.map((l) => labels[l]).filter((n): n is string => n !== undefined);
    if (names.length === 0) return [];
    return this.k8s.filter((g) => g.namespace === namespace && names.includes(g.name));
  }
}
