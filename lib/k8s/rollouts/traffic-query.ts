import type { RolloutTrafficWindow, TrafficVersion } from "@/lib/api/rollouts";
import { ISTIO_REQUESTS_TOTAL, L } from "@/lib/metrics/promql/istio";
import { promDuration } from "@/lib/metrics/promql/escape";
import { eq, oneOf, selector } from "@/lib/metrics/promql/selector";
import type { RolloutView } from "@/lib/rollouts/model";

// Pure: which Services carry a Rollout's traffic, how its versions are told
// apart, and the one PromQL query that feeds the live traffic view.

export const WINDOW_SECONDS: Record<RolloutTrafficWindow, number> = { "1m": 60, "5m": 300, "15m": 900, "1h": 3600 };
export const BUCKET_SECONDS: Record<RolloutTrafficWindow, number> = { "1m": 5, "5m": 5, "15m": 15, "1h": 60 };

export interface TrafficPlan {
  splitBy: "service" | "revision";
  services: string[];
  /** Known versions (service split); revision split discovers them from the result. */
  versions: TrafficVersion[];
}

function shortHost(host: string, namespace: string): string {
  const suffix = `.${namespace}.svc.cluster.local`;
  if (host.endsWith(suffix)) return host.slice(0, -suffix.length);
  const parts = host.split(".");
  return parts.length === 2 && parts[1] === namespace ? (parts[0] ?? host) : host;
}

/**
 * Host-level canary (canary and stable Services, rollouts-demo, or the ping
 * and pong Services by their role now) and blue-green
 * (active and preview Services): split by destination_service_name. Subset
 * level: the VirtualService hosts, split by destination_canonical_revision.
 */
export function trafficPlan(view: RolloutView, vsHosts: readonly string[]): TrafficPlan {
  const tr = view.trafficRouting;
  const bg = view.blueGreen;
  const v = (key: string | null | undefined, role: TrafficVersion["role"], label: string): TrafficVersion[] => (key ? [{ key, role, label: `${label} (${key})` }] : []);
  if (tr?.stableService || tr?.canaryService) {
    // The current experiment's templates with a weight get a Service of their own in the route.
    const experiments = view.experiments
      .filter((e) => e.current)
      .flatMap((e) => e.templates.flatMap((t) => v(t.serviceName, "other", `experiment ${t.name}`)));
    // Ping-pong: the stable and canary Services are the ping and pong sides, as status.canary.stablePingPong says now.
    const side = (service: string | null) => (tr.pingPong && service === tr.pingPong.pingService ? " · ping" : tr.pingPong && service === tr.pingPong.pongService ? " · pong" : "");
    const versions = [...v(tr.stableService, "stable", `stable${side(tr.stableService)}`), ...v(tr.canaryService, "canary", `canary${side(tr.canaryService)}`), ...experiments];
    return { splitBy: "service", services: versions.map((x) => x.key), versions };
  }
  if (bg?.activeService) {
    const versions = [...v(bg.activeService, "stable", "active"), ...v(bg.previewService, "canary", "preview")];
    return { splitBy: "service", services: versions.map((x) => x.key), versions };
  }
  const services = [...new Set(vsHosts.map((h) => shortHost(h, view.namespace)))].filter(Boolean).sort();
  return { splitBy: "revision", services, versions: [] };
}

/** sum by (destination_service_name, destination_canonical_revision, response_code) (rate(istio_requests_total{reporter="destination", …}[r])). */
export function trafficQuery(namespace: string, services: readonly string[], rateSeconds: number): string {
  const sel = selector(ISTIO_REQUESTS_TOTAL, [eq(L.reporter, "destination"), eq(L.destinationServiceNamespace, namespace), oneOf(L.destinationServiceName, services)]);
  return `sum by (${L.destinationServiceName}, ${L.destinationCanonicalRevision}, ${L.responseCode}) (rate(${sel}[${promDuration(rateSeconds)}]))`;
}

export function isErrorCode(code: string | undefined): boolean {
  return !!code && /^5\d\d$/.test(code);
}
