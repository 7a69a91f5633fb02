import { timingSafeEqual } from "node:crypto";
import type { MeshdeckEnv } from "@/lib/config/meshdeck-env";
import { ipInCidrs } from "./cidr";

/** Set by deploy/runtime/instrument.cjs from the TCP socket; client values are replaced. */
export const PEER_HEADER = "x-meshdeck-peer";
export const PEER_KEY_HEADER = "x-meshdeck-peer-key";
/** Sent by the auth proxy when MESHDECK_PROXY_SECRET is set. */
export const PROXY_SECRET_HEADER = "x-meshdeck-proxy-secret";
/** Headers only Meshdeck's own layers may set; never forwarded to route handlers. */
export const INTERNAL_HEADERS = [PEER_HEADER, PEER_KEY_HEADER, PROXY_SECRET_HEADER] as const;

export function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The per-process key of the server preload, or undefined when it is not loaded. */
export function preloadPeerKey(): string | undefined {
  return (globalThis as typeof globalThis & { __meshdeckPeerKey?: string }).__meshdeckPeerKey;
}

export type ProxyTrust = { trusted: true } | { trusted: false; reason: string };

/**
 * Whether X-Forwarded-User / X-Forwarded-Groups of this request may be
 * believed (proxy mode). Every configured check must pass:
 * - MESHDECK_TRUSTED_PROXIES: the TCP peer (from the preload, proven by its
 *   per-process key) lies in one of the CIDRs;
 * - MESHDECK_PROXY_SECRET: the request carries the shared secret.
 * With neither configured nothing is trusted (fails closed).
 */
export function proxyTrust(headers: Headers, env: Pick<MeshdeckEnv, "trustedProxies" | "proxySecret">, peerKey: string | undefined = preloadPeerKey()): ProxyTrust {
  if (env.trustedProxies.length === 0 && env.proxySecret === "") {
    return { trusted: false, reason: "proxy mode needs MESHDECK_TRUSTED_PROXIES and/or MESHDECK_PROXY_SECRET" };
  }
  if (env.trustedProxies.length > 0) {
    const key = headers.get(PEER_KEY_HEADER);
    if (!peerKey || !key || !safeEqual(key, peerKey)) return { trusted: false, reason: "peer address unknown (server started without deploy/runtime/preload.cjs)" };
    if (!ipInCidrs(headers.get(PEER_HEADER) ?? "", env.trustedProxies)) return { trusted: false, reason: "peer is not a trusted proxy" };
  }
  if (env.proxySecret !== "") {
    const sent = headers.get(PROXY_SECRET_HEADER);
    if (!sent || !safeEqual(sent, env.proxySecret)) return { trusted: false, reason: "missing or wrong proxy secret" };
  }
  return { trusted: true };
}

/**
 * The address a request came from, for per-client limits: the TCP peer (from
 * the preload, proven by its key); when that peer is a trusted proxy
 * (MESHDECK_TRUSTED_PROXIES), the last X-Forwarded-For entry it appended.
 * Without the preload the peer is unknown and every client shares one
 * address ("unknown").
 */
export function clientAddress(headers: Headers, env: Pick<MeshdeckEnv, "trustedProxies">, peerKey: string | undefined = preloadPeerKey()): string {
  const key = headers.get(PEER_KEY_HEADER);
  const peer = headers.get(PEER_HEADER)?.trim();
  if (!peerKey || !key || !safeEqual(key, peerKey) || !peer) return "unknown";
  if (env.trustedProxies.length === 0 || !ipInCidrs(peer, env.trustedProxies)) return peer;
  const forwarded = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  return forwarded.at(-1) ?? peer;
}
