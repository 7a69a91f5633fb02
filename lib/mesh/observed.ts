import "server-only";
import type { MeshModel } from "@/lib/istio/model/schema";
import type { ObservedTraffic, TrafficWindow } from "@/lib/api/traffic";
import { getPrometheus } from "@/lib/metrics/client";
import { parsePromDuration } from "@/lib/metrics/promql/window";
import { destinationRatesQuery, observeRoutes } from "./observed-routes";

/**
 * Observed vs configured splits from ONE Prometheus query for the whole mesh.
 * The client coalesces identical concurrent queries and caches results for a
 * couple of seconds, so the query count does not grow with viewers.
 * Prometheus down or not configured degrades this part only.
 */
export async function observedTraffic(model: MeshModel, window: TrafficWindow): Promise<ObservedTraffic> {
  const access = getPrometheus();
  if (access.state === "NotConfigured") return { status: "not-configured", message: access.message };
  try {
    const [samples, scrapeIntervalSeconds] = await Promise.all([access.client.instant(destinationRatesQuery(window)), access.client.scrapeInterval()]);
    const rates = samples
      .filter((s) => Number.isFinite(s.value))
      .map((s) => ({
        namespace: s.metric.destination_service_namespace ?? "",
        service: s.metric.destination_service_name ?? "",
        workload: s.metric.destination_workload ?? "",
        rps: s.value,
      }));
    const windowSeconds = parsePromDuration(window) ?? 60;
    return { status: "ok", window, at: new Date().toISOString(), routes: observeRoutes(model, rates, { windowSeconds, scrapeIntervalSeconds }) };
  } catch (error) {
    return { status: "unavailable", message: error instanceof Error ? error.message : "Prometheus is unavailable" };
  }
}
