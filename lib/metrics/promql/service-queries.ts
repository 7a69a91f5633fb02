/**
 * PromQL for one Kubernetes Service over Istio's standard metrics. Pure: the
 * builders validate names (DNS-1123) and escape every value.
 *
 * Versions: series are grouped by {@link VERSION_LABEL}, which is
 * destination_version, or destination_canonical_revision where the version is
 * "unknown" (pods without a `version` label), computed inside PromQL with
 * label_replace so that histogram buckets of one version are summed before
 * histogram_quantile.
 */
import type { Reporter } from "@/lib/api/metrics";
import { promDuration, promNumber, promString } from "./escape";
import { GRPC_ERROR_STATUSES, HTTP_ERROR_CODES, ISTIO_REQUEST_DURATION_BUCKET, ISTIO_REQUESTS_TOTAL, L, UNKNOWN } from "./istio";
import { assertDns1123Label } from "./names";
import { eq, nre, oneOf, re, selector, type Matcher } from "./selector";

/** Output label carrying the version (named so it clashes with no scraped label). */
export const VERSION_LABEL = "meshdeck_version";
/** Output label of {@link latencyQuantilesByVersion}. */
export const QUANTILE_LABEL = "quantile";

export const DEFAULT_REPORTER: Reporter = "destination";
export const DEFAULT_QUANTILES = [0.5, 0.95, 0.99] as const;

export interface ServiceRef {
  namespace: string;
  name: string;
}

export interface ServiceQueryOptions {
  service: ServiceRef;
  /** rate() window in seconds. */
  rateWindow: number;
  /** Default "destination"; "source" for destinations without a sidecar. */
  reporter?: Reporter;
}

/** Matchers selecting requests to one Service as reported by `reporter`. */
export function serviceMatchers(service: ServiceRef, reporter: Reporter = DEFAULT_REPORTER): Matcher[] {
  return [
    eq(L.reporter, reporter),
    eq(L.destinationServiceNamespace, assertDns1123Label(service.namespace, "namespace")),
    eq(L.destinationServiceName, assertDns1123Label(service.name, "service name")),
  ];
}

/** Request selectors counted as errors: HTTP 5xx, or gRPC status ≠ OK (disjoint, so they can be added). */
export function errorMatcherSets(): Matcher[][] {
  return [
    [re(L.responseCode, HTTP_ERROR_CODES)],
    [eq(L.requestProtocol, "grpc"), re(L.grpcResponseStatus, GRPC_ERROR_STATUSES), nre(L.responseCode, HTTP_ERROR_CODES)],
  ];
}

const versionKnown = nre(L.destinationVersion, `${UNKNOWN}|`);
const versionUnknown = re(L.destinationVersion, `${UNKNOWN}|`);

/**
 * rate(metric{matchers}[w]) with {@link VERSION_LABEL} set: from
 * destination_version where known, else from destination_canonical_revision.
 * The two halves select disjoint series, so `or` is their union.
 */
export function versionedRate(metric: string, matchers: readonly Matcher[], rateWindow: number): string {
  const w = promDuration(rateWindow);
  const v = promString(VERSION_LABEL);
  const known = `label_replace(rate(${selector(metric, [...matchers, versionKnown])}[${w}]), ${v}, "$1", ${promString(L.destinationVersion)}, "(.*)")`;
  const unknown = `label_replace(rate(${selector(metric, [...matchers, versionUnknown])}[${w}]), ${v}, "$1", ${promString(L.destinationCanonicalRevision)}, "(.*)")`;
  return `${known} or ${unknown}`;
}

/** Requests per second per version. */
export function requestRateByVersion(o: ServiceQueryOptions): string {
  return `sum by (${VERSION_LABEL}) (${versionedRate(ISTIO_REQUESTS_TOTAL, serviceMatchers(o.service, o.reporter), o.rateWindow)})`;
}

