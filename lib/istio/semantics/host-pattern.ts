import { CLUSTER_DOMAIN, hostSpecificity, istioFqdn, splitHostPort } from "./host";

/**
 * A host from a VirtualService, Gateway server or HTTPRoute, parsed once for
 * matching many request hosts: short names expanded in the object's namespace,
 * wildcards, an optional `host:port` form, and Envoy's "most specific domain
 * wins" order (exact › longer `*.suffix` › `*`).
 */
export interface HostPattern {
  /** The host as written in the config. */
  readonly raw: string;
  readonly kind: "exact" | "suffix" | "any";
  /** Exact host, or the suffix of a `*.suffix` wildcard including the leading dot. */
  readonly value: string;
  /** A port restriction from a `host:port` form; null when absent. */
  readonly port: number | null;
  /** Higher is more specific (hostSpecificity). */
  readonly specificity: number;
}

/** `namespace` "" takes the host literally (Gateway server hosts, HTTPRoute hostnames). */
export function parseHostPattern(raw: string, namespace: string): HostPattern {
  const { name, port } = splitHostPort(raw);
  const host = istioFqdn(name, namespace);
  const specificity = hostSpecificity(host);
  if (host === "*") return { raw, kind: "any", value: "", port, specificity };
  if (host.startsWith("*.")) return { raw, kind: "suffix", value: host.slice(1), port, specificity };
  return { raw, kind: "exact", value: host, port, specificity };
}

/** `host` is lower-case, without a port. */
export function hostMatches(p: HostPattern, host: string, port: number): boolean {
  if (p.port !== null && p.port !== port) return false;
  switch (p.kind) {
    case "any":
      return true;
    case "suffix":
      return host.endsWith(p.value) && host.length > p.value.length;
    case "exact":
      return host === p.value;
  }
}

/** The most specific pattern of `patterns` matching host:port, or null. */
export function bestHostMatch(patterns: readonly HostPattern[], host: string, port: number): HostPattern | null {
  let best: HostPattern | null = null;
  for (const p of patterns) {
    if (hostMatches(p, host, port) && (best === null || p.specificity > best.specificity)) best = p;
  }
  return best;
}

/**
 * DNS resolution from a pod in `namespace` (search path `<ns>.svc.cluster.local
 * svc.cluster.local cluster.local`): the first candidate that `known` accepts,
 * else the name itself.
 */
export function resolveFromNamespace(name: string, namespace: string, known: (fqdn: string) => boolean, clusterDomain = CLUSTER_DOMAIN): string {
  const host = name.toLowerCase();
  const candidates = [`${host}.${namespace}.svc.${clusterDomain}`, `${host}.svc.${clusterDomain}`, `${host}.${clusterDomain}`, host];
  return candidates.find(known) ?? host;
}
