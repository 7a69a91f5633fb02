import "server-only";
import type {
  LatencyPanel,
  MetricsWindow,
  Panel,
  PodMetrics,
  Reporter,
  ReporterChoice,
  RequestsPanel,
  SampleValue,
  Series,
  ServiceMetrics,
  VersionLatency,
  VersionTraffic,
} from "@/lib/api/metrics";
import { toSampleValue } from "@/lib/api/metrics";
import type { ApiError } from "@/lib/errors/api-error";
import { isAppError } from "@/lib/errors/app-error";
import { getServicePodMetrics } from "@/lib/k8s/pod-metrics";
import { getPrometheus, type PrometheusAccess, type PrometheusClient } from "./client";
import type { InstantSample, RangeSeries } from "./prometheus-response";
import {
  DEFAULT_QUANTILES,
  errorRateByVersion,
  latencyQuantilesByVersion,
  QUANTILE_LABEL,
  requestRateByVersion,
  VERSION_LABEL,
  type ServiceRef,
} from "./promql/service-queries";
import { rangeFor, type QueryRange } from "./promql/window";

export interface ServiceMetricsInput {
  namespace: string;
  name: string;
  window: MetricsWindow;
  reporter: ReporterChoice;
  now?: Date;
  signal?: AbortSignal;
}

export interface ServiceMetricsDeps {
  prometheus?: () => PrometheusAccess;
  podMetrics?: (namespace: string, name: string) => Promise<PodMetrics>;
}

/** The raw answers behind the two Prometheus panels. */
export interface TrafficResults {
  rateRange: PromiseSettledResult<RangeSeries[]>;
  errorRange: PromiseSettledResult<RangeSeries[]>;
  latencyRange: PromiseSettledResult<RangeSeries[]>;
  rateNow: PromiseSettledResult<InstantSample[]>;
  errorNow: PromiseSettledResult<InstantSample[]>;
  latencyNow: PromiseSettledResult<InstantSample[]>;
}

/** A thrown value as the typed error a panel carries. Unexpected errors are logged and hidden. */
export function panelError(error: unknown): ApiError {
  if (isAppError(error)) return error.detail;
  if (error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError")) {
    return { code: "Unavailable", message: "The request was aborted" };
  }
  console.error(`[meshdeck] metrics: ${error instanceof Error ? `${error.name}: ${error.message}` : typeof error}`);
  return { code: "Internal", message: "Unexpected server error" };
}

function errorPanel<T>(error: unknown): Panel<T> {
  return { status: "error", error: panelError(error) };
}

const byVersionName = (a: string, b: string) => a.localeCompare(b, "en", { numeric: true });

function versionOf(metric: Record<string, string>): string {
  return metric[VERSION_LABEL] || "unknown";
}

function toSeries(values: ReadonlyArray<[number, number]>): Series {
  return values.map(([t, v]) => [t, toSampleValue(v)]);
}

function seriesByVersion(matrix: readonly RangeSeries[]): Map<string, Series> {
  const out = new Map<string, Series>();
  for (const s of matrix) out.set(versionOf(s.metric), toSeries(s.values));
  return out;
}

function valueByVersion(vector: readonly InstantSample[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of vector) out.set(versionOf(s.metric), s.value);
  return out;
}

function firstRejection(results: ReadonlyArray<PromiseSettledResult<unknown>>): unknown {
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  return rejected ? (rejected.reason as unknown) : undefined;
}

/** Requests panel from range and instant answers. Pure. */
export function buildRequestsPanel(results: Pick<TrafficResults, "rateRange" | "errorRange" | "rateNow" | "errorNow">): Panel<RequestsPanel> {
  const { rateRange, errorRange, rateNow, errorNow } = results;
  if (rateRange.status === "rejected" || errorRange.status === "rejected" || rateNow.status === "rejected" || errorNow.status === "rejected") {
    return errorPanel(firstRejection([rateRange, errorRange, rateNow, errorNow]));
  }
  const rates = seriesByVersion(rateRange.value);
  const errors = seriesByVersion(errorRange.value);
  const rateCurrent = valueByVersion(rateNow.value);
  const errorCurrent = valueByVersion(errorNow.value);
  const versions = [...new Set([...rates.keys(), ...rateCurrent.keys()])].sort(byVersionName);
  let totalRate = 0;
  let totalErrors = 0;
  for (const rate of rateCurrent.values()) if (Number.isFinite(rate)) totalRate += rate;
  for (const [v, ratio] of errorCurrent) {
    const rate = rateCurrent.get(v) ?? 0;
    if (Number.isFinite(ratio) && Number.isFinite(rate)) totalErrors += ratio * rate;
  }
  const items: VersionTraffic[] = versions.map((version) => {
    const rate = rateCurrent.get(version);
    const share: SampleValue = rate === undefined ? 0 : toSampleValue(totalRate > 0 ? rate / totalRate : NaN);
    return {
      version,
      requestRate: rates.get(version) ?? [],
      errorRate: errors.get(version) ?? [],
      current: {
        requestRate: rate === undefined ? 0 : toSampleValue(rate),
        errorRate: toSampleValue(errorCurrent.get(version) ?? NaN),
        share,
      },
    };
  });
  return {
    status: "ok",
    data: {
      versions: items,
      total: { requestRate: rateCurrent.size > 0 ? totalRate : 0, errorRate: toSampleValue(totalRate > 0 ? totalErrors / totalRate : NaN) },
    },
  };
}

function quantileKey(q: number): string {
  return String(q);
}

