/**
 * PromQL for the service graph, after Kiali's graph queries.
 *
 * Which reporter counts a request (Kiali's de-duplication):
 *   - reporter="destination" for every request that reached a sidecar'd
 *     workload: the destination proxy knows both peers and sees the real
 *     response; its series always carry a known destination_workload.
 *   - reporter="source" only for requests that never reached a sidecar:
 *     no route (NR), no healthy upstream (UH/NC), faults injected at the
 *     caller (FI), timeouts (UT) and destinations without a sidecar. These are
 *     exactly the source-reported series whose destination_workload is
 *     "unknown" (the metadata exchange never heard back from a peer proxy).
 * The two slices are disjoint, so one query can ask for both and the builder
 * simply sums; the builder still de-duplicates defensively (see dedupe.ts).
 *
 * Namespace filtering: an edge belongs to the graph when either end is in one
 * of the namespaces, so each reporter's slice is asked twice (destination in
 * the set, source in the set) and joined with `or`, which drops the second
 * copy of a series present in both.
 */
import { escapeRegex, promString } from "@/lib/metrics/promql/escape";

/** Labels the traffic query groups by (Kiali's set, plus the reporter). */
export const REQUEST_GROUP_LABELS = [
  "source_workload_namespace",
  "source_workload",
  "source_canonical_service",
  "source_canonical_revision",
  "destination_service_namespace",
  "destination_service_name",
  "destination_workload_namespace",
  "destination_workload",
  "destination_canonical_service",
  "destination_canonical_revision",
  "request_protocol",
  "response_code",
  "grpc_response_status",
  "response_flags",
  "reporter",
] as const;

/** Labels the latency query groups by (besides `le`): the identities of both ends. */
export const LATENCY_GROUP_LABELS = [
  "source_workload_namespace",
  "source_workload",
  "source_canonical_service",
  "source_canonical_revision",
  "destination_service_namespace",
  "destination_service_name",
  "destination_workload_namespace",
  "destination_workload",
  "destination_canonical_service",
  "destination_canonical_revision",
  "reporter",
] as const;

export interface GraphQueryOptions {
  /** Namespaces to graph; empty = the whole mesh (no namespace filter). */
  readonly namespaces: readonly string[];
  /** Rate window, a Prometheus duration: "1m", "5m", "90s". Default "1m". */
  readonly window?: string;
  /** Quantile for the latency query. Default 0.95. */
  readonly quantile?: number;
}

const DURATION = /^(\d+(ms|s|m|h|d|w|y))+$/;

/** Escapes a value for a double-quoted PromQL string literal (the quotes left off). */
export function escapeLabelValue(value: string): string {
  return promString(value).slice(1, -1);
}

export { escapeRegex };

/** `label="value"` with the value escaped. */
export function labelEquals(label: string, value: string): string {
  return `${label}="${escapeLabelValue(value)}"`;
}

/** `label=~"a|b"` matching any of the values literally (Prometheus anchors regexes). */
export function labelIn(label: string, values: readonly string[]): string {
  const alternatives = [...new Set(values)].sort().map(escapeRegex).join("|");
  return `${label}=~"${escapeLabelValue(alternatives)}"`;
}

function checkOptions(opts: GraphQueryOptions): { window: string; namespaces: string[] } {
  const window = opts.window ?? "1m";
  if (!DURATION.test(window)) throw new Error(`invalid Prometheus duration: ${JSON.stringify(window)}`);
  const namespaces = [...new Set(opts.namespaces)].filter((n) => n.length > 0).sort();
  return { window, namespaces };
}

/** The (reporter, namespace side) selectors one graph query is the union of. */
export function graphSelectors(namespaces: readonly string[]): string[] {
  const slices = [labelEquals("reporter", "destination"), `${labelEquals("reporter", "source")},${labelEquals("destination_workload", "unknown")}`];
  if (namespaces.length === 0) return slices;
  const out: string[] = [];
  for (const slice of slices) {
    out.push(`${slice},${labelIn("destination_service_namespace", namespaces)}`);
    out.push(`${slice},${labelIn("source_workload_namespace", namespaces)}`);
  }
  return out;
}

/** Requests per second by edge, protocol, response code and flags, both reporters' slices. */
export function requestsQuery(opts: GraphQueryOptions): string {
  const { window, namespaces } = checkOptions(opts);
  const by = REQUEST_GROUP_LABELS.join(",");
  return graphSelectors(namespaces)
    .map((sel) => `sum by (${by}) (rate(istio_requests_total{${sel}}[${window}]))`)
    .join(" or ");
}

/** Latency quantile (default p95, ms) by edge, both reporters' slices. */
export function latencyQuery(opts: GraphQueryOptions): string {
  const { window, namespaces } = checkOptions(opts);
  const q = opts.quantile ?? 0.95;
  if (!(q > 0 && q < 1)) throw new Error(`quantile must be in (0, 1), got ${q}`);
  const by = ["le", ...LATENCY_GROUP_LABELS].join(",");
  return graphSelectors(namespaces)
    .map((sel) => `histogram_quantile(${q}, sum by (${by}) (rate(istio_request_duration_milliseconds_bucket{${sel}}[${window}])))`)
    .join(" or ");
}

/** Both graph queries for one refresh. */
export function graphQueries(opts: GraphQueryOptions): { readonly requests: string; readonly latency: string } {
  return { requests: requestsQuery(opts), latency: latencyQuery(opts) };
}
