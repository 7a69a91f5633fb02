import { describe, expect, it, vi } from "vitest";
import { serviceMetricsSchema } from "@/lib/api/metrics";
import { AppError } from "@/lib/errors/app-error";
import { PrometheusClient } from "./client";
import type { InstantSample, RangeSeries } from "./prometheus-response";
import { buildLatencyPanel, buildRequestsPanel, getServiceMetrics } from "./service-metrics";

const ok = <T>(value: T): PromiseSettledResult<T> => ({ status: "fulfilled", value });
const v = (version: string, value: number, extra: Record<string, string> = {}): InstantSample => ({ metric: { meshdeck_version: version, ...extra }, time: 100, value });
const s = (version: string, values: Array<[number, number]>, extra: Record<string, string> = {}): RangeSeries => ({ metric: { meshdeck_version: version, ...extra }, values });

describe("buildRequestsPanel", () => {
  it("pairs rate and error series per version, with current values and shares", () => {
    const panel = buildRequestsPanel({
      rateRange: ok([s("v2", [[0, 1], [15, 1]]), s("v10", [[0, 0.5]]), s("v1", [[0, 4], [15, 4]])]),
      errorRange: ok([s("v1", [[0, 0], [15, NaN]]), s("v2", [[0, 0.5]])]),
      rateNow: ok([v("v1", 4), v("v2", 1)]),
      errorNow: ok([v("v1", 0), v("v2", 0.5)]),
    });
    expect(panel.status).toBe("ok");
    if (panel.status !== "ok") return;
    expect(panel.data.versions.map((x) => x.version)).toEqual(["v1", "v2", "v10"]);
    const [v1, v2, v10] = panel.data.versions;
    expect(v1?.current).toEqual({ requestRate: 4, errorRate: 0, share: 0.8 });
    expect(v1?.errorRate).toEqual([[0, 0], [15, null]]);
    expect(v2?.current).toEqual({ requestRate: 1, errorRate: 0.5, share: 0.2 });
    expect(v10?.current).toEqual({ requestRate: 0, errorRate: null, share: 0 });
    expect(panel.data.total).toEqual({ requestRate: 5, errorRate: 0.1 });
  });

  it("is an error panel when any of its queries failed", () => {
    const panel = buildRequestsPanel({
      rateRange: ok([]),
      errorRange: { status: "rejected", reason: new AppError({ code: "Unavailable", message: "Prometheus is unavailable at http://p: x" }) },
      rateNow: ok([]),
      errorNow: ok([]),
    });
    expect(panel).toEqual({ status: "error", error: { code: "Unavailable", message: "Prometheus is unavailable at http://p: x" } });
  });

  it("reports no traffic as empty, not as zeros invented per version", () => {
    const panel = buildRequestsPanel({ rateRange: ok([]), errorRange: ok([]), rateNow: ok([]), errorNow: ok([]) });
    expect(panel).toEqual({ status: "ok", data: { versions: [], total: { requestRate: 0, errorRate: null } } });
  });
});

describe("buildLatencyPanel", () => {
  it("splits the combined quantile query per version, keeping NaN and +Inf", () => {
    const panel = buildLatencyPanel({
      latencyRange: ok([s("v1", [[0, 4]], { quantile: "0.5" }), s("v1", [[0, 9]], { quantile: "0.95" }), s("v1", [[0, Infinity]], { quantile: "0.99" })]),
      latencyNow: ok([v("v1", 4.1, { quantile: "0.5" }), v("v1", NaN, { quantile: "0.95" }), v("v1", Infinity, { quantile: "0.99" })]),
    });
    expect(panel).toEqual({
      status: "ok",
      data: { versions: [{ version: "v1", p50: [[0, 4]], p95: [[0, 9]], p99: [[0, "+Inf"]], current: { p50: 4.1, p95: null, p99: "+Inf" } }] },
    });
  });
});

describe("getServiceMetrics", () => {
  const input = { namespace: "bookinfo", name: "reviews", window: "5m" as const, reporter: "auto" as const, now: new Date(Date.UTC(2026, 0, 1, 0, 0, 7)) };
  const pods = () => Promise.resolve({ available: false as const, reason: "metrics.k8s.io is not served by this cluster" });

  it("says NotConfigured without a Prometheus, and still answers pods", async () => {
    const view = await getServiceMetrics(input, { prometheus: () => ({ state: "NotConfigured", message: "No Prometheus configured" }), podMetrics: pods });
    expect(serviceMetricsSchema.parse(view)).toEqual(view);
    expect(view.requests).toEqual({ status: "NotConfigured", message: "No Prometheus configured" });
    expect(view.latency.status).toBe("NotConfigured");
    expect(view.pods).toEqual({ status: "ok", data: { available: false, reason: "metrics.k8s.io is not served by this cluster" } });
    expect(view.meta).toMatchObject({ window: "5m", step: 15, rateWindow: 20, lagSeconds: 25, source: "prometheus", reporter: "destination", end: 1767225600 });
  });

  it("degrades the Prometheus panels only when Prometheus is down", async () => {
    const client = new PrometheusClient({ url: "http://p", scrapeInterval: 5, fetch: (() => Promise.reject(Object.assign(new TypeError("fetch failed"), { cause: { code: "ECONNREFUSED" } }))) as typeof fetch });
    const view = await getServiceMetrics(input, { prometheus: () => ({ state: "Configured", client }), podMetrics: pods });
    expect(view.requests).toEqual({ status: "error", error: { code: "Unavailable", message: "Prometheus is unavailable at http://p: connection refused (ECONNREFUSED)" } });
    expect(view.latency.status).toBe("error");
    expect(view.pods.status).toBe("ok");
  });

  it("puts a failing pods source in its own panel", async () => {
    const forbidden = new AppError({ code: "Forbidden", message: "cannot list pods.metrics.k8s.io", verb: "list", resource: "pods.metrics.k8s.io" });
    const view = await getServiceMetrics(input, { prometheus: () => ({ state: "NotConfigured", message: "none" }), podMetrics: () => Promise.reject(forbidden) });
    expect(view.pods).toEqual({ status: "error", error: forbidden.detail });
  });

  it("hides unexpected errors behind Internal", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const view = await getServiceMetrics(input, { prometheus: () => ({ state: "NotConfigured", message: "none" }), podMetrics: () => Promise.reject(new Error("token=abc")) });
    expect(view.pods).toEqual({ status: "error", error: { code: "Internal", message: "Unexpected server error" } });
    spy.mockRestore();
  });
});
