/**
 * Host names as Istio treats them: short-name expansion relative to the
 * config's namespace, wildcards, optional `host:port` forms (seen in Rio's
 * VirtualServices), and Envoy's "most specific domain wins" ordering.
 */

export const CLUSTER_DOMAIN = "cluster.local";
export const ROOT_NAMESPACE = "istio-system";

export interface HostPattern {
  /** The host as written in the config. */
  readonly raw: string;
  readonly kind: "exact" | "suffix" | "any";
  /** Exact host, or the suffix of a `*.suffix` wildcard including the leading dot. */
  readonly value: string;
  /** A port restriction from a `host:port` form; null when absent. */
  readonly port: number | null;
  /** Higher is more specific: exact beats wildcard, longer wildcard beats shorter. */
  readonly specificity: number;
}

const PORT_SUFFIX = /^(.*):(\d{1,5})$/;

/** `reviews` → `reviews.<ns>.svc.cluster.local` (only dotless names are expanded, as in Istio). */
export function expandShortName(host: string, namespace: string): string {
  if (host === "*" || host.includes(".") || host.includes(":") || namespace === "") return host;
  return `${host}.${namespace}.svc.${CLUSTER_DOMAIN}`;
}

export function splitHostPort(authority: string): { host: string; port: number | null } {
  const m = PORT_SUFFIX.exec(authority);
  return m ? { host: m[1] ?? "", port: Number(m[2]) } : { host: authority, port: null };
}

/**
 * Parses a host from a VirtualService / DestinationRule / ServiceEntry, with
 * short names expanded relative to `namespace` (pass "" for literal hosts such
 * as Gateway server hosts).
 */
export function parseHostPattern(raw: string, namespace: string): HostPattern {
  const { host: bare, port } = splitHostPort(raw.trim().toLowerCase());
  const host = expandShortName(bare, namespace);
  if (host === "*") return { raw, kind: "any", value: "", port, specificity: 0 };
  if (host.startsWith("*.")) {
    const value = host.slice(1);
    return { raw, kind: "suffix", value, port, specificity: value.length };
  }
  return { raw, kind: "exact", value: host, port, specificity: 1_000_000 + host.length };
}

export function hostMatches(p: HostPattern, host: string, port: number): boolean {
  if (p.port !== null && p.port !== port) return false;
  switch (p.kind) {
    case "any":
      return true;
    case "suffix":
      return host.endsWith(p.value);
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
export function resolveFromNamespace(name: string, namespace: string, known: (fqdn: string) => boolean): string {
  const host = name.toLowerCase();
  const candidates = [
    `${host}.${namespace}.svc.${CLUSTER_DOMAIN}`,
    `${host}.svc.${CLUSTER_DOMAIN}`,
    `${host}.${CLUSTER_DOMAIN}`,
    host,
  ];
  return candidates.find(known) ?? host;
}

/** `name.ns.svc.cluster.local` → { name, namespace }; null for other hosts. */
export function parseServiceFqdn(fqdn: string): { name: string; namespace: string } | null {
  const suffix = `.svc.${CLUSTER_DOMAIN}`;
  if (!fqdn.endsWith(suffix)) return null;
  const parts = fqdn.slice(0, -suffix.length).split(".");
  return parts.length === 2 && parts[0] && parts[1] ? { name: parts[0], namespace: parts[1] } : null;
}
