/**
 * Per-version application behaviour, read from pod (template) annotations —
 * the lab's equivalent of the rollouts-demo error/latency sliders.
 *
 *   meshdeck.dev/error-rate      fraction of requests answered with an error (0..1)
 *   meshdeck.dev/error-code      status of those errors (default 500)
 *   meshdeck.dev/latency-ms      median service time in ms
 *   meshdeck.dev/latency-p99-ms  99th percentile (default 3 × median); log-normal fit
 *   meshdeck.dev/response-bytes  response body size (default 1024)
 */
import type { Labels } from "../model/objects";
import { fitLogNormal, type LogNormal } from "../sim/random";

export const ANNOTATION_PREFIX = "meshdeck.dev/";

export interface Behaviour {
  readonly errorRate: number;
  readonly errorCode: number;
  readonly latency: LogNormal;
  readonly responseBytes: number;
}

export const DEFAULT_LATENCY_MS = 4;
export const DEFAULT_RESPONSE_BYTES = 1024;

function num(annotations: Labels, key: string, min: number, max: number): number | undefined {
  const raw = annotations[ANNOTATION_PREFIX + key];
  if (raw === undefined) return undefined;
  const v = Number(raw);
  return Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : undefined;
}

export function behaviourFromAnnotations(annotations: Labels): Behaviour {
  const median = num(annotations, "latency-ms", 0.01, 3_600_000) ?? DEFAULT_LATENCY_MS;
  const p99 = num(annotations, "latency-p99-ms", median, 3_600_000) ?? median * 3;
  const code = num(annotations, "error-code", 100, 599);
  return {
    errorRate: num(annotations, "error-rate", 0, 1) ?? 0,
    errorCode: code === undefined ? 500 : Math.round(code),
    latency: fitLogNormal(median, p99),
    responseBytes: Math.round(num(annotations, "response-bytes", 0, 1e9) ?? DEFAULT_RESPONSE_BYTES),
  };
}

/** Behaviour of endpoints that are not pods (ServiceEntry hosts): healthy. */
export const EXTERNAL_BEHAVIOUR: Behaviour = behaviourFromAnnotations({});
