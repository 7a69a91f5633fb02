import "server-only";

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
  factor: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 30_000, factor: 2 };

/**
 * Delay before retry number `attempt` (1-based): exponential up to `maxMs`,
 * with "equal jitter" (half fixed, half random) so a fleet of reflectors that
 * failed together does not retry in lockstep, yet never retries at once.
 */
export function backoffDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const n = Math.max(1, Math.floor(attempt));
  const ceiling = Math.min(policy.maxMs, policy.baseMs * policy.factor ** (n - 1));
  const half = ceiling / 2;
  return Math.round(half + random() * half);
}

/** A random integer in [min, max] (watch timeouts, so watches do not all expire together). */
export function randomBetween(min: number, max: number, random: () => number = Math.random): number {
  return Math.floor(min + random() * (max - min + 1));
}
