// DestinationRule traffic policies as Istio and Envoy apply them: which policy
// a cluster gets (host level, overridden field by field by the subset's),
// outlier detection with Istio's defaults (networking/v1 DestinationRule
// reference; pilot's applyOutlierDetection; Envoy's outlier detection), and
// the hash key of a consistent-hash load balancer.
import { durationMs } from "./duration";

/** The trafficPolicy fields Meshdeck edits (others, e.g. portLevelSettings, pass through). */
export const POLICY_FIELDS = ["loadBalancer", "connectionPool", "outlierDetection", "tls"] as const;
export type PolicyField = (typeof POLICY_FIELDS)[number];

export const SIMPLE_LB = ["UNSPECIFIED", "RANDOM", "PASSTHROUGH", "ROUND_ROBIN", "LEAST_REQUEST", "LEAST_CONN"] as const;
export const TLS_MODES = ["DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL"] as const;
export const H2_UPGRADE_POLICIES = ["DEFAULT", "DO_NOT_UPGRADE", "UPGRADE"] as const;

/** Istio's outlier detection defaults (DestinationRule reference, OutlierDetection). */
export const OUTLIER_DEFAULTS = {
  consecutive5xxErrors: 5,
  /** 0: gateway errors (502/503/504) are not counted on their own. */
  consecutiveGatewayErrors: 0,
  intervalMs: 10_000,
  baseEjectionTimeMs: 30_000,
  maxEjectionPercent: 10,
  minHealthPercent: 0,
} as const;

export type TrafficPolicyLike = Readonly<Record<string, unknown>>;

/**
 * The policy of a subset's cluster: the subset's trafficPolicy overrides the
 * DestinationRule's field by field ("settings specified at the subset level
 * override the corresponding settings specified at the DestinationRule level").
 */
export function effectivePolicy(host: TrafficPolicyLike | undefined, subset: TrafficPolicyLike | undefined): TrafficPolicyLike {
  return { ...(host ?? {}), ...(subset ?? {}) };
}

export interface OutlierSettings {
  /** 0: not counted. */
  consecutive5xxErrors: number;
  consecutiveGatewayErrors: number;
  intervalMs: number;
  baseEjectionTimeMs: number;
  maxEjectionPercent: number;
  minHealthPercent: number;
}

const num = (value: unknown, fallback: number): number => (typeof value === "number" && Number.isFinite(value) ? value : fallback);
/** Istio encodes the uint32 consecutive errors as a wrapper ({ value } in some clients); accept both. */
const count = (value: unknown, fallback: number): number =>
  typeof value === "object" && value !== null && "value" in value ? num((value as { value: unknown }).value, fallback) : num(value, fallback);
const duration = (value: unknown, fallback: number): number => (typeof value === "string" ? (durationMs(value) ?? fallback) : fallback);

/** Outlier detection as Envoy runs it, or null when the policy has none. */
export function outlierSettings(policy: TrafficPolicyLike | undefined): OutlierSettings | null {
  const od = policy?.outlierDetection;
  if (typeof od !== "object" || od === null) return null;
  const o = od as Record<string, unknown>;
  return {
    consecutive5xxErrors: count(o.consecutive5xxErrors ?? o.consecutiveErrors, OUTLIER_DEFAULTS.consecutive5xxErrors),
    consecutiveGatewayErrors: count(o.consecutiveGatewayErrors, OUTLIER_DEFAULTS.consecutiveGatewayErrors),
    intervalMs: duration(o.interval, OUTLIER_DEFAULTS.intervalMs),
    baseEjectionTimeMs: duration(o.baseEjectionTime, OUTLIER_DEFAULTS.baseEjectionTimeMs),
    maxEjectionPercent: num(o.maxEjectionPercent, OUTLIER_DEFAULTS.maxEjectionPercent),
    minHealthPercent: num(o.minHealthPercent, OUTLIER_DEFAULTS.minHealthPercent),
  };
}

/** Envoy: an ejection lasts base_ejection_time × the number of times the host was ejected. */
export function ejectionDurationMs(settings: OutlierSettings, timesEjected: number): number {
  return settings.baseEjectionTimeMs * Math.max(1, timesEjected);
}

/**
 * Whether one more host may be ejected: Envoy ejects while the ejected share stays
 * within max_ejection_percent, and always allows at least one ejection.
 */
export function mayEject(settings: OutlierSettings, ejected: number, total: number): boolean {
  if (total === 0) return false;
  if (ejected === 0) return true;
  return ((ejected + 1) / total) * 100 <= settings.maxEjectionPercent;
}

/** Outlier detection is bypassed (all hosts used) when fewer healthy hosts than minHealthPercent remain. */
export function ejectionBypassed(settings: OutlierSettings, healthy: number, total: number): boolean {
  return total > 0 && (healthy / total) * 100 < settings.minHealthPercent;
}

/** Which answer advances which counter: any 5xx the 5xx counter, 502/503/504 also the gateway one. */
export function isGatewayError(status: number): boolean {
  return status === 502 || status === 503 || status === 504;
}

export interface HashRequest {
  /** Lower-case header names; cookies in `cookie`. */
  readonly headers: Readonly<Record<string, string>>;
  /** Path with its query string. */
  readonly path: string;
  readonly sourceIp: string;
}

function cookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function queryParam(path: string, name: string): string | undefined {
  const q = path.indexOf("?");
  if (q < 0) return undefined;
  return new URLSearchParams(path.slice(q + 1)).get(name) ?? undefined;
}

/**
 * The consistent-hash key of a request, or null when the policy does not hash
 * (not consistentHash, or the request lacks the header / cookie / parameter:
 * Envoy then picks a host as without hashing).
 */
export function consistentHashKey(policy: TrafficPolicyLike | undefined, request: HashRequest): string | null {
  const lb = policy?.loadBalancer as { consistentHash?: Record<string, unknown> } | undefined;
  const ch = lb?.consistentHash;
  if (!ch) return null;
  if (typeof ch.httpHeaderName === "string") return request.headers[ch.httpHeaderName.toLowerCase()] ?? null;
  if (typeof ch.httpQueryParameterName === "string") return queryParam(request.path, ch.httpQueryParameterName) ?? null;
  if (ch.useSourceIp === true) return request.sourceIp;
  const c = ch.httpCookie as { name?: unknown } | undefined;
  if (typeof c?.name === "string") return cookie(request.headers.cookie, c.name) ?? null;
  return null;
}

/** A stable 32-bit FNV-1a hash (the ring position of a key). */
export function hashKey(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/**
 * The endpoint a hash key maps to among `ids` (rendezvous hashing: the same key
 * reaches the same endpoint while it is available; removing one endpoint only
 * moves the keys that mapped to it, as a ring hash does).
 */
export function pickByHash<T>(key: string, candidates: readonly T[], idOf: (c: T) => string): T | undefined {
  let best: T | undefined;
  let bestScore = -1;
  for (const c of candidates) {
    const score = hashKey(`${key}|${idOf(c)}`);
    if (score > bestScore) {
      best = c;
      bestScore = score;
    }
  }
  return best;
}
