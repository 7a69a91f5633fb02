/** Istio's defaults: the cluster DNS domain and the root (config) namespace. */
export const CLUSTER_DOMAIN = "cluster.local";
export const ROOT_NAMESPACE = "istio-system";

export interface NamespacedName {
  namespace: string;
  name: string;
}

// Host names as Istio interprets them (pilot/pkg/model ResolveShortnameToFQDN
// and pkg/config/host.Name.Matches). All comparisons are case-insensitive.

export interface HostAndPort {
  name: string;
  port: number | null;
}

/** `foobar:80` → foobar + 80. Bare IPv6 literals (several colons) are left alone. */
export function splitHostPort(raw: string): HostAndPort {
  const trimmed = raw.trim().toLowerCase();
  const colon = trimmed.lastIndexOf(":");
  if (colon <= 0 || trimmed.indexOf(":") !== colon) return { name: trimmed, port: null };
  const portText = trimmed.slice(colon + 1);
  if (!/^\d{1,5}$/.test(portText)) return { name: trimmed, port: null };
  return { name: trimmed.slice(0, colon), port: Number(portText) };
}

export function isWildcardHost(host: string): boolean {
  return host.includes("*");
}

const ipv4 = /^(\d{1,3}\.){3}\d{1,3}$/;

/**
 * The name Istio uses for `host` written in an object of `namespace`: a name
 * without a dot becomes `host.namespace.svc.<domain>`; `*`, IP addresses and
 * every name containing a dot are taken literally (so `reviews.bookinfo` is NOT
 * expanded, unlike in Kubernetes DNS). An empty namespace takes every host
 * literally (Gateway server hosts, HTTPRoute hostnames).
 */
export function istioFqdn(host: string, namespace: string, clusterDomain = CLUSTER_DOMAIN): string {
  const name = host.trim().toLowerCase();
  if (name === "" || namespace === "" || name === "*" || ipv4.test(name) || name.includes(":")) return name;
  if (name.includes(".")) return name;
  return `${name}.${namespace}.svc.${clusterDomain}`;
}

export function serviceFqdn(name: string, namespace: string, clusterDomain = CLUSTER_DOMAIN): string {
  return `${name}.${namespace}.svc.${clusterDomain}`.toLowerCase();
}

/** `name.ns.svc.<domain>` → { namespace, name }; anything else → null. */
export function parseServiceFqdn(fqdn: string, clusterDomain = CLUSTER_DOMAIN): NamespacedName | null {
  const suffix = `.svc.${clusterDomain}`.toLowerCase();
  const f = fqdn.toLowerCase();
  if (!f.endsWith(suffix)) return null;
  const parts = f.slice(0, -suffix.length).split(".");
  if (parts.length !== 2 || !parts[0] || !parts[1]) return null;
  return { name: parts[0], namespace: parts[1] };
}

/**
 * The Service a host written as `name.namespace` or `name.namespace.svc`
 * refers to in Kubernetes DNS. Istio does not expand these forms; callers use
 * this only to explain why such a host resolves to nothing.
 */
export function kubernetesDnsAlias(host: string): NamespacedName | null {
  const parts = host.trim().toLowerCase().split(".");
  if (parts.some((p) => p === "" || p.includes("*"))) return null;
  if (parts.length === 2 || (parts.length === 3 && parts[2] === "svc")) {
    const [name, namespace] = parts;
    if (name && namespace) return { name, namespace };
  }
  return null;
}

/**
 * True when `pattern` covers `host`: equal names, `*`, or a `*.suffix`
 * wildcard whose suffix ends `host` (Istio wildcards span several labels:
 * `*.foo.com` covers `a.b.foo.com`). A wildcard host is covered by a broader
 * or equal wildcard.
 */
export function hostCovers(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p === h || p === "*") return true;
  if (!p.startsWith("*")) return false;
  if (h === "*") return false;
  const suffix = p.slice(1);
  return h.endsWith(suffix) && h.length > suffix.length;
}

/** Istio's host.Name.Matches: either name covers the other. */
export function hostsOverlap(a: string, b: string): boolean {
  return hostCovers(a, b) || hostCovers(b, a);
}

/** Specificity for most-specific-wins: exact names beat wildcards, longer wildcards beat shorter. */
export function hostSpecificity(pattern: string): number {
  return isWildcardHost(pattern) ? pattern.length : Number.MAX_SAFE_INTEGER;
}
