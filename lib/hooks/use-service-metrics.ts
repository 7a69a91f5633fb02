"use client";

import useSWR from "swr";
import { serviceMetricsSchema, type MetricsWindow, type ServiceMetrics } from "@/lib/api/metrics";
import { ApiRequestError, fetchJson } from "./fetch-json";
import { swrOptions } from "./swr-options";

export function serviceMetricsUrl(namespace: string, name: string, window: MetricsWindow): string {
  return `/api/services/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/metrics?${new URLSearchParams({ window }).toString()}`;
}

/** Poll about once per chart step (10 s … 60 s): new points appear no faster. */
export function metricsRefreshMs(data: ServiceMetrics | undefined): number {
  const step = data?.meta.step ?? 15;
  return Math.min(60_000, Math.max(10_000, step * 1000));
}

/** Per-version rate, error rate and latency of one Service (`GET /api/services/{ns}/{name}/metrics`). */
export function useServiceMetrics(namespace: string, name: string, window: MetricsWindow) {
  return useSWR<ServiceMetrics, ApiRequestError>(serviceMetricsUrl(namespace, name, window), (key: string) => fetchJson(key, serviceMetricsSchema), {
    ...swrOptions,
    keepPreviousData: true,
    refreshInterval: metricsRefreshMs,
  });
}

export interface ServiceKey {
  namespace: string;
  name: string;
}

export type MetricsByService = Record<string, ServiceMetrics | ApiRequestError>;

export function serviceKey(s: ServiceKey): string {
  return `${s.namespace}/${s.name}`;
}

/**
 * Metrics of several Services at once (the destinations of one route), keyed
 * `namespace/name`; one failing Service does not fail the others.
 */
export function useServicesMetrics(services: readonly ServiceKey[], window: MetricsWindow) {
  const keys = [...new Set(services.map(serviceKey))].sort();
  return useSWR<MetricsByService, ApiRequestError>(
    keys.length > 0 ? ["service-metrics", window, ...keys] : null,
    async () => {
      const results = await Promise.allSettled(
        keys.map((key) => {
          const [namespace = "", name = ""] = key.split("/");
          return fetchJson(serviceMetricsUrl(namespace, name, window), serviceMetricsSchema);
        }),
      );
      const out: MetricsByService = {};
      results.forEach((r, i) => {
        const key = keys[i] ?? "";
        out[key] =
          r.status === "fulfilled"
            ? r.value
            : r.reason instanceof ApiRequestError
              ? r.reason
              : new ApiRequestError({ code: "Internal", message: "metrics request failed" }, 0);
      });
      return out;
    },
    { ...swrOptions, keepPreviousData: true, refreshInterval: 10_000 },
  );
}
