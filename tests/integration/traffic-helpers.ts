import { runProbe, runProbeLoop, type ProbeOptions, type ProbeResult } from "../../lab/traffic/probe-client.js";
import { expect } from "vitest";
import { labState } from "./test-lab.js";

export function probe(opts: ProbeOptions): Promise<ProbeResult> {
  const url = labState().traffic?.url;
  if (!url) throw new Error("the test lab runs no traffic simulator");
  return runProbe(url, opts);
}

/** Share of probe requests per key (e.g. service name, subset, workload). */
export function shares(r: ProbeResult, key: (d: ProbeResult["destinations"][number]) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of r.destinations) out[key(d)] = (out[key(d)] ?? 0) + d.count / r.n;
  return out;
}

interface PromVector {
  status: string;
  data: { resultType: string; result: { metric: Record<string, string>; value: [number, string] }[] };
}

export async function promQuery(query: string): Promise<{ metric: Record<string, string>; value: number }[]> {
  const base = labState().prometheus?.url;
  if (!base) throw new Error("the test lab runs no Prometheus");
  const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(query)}`, { signal: AbortSignal.timeout(10_000) });
  const body = (await res.json()) as PromVector;
  if (body.status !== "success") throw new Error(`query failed: ${JSON.stringify(body)}`);
  return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}

/** Expects `actual` within `tolerance` of `expected` (an absent share counts as 0). */
export function within(actual: number | undefined, expected: number, tolerance: number): void {
  expect(actual ?? 0).toBeGreaterThanOrEqual(expected - tolerance);
  expect(actual ?? 0).toBeLessThanOrEqual(expected + tolerance);
}

/** Keeps `perSecond` probe requests a second flowing (a curl loop) until stopped. */
export function probeLoop(opts: ProbeOptions, perSecond: number): { stop: () => Promise<void> } {
  const url = labState().traffic?.url;
  if (!url) throw new Error("the test lab runs no traffic simulator");
  return runProbeLoop(url, opts, perSecond);
}
