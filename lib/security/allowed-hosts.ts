import { isIP } from "node:net";
import { ipInCidrs } from "@/lib/auth/cidr";

/**
 * Which Host header values this server answers to (DNS rebinding defence).
 *
 * A page on `http://evil.example:16410` whose name the attacker re-points at
 * 127.0.0.1 reaches a Meshdeck bound there with `Host: evil.example:16410`
 * and, to the browser, is same-origin with it. Refusing Host names that are
 * not ours closes that path, whatever the bind address.
 *
 * Always allowed: the loopback names and addresses (`localhost`,
 * 127.0.0.0/8, `::1`), on any port — a browser only sends them for a URL
 * that names the loopback itself (`kubectl port-forward`, `npm start`), which
 * no attacker can re-point. Everything else must be listed in
 * MESHDECK_ALLOWED_HOSTS (names, `*.domain`, IP addresses, CIDRs) or be the
 * host of a MESHDECK_PUBLIC_ORIGIN. Ports are not compared: a rebinding
 * attack is about the name.
 */
export interface HostPolicy {
  names: ReadonlySet<string>;
  /** ".example.com" for "*.example.com". */
  suffixes: readonly string[];
  cidrs: readonly string[];
}

const LOOPBACK_CIDRS = ["127.0.0.0/8", "::1/128"];
const HOST_HEADER = /^(?:\[([0-9A-Fa-f:.]+)\]|([A-Za-z0-9._-]+))(?::(\d{1,5}))?$/;

function stripPort(entry: string): string {
  if (entry.startsWith("[")) return entry.slice(0, entry.indexOf("]") + 1);
  return isIP(entry) === 6 || entry.includes("/") ? entry : entry.replace(/:\d+$/, "");
}

/** The policy for the configured entries (already syntax-checked by lib/config/meshdeck-env.ts). */
export function hostPolicy(allowedHosts: readonly string[], publicOrigins: readonly string[]): HostPolicy {
  const names = new Set<string>(["localhost"]);
  const suffixes: string[] = [];
  const cidrs = [...LOOPBACK_CIDRS];
  const entries = [...allowedHosts.map(stripPort), ...publicOrigins.map((o) => new URL(o).hostname)];
  for (const raw of entries) {
    const entry = raw.toLowerCase().replace(/\.$/, "");
    const bare = entry.replace(/^\[|\]$/g, "");
    if (isIP(bare) !== 0 || bare.includes("/")) cidrs.push(bare);
    else if (entry.startsWith("*.")) suffixes.push(entry.slice(1));
    else names.add(entry);
  }
  return { names, suffixes, cidrs };
}

/** The host name of a Host header value (lower case, no port or trailing dot), or null when it is not a well-formed host[:port]. */
export function hostName(header: string | null): string | null {
  const m = header === null ? null : HOST_HEADER.exec(header.trim());
  if (!m) return null;
  if (m[3] !== undefined && Number(m[3]) > 65535) return null;
  if (m[1] !== undefined) return isIP(m[1]) === 6 ? m[1].toLowerCase() : null;
  return (m[2] ?? "").toLowerCase().replace(/\.$/, "") || null;
}

/** Whether a request with this Host header may be served. */
export function hostAllowed(header: string | null, policy: HostPolicy): boolean {
  const name = hostName(header);
  if (name === null) return false;
  if (isIP(name) !== 0) return ipInCidrs(name, policy.cidrs);
  return policy.names.has(name) || policy.suffixes.some((s) => name.endsWith(s) && name.length > s.length);
}