/** Latency panel from range and instant answers of {@link latencyQuantilesByVersion}. Pure. */
export function buildLatencyPanel(results: Pick<TrafficResults, "latencyRange" | "latencyNow">): Panel<LatencyPanel> {
  const { latencyRange, latencyNow } = results;
  if (latencyRange.status === "rejected" || latencyNow.status === "rejected") return errorPanel(firstRejection([latencyRange, latencyNow]));
  const series = new Map<string, Map<string, Series>>();
  const current = new Map<string, Map<string, number>>();
  for (const s of latencyRange.value) {
    const v = versionOf(s.metric);
    const m = series.get(v) ?? new Map<string, Series>();
    m.set(s.metric[QUANTILE_LABEL] ?? "", toSeries(s.values));
    series.set(v, m);
  }
  for (const s of latencyNow.value) {
    const v = versionOf(s.metric);
    const m = current.get(v) ?? new Map<string, number>();
    m.set(s.metric[QUANTILE_LABEL] ?? "", s.value);
    current.set(v, m);
  }
  const [p50, p95, p99] = DEFAULT_QUANTILES.map(quantileKey) as [string, string, string];
  const versions = [...new Set([...series.keys(), ...current.keys()])].sort(byVersionName);
  const items: VersionLatency[] = versions.map((version) => {
    const s = series.get(version);
    const c = current.get(version);
    const now = (q: string): SampleValue => toSampleValue(c?.get(q) ?? NaN);
    return {
      version,
      p50: s?.get(p50) ?? [],
      p95: s?.get(p95) ?? [],
      p99: s?.get(p99) ?? [],
      current: { p50: now(p50), p95: now(p95), p99: now(p99) },
    };
  });
  return { status: "ok", data: { versions: items } };
}

/** The six queries of a service view, in parallel (3 range + 3 instant). */
export async function queryTraffic(client: PrometheusClient, service: ServiceRef, reporter: Reporter, range: QueryRange, signal?: AbortSignal): Promise<TrafficResults> {
  const o = { service, reporter, rateWindow: range.rateWindow };
  const r = { start: range.start, end: range.end, step: range.step };
  const opts = signal ? { signal } : {};
  const [rateRange, errorRange, latencyRange, rateNow, errorNow, latencyNow] = await Promise.allSettled([
    client.range(requestRateByVersion(o), r, opts),
    client.range(errorRateByVersion(o), r, opts),
    client.range(latencyQuantilesByVersion(o), r, opts),
    client.instant(requestRateByVersion(o), opts),
    client.instant(errorRateByVersion(o), opts),
    client.instant(latencyQuantilesByVersion(o), opts),
  ]);
  return { rateRange, errorRange, latencyRange, rateNow, errorNow, latencyNow };
}

function hasNoTraffic(results: TrafficResults): boolean {
  return (
    results.rateRange.status === "fulfilled" &&
    results.rateRange.value.length === 0 &&
    results.rateNow.status === "fulfilled" &&
    results.rateNow.value.length === 0
  );
}

async function podsPanel(load: () => Promise<PodMetrics>): Promise<Panel<PodMetrics>> {
  try {
    return { status: "ok", data: await load() };
  } catch (error) {
    return errorPanel(error);
  }
}

/**
 * Everything the service metrics view shows. Never throws for a source that
 * fails: Prometheus down → the requests and latency panels are `error`
 * (code "Unavailable"); metrics API forbidden → the pods panel is `error`.
 */
export async function getServiceMetrics(input: ServiceMetricsInput, deps: ServiceMetricsDeps = {}): Promise<ServiceMetrics> {
  const service = { namespace: input.namespace, name: input.name };
  const now = input.now ?? new Date();
  const pods = podsPanel(() => (deps.podMetrics ?? getServicePodMetrics)(service.namespace, service.name));
  let reporter: Reporter = input.reporter === "source" ? "source" : "destination";
  let range = rangeFor(input.window, now);
  let requests: Panel<RequestsPanel>;
  let latency: Panel<LatencyPanel>;

  let access: PrometheusAccess | undefined;
  let failure: unknown;
  try {
    access = (deps.prometheus ?? getPrometheus)();
  } catch (error) {
    failure = error;
  }
  if (access?.state === "NotConfigured") {
    requests = { status: "NotConfigured", message: access.message };
    latency = { status: "NotConfigured", message: access.message };
  } else if (access?.state === "Configured") {
    const client = access.client;
    try {
      range = rangeFor(input.window, now, await client.scrapeInterval(input.signal ? { signal: input.signal } : {}));
      let results = await queryTraffic(client, service, reporter, range, input.signal);
      if (input.reporter === "auto" && hasNoTraffic(results)) {
        // No destination sidecar reported anything: read what the callers' proxies saw.
        const fromSource = await queryTraffic(client, service, "source", range, input.signal);
        if (!hasNoTraffic(fromSource)) {
          results = fromSource;
          reporter = "source";
        }
      }
      requests = buildRequestsPanel(results);
      latency = buildLatencyPanel(results);
    } catch (error) {
      requests = errorPanel(error);
      latency = errorPanel(error);
    }
  } else {
    requests = errorPanel(failure);
    latency = errorPanel(failure);
  }

  return {
    service,
    meta: {
      window: range.window,
      windowSeconds: range.windowSeconds,
      start: range.start,
      end: range.end,
      step: range.step,
      rateWindow: range.rateWindow,
      scrapeInterval: range.scrapeInterval,
      lagSeconds: range.lagSeconds,
      reporter,
      source: "prometheus",
    },
    requests,
    latency,
    pods: await pods,
  };
}
