import "server-only";
import { toSampleValue, type SampleValue } from "@/lib/api/metrics";
import type { PrometheusClient } from "./client";
import type { InstantSample } from "./prometheus-response";
import { L } from "./promql/istio";
import { destinationShare, VERSION_LABEL, type ShareOptions } from "./promql/service-queries";

export interface ObservedShare {
  namespace: string;
  service: string;
  /** With by="version" only. */
  version?: string;
  /** 0..1; the shares of one answer sum to 1. */
  share: SampleValue;
}

/** Rows of a {@link destinationShare} answer. Pure. */
export function toObservedShares(samples: readonly InstantSample[], by: ShareOptions["by"]): ObservedShare[] {
  return samples
    .map((s) => ({
      namespace: s.metric[L.destinationServiceNamespace] ?? "",
      service: s.metric[L.destinationServiceName] ?? "",
      ...(by === "version" ? { version: s.metric[VERSION_LABEL] || "unknown" } : {}),
      share: toSampleValue(s.value),
    }))
    .sort((a, b) => a.namespace.localeCompare(b.namespace) || a.service.localeCompare(b.service) || (a.version ?? "").localeCompare(b.version ?? "", "en", { numeric: true }));
}

/**
 * Observed traffic share among a VirtualService route's destinations (per
 * Service, or per Service and version), one instant query. Destinations
 * without traffic have no row.
 */
export async function observedShares(client: PrometheusClient, options: ShareOptions, signal?: AbortSignal): Promise<ObservedShare[]> {
  return toObservedShares(await client.instant(destinationShare(options), signal ? { signal } : {}), options.by);
}
