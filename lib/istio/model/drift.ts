import { z } from "zod";

// Configured vs observed traffic split of one route. Pure: the caller brings
// Prometheus rates (e.g. sum by (destination_service, destination_version)
// (rate(istio_requests_total{reporter="source"}[<window>])) — the source
// reporter does not count mirrored requests) and the shares from the mesh model.

export interface DriftInput {
  /** Configured share per destination, from the model (`share`, in [0, 1]); normalised if they do not sum to 1. */
  configured: readonly { key: string; share: number }[];
  /** Observed request rate per destination (requests/s averaged over the window). Keys absent from `configured` count as configured at 0. */
  observed: readonly { key: string; ratePerSecond: number }[];
  /** The rate() window, in seconds. */
  windowSeconds: number;
  /** Prometheus scrape interval, in seconds. */
  scrapeIntervalSeconds: number;
  /** Below this many requests in the window nothing is judged. Default 100. */
  minRequests?: number;
  /** Standard errors a share may stray before it counts as drift. Default 3 (≈0.3% false alarms per destination on honest traffic). */
  z?: number;
  /** Seconds since the route's weights last changed, if known: while the window still holds older traffic, nothing is judged. */
  configAgeSeconds?: number | null;
}

export const destinationDriftSchema = z.object({
  key: z.string(),
  configuredShare: z.number(),
  /** Null without traffic. */
  observedShare: z.number().nullable(),
  observedRequests: z.number(),
  /** observedShare − configuredShare. */
  drift: z.number().nullable(),
  absoluteDrift: z.number().nullable(),
  /** Largest |drift| expected from chance alone: z·√(max(p(1−p), 1/n)/n). */
  tolerance: z.number().nullable(),
  drifting: z.boolean(),
});
export type DestinationDrift = z.infer<typeof destinationDriftSchema>;

export const driftResultSchema = z.object({
  destinations: z.array(destinationDriftSchema),
  /** Requests in the window (Σ rate × window). */
  totalRequests: z.number(),
  enoughTraffic: z.boolean(),
  /** The weights changed less than lagSeconds ago: observed shares still mix the old split. */
  settling: z.boolean(),
  drifting: z.boolean(),
  /** How stale an observed share can be: scrape interval + rate window. */
  lagSeconds: z.number(),
  note: z.string(),
  /** Observed entries dropped because their rate was negative or not a number. */
  ignored: z.array(z.string()),
});
export type DriftResult = z.infer<typeof driftResultSchema>;

/**
 * Compares observed and configured shares. Each request picks a weighted
 * destination independently (Envoy weighted clusters), so the observed share
 * of a destination configured at p over n requests is binomial with standard
 * error √(p(1−p)/n); a destination drifts when it strays more than z of those.
 * The variance is floored at 1/n so that a destination configured at 0% or
 * 100% tolerates about z stray requests (rate extrapolation and counter resets
 * make exact zeros unreliable). TCP routes split per connection: pass
 * connection rates for them.
 */
export function compareTrafficSplit(input: DriftInput): DriftResult {
  const minRequests = input.minRequests ?? 100;
  const z = input.z ?? 3;
  const window = Math.max(0, input.windowSeconds);
  const lagSeconds = Math.max(0, input.scrapeIntervalSeconds) + window;
  const ignored: string[] = [];
  const observed = new Map<string, number>();
  for (const o of input.observed) {
    if (!Number.isFinite(o.ratePerSecond) || o.ratePerSecond < 0) {
      ignored.push(o.key);
      continue;
    }
    observed.set(o.key, (observed.get(o.key) ?? 0) + o.ratePerSecond * window);
  }
  const configuredTotal = input.configured.reduce((a, c) => a + (Number.isFinite(c.share) && c.share > 0 ? c.share : 0), 0);
  const configured = new Map<string, number>();
  for (const c of input.configured) configured.set(c.key, configuredTotal > 0 && Number.isFinite(c.share) && c.share > 0 ? c.share / configuredTotal : 0);
  const keys = [...configured.keys(), ...[...observed.keys()].filter((k) => !configured.has(k))];
  const totalRequests = [...observed.values()].reduce((a, b) => a + b, 0);
  const enoughTraffic = totalRequests > 0 && totalRequests >= minRequests;
  const settling = input.configAgeSeconds !== undefined && input.configAgeSeconds !== null && input.configAgeSeconds < lagSeconds;
  const destinations = keys.map((key): DestinationDrift => {
    const p = configured.get(key) ?? 0;
    const requests = observed.get(key) ?? 0;
    if (totalRequests <= 0) return { key, configuredShare: p, observedShare: null, observedRequests: 0, drift: null, absoluteDrift: null, tolerance: null, drifting: false };
    const share = requests / totalRequests;
    const drift = share - p;
    const tolerance = z * Math.sqrt(Math.max(p * (1 - p), 1 / totalRequests) / totalRequests);
    return { key, configuredShare: p, observedShare: share, observedRequests: requests, drift, absoluteDrift: Math.abs(drift), tolerance, drifting: enoughTraffic && !settling && Math.abs(drift) > tolerance };
  });
  const drifting = destinations.some((d) => d.drifting);
  const staleness = `Observed shares average the last ${window}s of traffic and Prometheus data can be ${input.scrapeIntervalSeconds}s old: a weight change takes about ${lagSeconds}s to show fully.`;
  const verdict = !enoughTraffic
    ? `Only ${Math.round(totalRequests)} request(s) in the window (at least ${minRequests} needed): too little traffic to judge the split.`
    : settling
      ? "The weights changed within that time: the observed split still mixes old and new weights."
      : drifting
        ? "The observed split differs from the configured one by more than chance explains."
        : "The observed split is consistent with the configured weights.";
  return { destinations, totalRequests, enoughTraffic, settling, drifting, lagSeconds, note: `${verdict} ${staleness}`, ignored };
}
