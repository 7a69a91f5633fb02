/**
 * Health from request error ratios, with Kiali's default tolerances
 * (health_config.rate): 5xx and gRPC errors: any → degraded, ≥ 10 % → failing;
 * 4xx: > 10 % → degraded, ≥ 20 % → failing. A ratio is degraded when it is
 * strictly above `degraded` and failing at or above `failing`, as in Kiali.
 */
import type { Health } from "./types";

export interface Tolerance {
  readonly degraded: number;
  readonly failing: number;
}

export interface HealthTolerances {
  /** 5xx and gRPC error statuses (1–16), % of requests. */
  readonly serverErrors: Tolerance;
  /** 4xx, % of requests. */
  readonly clientErrors: Tolerance;
}

export const KIALI_TOLERANCES: HealthTolerances = {
  serverErrors: { degraded: 0, failing: 10 },
  clientErrors: { degraded: 10, failing: 20 },
};

const RANK: Readonly<Record<Health, number>> = { na: 0, idle: 1, healthy: 2, degraded: 3, failing: 4 };

/** The worse of two health states (failing › degraded › healthy › idle › na). */
export function worstHealth(a: Health, b: Health): Health {
  return RANK[a] >= RANK[b] ? a : b;
}

function judge(pct: number, t: Tolerance): Health {
  if (pct >= t.failing) return "failing";
  if (pct > t.degraded) return "degraded";
  return "healthy";
}

/** Health of a request stream from its rate and error shares. */
export function requestHealth(
  rps: number,
  serverErrorPct: number,
  clientErrorPct: number,
  tolerances: HealthTolerances = KIALI_TOLERANCES,
): Health {
  if (!(rps > 0)) return "idle";
  return worstHealth(judge(serverErrorPct, tolerances.serverErrors), judge(clientErrorPct, tolerances.clientErrors));
}

/** True for a gRPC status that Kiali counts as an error (1–16). */
export function isGrpcError(status: string): boolean {
  if (!/^\d{1,2}$/.test(status)) return false;
  const n = Number(status);
  return n >= 1 && n <= 16;
}
