import type { MetricsWindow } from "@/lib/api/metrics";

/** Scrape interval assumed when none is known (the lab's Prometheus scrapes every 5 s). */
export const DEFAULT_SCRAPE_INTERVAL_S = 5;
/** Never ask Prometheus for more points than this per series. */
export const MAX_POINTS = 300;

export const WINDOW_SECONDS: Record<MetricsWindow, number> = {
  "1m": 60,
  "5m": 300,
  "15m": 900,
  "30m": 1800,
  "1h": 3600,
  "3h": 3 * 3600,
  "6h": 6 * 3600,
  "12h": 12 * 3600,
  "24h": 24 * 3600,
};

/**
 * Preferred step per window: enough points for a readable chart (12–90),
 * far below {@link MAX_POINTS}, and a round number so aligned ranges repeat.
 */
const PREFERRED_STEP_S: Record<MetricsWindow, number> = {
  "1m": 5,
  "5m": 15,
  "15m": 30,
  "30m": 30,
  "1h": 60,
  "3h": 120,
  "6h": 300,
  "12h": 600,
  "24h": 1200,
};

/** Round steps, so that ranges aligned to the step are shared by every viewer. */
const NICE_STEPS_S = [5, 10, 15, 20, 30, 60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

export interface QueryRange {
  window: MetricsWindow;
  windowSeconds: number;
  /** Unix seconds; both are multiples of `step`, end ≤ now. */
  start: number;
  end: number;
  /** Range-query step, seconds: ≥ scrape interval, at most {@link MAX_POINTS} points. */
  step: number;
  /** rate() window, seconds: max(step + scrape, 4 × scrape) (Grafana's $__rate_interval). */
  rateWindow: number;
  scrapeInterval: number;
  /** Age a "current" value can have: scrape interval + rate window. */
  lagSeconds: number;
  /** Points per series: (end − start) / step + 1. */
  points: number;
}

function niceStepAtLeast(seconds: number): number {
  const found = NICE_STEPS_S.find((s) => s >= seconds);
  return found ?? Math.ceil(seconds / 86400) * 86400;
}

/** Step for any window length: the smallest round step ≥ max(preferred, scrape, window / (MAX_POINTS − 1)). */
export function stepFor(windowSeconds: number, scrapeInterval: number, preferred = 0): number {
  const minimum = Math.max(preferred, scrapeInterval, windowSeconds / (MAX_POINTS - 1));
  return niceStepAtLeast(Math.ceil(minimum));
}

export function rateWindowFor(step: number, scrapeInterval: number): number {
  return Math.ceil(Math.max(step + scrapeInterval, 4 * scrapeInterval));
}

/**
 * Range, step and rate window for a metrics window ending now. Pure. The end
 * is aligned down to the step so that every browser polling within the same
 * step sends byte-identical queries (coalesced and cached by the client).
 */
export function rangeFor(window: MetricsWindow, now: Date | number, scrapeInterval = DEFAULT_SCRAPE_INTERVAL_S): QueryRange {
  const windowSeconds = WINDOW_SECONDS[window];
  const scrape = scrapeInterval > 0 && Number.isFinite(scrapeInterval) ? scrapeInterval : DEFAULT_SCRAPE_INTERVAL_S;
  const step = stepFor(windowSeconds, scrape, PREFERRED_STEP_S[window]);
  const nowSeconds = Math.floor((typeof now === "number" ? now : now.getTime()) / 1000);
  const end = Math.floor(nowSeconds / step) * step;
  const spanSteps = Math.ceil(windowSeconds / step);
  const start = end - spanSteps * step;
  const rateWindow = rateWindowFor(step, scrape);
  return {
    window,
    windowSeconds,
    start,
    end,
    step,
    rateWindow,
    scrapeInterval: scrape,
    lagSeconds: scrape + rateWindow,
    points: spanSteps + 1,
  };
}

const DURATION_PART = /(\d+)(ms|s|m|h|d|w|y)/g;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400, w: 604800, y: 31536000 };

/** Seconds in a Prometheus duration ("15s", "1m30s", "500ms"), or null if it is not one. */
export function parsePromDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(ms|s|m|h|d|w|y))+$/.test(trimmed)) return null;
  let total = 0;
  for (const [, n, unit] of trimmed.matchAll(DURATION_PART)) total += Number(n) * (UNIT_SECONDS[unit ?? ""] ?? 0);
  return total > 0 ? total : null;
}
