import type { TrafficBucket } from "@/lib/api/rollouts";

// Pure helpers of the live traffic view: dots sampled from request rates (not
// real requests) and bounded buffers, so the view runs for hours in constant memory.

export interface Dot {
  version: string;
  error: boolean;
  /** Epoch ms the dot was born. */
  born: number;
  /** Vertical lane in [0, 1). */
  lane: number;
}

export const MAX_DOTS = 400;
export const MAX_BARS = 60;
/** At most this many dots per second are drawn, whatever the request rate. */
export const MAX_DOTS_PER_SECOND = 25;

/** The latest bucket's rates per version, and the total. */
export function latestRates(buckets: readonly TrafficBucket[]): { rates: TrafficBucket["rates"]; total: number } {
  const last = buckets[buckets.length - 1];
  if (!last) return { rates: {}, total: 0 };
  let total = 0;
  for (const r of Object.values(last.rates)) total += r.ok + r.error;
  return { rates: last.rates, total };
}

/** Dots to emit for `elapsedMs` at `total` req/s (capped), carrying the fraction over. */
export function dotsDue(total: number, elapsedMs: number, carry: number): { count: number; carry: number } {
  const perSecond = Math.min(total, MAX_DOTS_PER_SECOND);
  const exact = carry + (perSecond * elapsedMs) / 1000;
  const count = Math.floor(exact);
  return { count, carry: exact - count };
}

/** One sampled request: a version weighted by its rate, an error with the version's error ratio. `rand` in [0, 1). */
export function sampleDot(rates: TrafficBucket["rates"], total: number, now: number, rand: () => number): Dot | null {
  if (total <= 0) return null;
  let pick = rand() * total;
  for (const [version, r] of Object.entries(rates)) {
    const t = r.ok + r.error;
    if (pick < t) return { version, error: rand() * t < r.error, born: now, lane: rand() };
    pick -= t;
  }
  return null;
}

/** Appends to a bounded buffer, dropping the oldest (in place; returns it). */
export function pushBounded<T>(buffer: T[], items: readonly T[], max: number): T[] {
  buffer.push(...items);
  if (buffer.length > max) buffer.splice(0, buffer.length - max);
  return buffer;
}

/** Drops dots older than `lifeMs` (they have crossed the canvas). */
export function expire(dots: Dot[], now: number, lifeMs: number): Dot[] {
  let i = 0;
  while (i < dots.length && now - dots[i]!.born > lifeMs) i++;
  if (i > 0) dots.splice(0, i);
  return dots;
}

/** Merges newly fetched buckets into the kept ones by time (newer replace older), keeping the last `max`. */
export function mergeBuckets(kept: readonly TrafficBucket[], fresh: readonly TrafficBucket[], max = MAX_BARS): TrafficBucket[] {
  const byT = new Map<number, TrafficBucket>();
  for (const b of kept) byT.set(b.t, b);
  for (const b of fresh) byT.set(b.t, b);
  return [...byT.values()].sort((a, b) => a.t - b.t).slice(-max);
}
