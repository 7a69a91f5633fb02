import type { RolloutTraffic } from "@/lib/api/rollouts";

// Observed 5xx share of a Rollout's canary and stable versions, from the
// per-version buckets of GET /api/rollouts/{ns}/{name}/traffic. Pure.

export interface VersionErrors {
  /** Requests in the buckets (Σ rate × bucket seconds). */
  readonly requests: number;
  readonly errors: number;
  /** errors / requests; null without requests. */
  readonly ratio: number | null;
}

export interface CanaryErrors {
  readonly canary: VersionErrors;
  readonly stable: VersionErrors;
  /** Seconds of traffic the figures cover. */
  readonly seconds: number;
}

/** Below this many canary requests the error share is not judged (a single 503 out of 3 is not a signal). */
export const MIN_CANARY_REQUESTS = 20;

function sum(traffic: RolloutTraffic, role: "canary" | "stable"): VersionErrors {
  const keys = traffic.versions.filter((v) => v.role === role).map((v) => v.key);
  let ok = 0;
  let errors = 0;
  for (const bucket of traffic.buckets) {
    for (const key of keys) {
      const r = bucket.rates[key];
      if (!r) continue;
      if (Number.isFinite(r.ok) && r.ok > 0) ok += r.ok * traffic.bucketSeconds;
      if (Number.isFinite(r.error) && r.error > 0) errors += r.error * traffic.bucketSeconds;
    }
  }
  const requests = ok + errors;
  return { requests, errors, ratio: requests > 0 ? errors / requests : null };
}

/** Error shares of canary and stable over the response's buckets; null when the traffic could not be read. */
export function canaryErrors(traffic: RolloutTraffic): CanaryErrors | null {
  if (traffic.state !== "ok") return null;
  return { canary: sum(traffic, "canary"), stable: sum(traffic, "stable"), seconds: traffic.buckets.length * traffic.bucketSeconds };
}

/** Whether the canary's observed error share reaches `threshold` (0..1) on enough requests. */
export function canaryOverThreshold(errors: CanaryErrors | null | undefined, threshold: number): boolean {
  if (!errors || errors.canary.ratio === null || errors.canary.requests < MIN_CANARY_REQUESTS) return false;
  return errors.canary.ratio >= threshold;
}
