import { DEFAULT_METRICS_WINDOW, metricsWindowSchema, type MetricsWindow } from "@/lib/api/metrics";
import { trafficWindowSchema, type TrafficWindow } from "@/lib/api/traffic";
import { namespaceNameSchema } from "@/lib/api/virtual-services";

// Page state kept in the URL (shareable, survives reloads, wall displays keep it).

export const DEFAULT_TRAFFIC_WINDOW: TrafficWindow = "1m";

export interface OverviewState {
  /** null: every namespace the user can see. */
  namespace: string | null;
  window: TrafficWindow;
}

interface ParamsLike {
  get(name: string): string | null;
}

/** Reads the overview state; invalid values fall back to the defaults. */
export function parseOverviewState(params: ParamsLike): OverviewState {
  const ns = namespaceNameSchema.safeParse(params.get("namespace") ?? "");
  const window = trafficWindowSchema.safeParse(params.get("window") ?? "");
  return { namespace: ns.success ? ns.data : null, window: window.success ? window.data : DEFAULT_TRAFFIC_WINDOW };
}

/** "?namespace=bookinfo&window=5m"; defaults are left out ("" when everything is default). */
export function overviewSearch(state: OverviewState): string {
  const params = new URLSearchParams();
  if (state.namespace) params.set("namespace", state.namespace);
  if (state.window !== DEFAULT_TRAFFIC_WINDOW) params.set("window", state.window);
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** The metrics window of the service page (`?window=`), default 5m. */
export function parseMetricsWindow(params: ParamsLike): MetricsWindow {
  const w = metricsWindowSchema.safeParse(params.get("window") ?? "");
  return w.success ? w.data : DEFAULT_METRICS_WINDOW;
}

/** `params` with `window` set (or removed when it is the default), as "?…" or "". */
export function withMetricsWindow(params: URLSearchParams, window: MetricsWindow): string {
  const next = new URLSearchParams(params);
  if (window === DEFAULT_METRICS_WINDOW) next.delete("window");
  else next.set("window", window);
  const s = next.toString();
  return s ? `?${s}` : "";
}

/** Link to a Service's page. */
export function serviceHref(namespace: string, name: string, hash?: string): string {
  return `/services/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}${hash ? `#${hash}` : ""}`;
}

/** Link to a Rollout's page (its actions: promote, abort, …). */
export function rolloutHref(namespace: string, name: string): string {
  return `/rollouts/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}

/** DOM id of a route's section on the service page. */
export function routeAnchor(virtualService: string, index: number): string {
  return `route-${virtualService}-${index}`;
}

/** The service page's anchor of a TLS / TCP route card. */
export function l4RouteAnchor(virtualService: string, section: "tls" | "tcp", index: number): string {
  return `route-${virtualService}-${section}-${index}`;
}