/** Failed requests per second per version (only versions with errors have a series). */
export function errorCountRateByVersion(o: ServiceQueryOptions): string {
  const base = serviceMatchers(o.service, o.reporter);
  const parts = errorMatcherSets().map((extra) => versionedRate(ISTIO_REQUESTS_TOTAL, [...base, ...extra], o.rateWindow));
  return `sum by (${VERSION_LABEL}) (${parts.join(" or ")})`;
}

/**
 * Error ratio (0..1) per version: errors / requests. Versions with traffic but
 * no errors get 0 (not a missing series); no traffic in the window gives NaN.
 */
export function errorRateByVersion(o: ServiceQueryOptions): string {
  const total = requestRateByVersion(o);
  return `(${errorCountRateByVersion(o)} or (0 * ${total})) / ${total}`;
}

/** Bucket rates summed by (le, version): the input of histogram_quantile. */
function bucketsByVersion(o: ServiceQueryOptions): string {
  return `sum by (${L.le}, ${VERSION_LABEL}) (${versionedRate(ISTIO_REQUEST_DURATION_BUCKET, serviceMatchers(o.service, o.reporter), o.rateWindow)})`;
}

function checkQuantile(q: number): number {
  if (!(q > 0 && q < 1)) throw new Error(`quantile must be in (0, 1): ${q}`);
  return q;
}

/** Latency quantile in milliseconds per version. */
export function latencyQuantileByVersion(o: ServiceQueryOptions, quantile: number): string {
  return `histogram_quantile(${promNumber(checkQuantile(quantile))}, ${bucketsByVersion(o)})`;
}

/**
 * Several latency quantiles in one query, each series labelled
 * {@link QUANTILE_LABEL}="0.95" etc. (one round trip instead of three).
 */
export function latencyQuantilesByVersion(o: ServiceQueryOptions, quantiles: readonly number[] = DEFAULT_QUANTILES): string {
  if (quantiles.length === 0) throw new Error("at least one quantile");
  return quantiles
    .map((q) => `label_replace(${latencyQuantileByVersion(o, q)}, ${promString(QUANTILE_LABEL)}, ${promString(promNumber(q))}, "", "")`)
    .join(" or ");
}

export interface ShareDestination {
  /** Service name and namespace (a VirtualService destination host, resolved). */
  service: string;
  namespace: string;
}

export interface ShareOptions {
  destinations: readonly ShareDestination[];
  /** "service": share per destination Service; "version": per Service and version (subset). */
  by: "service" | "version";
  rateWindow: number;
  reporter?: Reporter;
}

/**
 * Observed share (0..1) of requests among a route's destinations:
 * per destination_service_namespace + destination_service_name, and with
 * by="version" also per {@link VERSION_LABEL}. The shares sum to 1.
 */
export function destinationShare(o: ShareOptions): string {
  if (o.destinations.length === 0) throw new Error("destinationShare needs at least one destination");
  const byNamespace = new Map<string, string[]>();
  for (const d of o.destinations) {
    const ns = assertDns1123Label(d.namespace, "namespace");
    const names = byNamespace.get(ns) ?? [];
    const name = assertDns1123Label(d.service, "service name");
    if (!names.includes(name)) names.push(name);
    byNamespace.set(ns, names);
  }
  const reporter = o.reporter ?? DEFAULT_REPORTER;
  const selectors = [...byNamespace].map(([ns, names]) => [
    eq(L.reporter, reporter),
    eq(L.destinationServiceNamespace, ns),
    oneOf(L.destinationServiceName, names),
  ]);
  const w = promDuration(o.rateWindow);
  const inner =
    o.by === "version"
      ? selectors.map((m) => versionedRate(ISTIO_REQUESTS_TOTAL, m, o.rateWindow)).join(" or ")
      : selectors.map((m) => `rate(${selector(ISTIO_REQUESTS_TOTAL, m)}[${w}])`).join(" or ");
  const groups = [L.destinationServiceNamespace, L.destinationServiceName, ...(o.by === "version" ? [VERSION_LABEL] : [])];
  return `sum by (${groups.join(", ")}) (${inner}) / scalar(sum(${inner}))`;
}
