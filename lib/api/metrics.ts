import { z } from "zod";
import { apiErrorSchema } from "@/lib/errors/api-error";
import { namespaceNameSchema } from "./virtual-services";

/** Time windows the metrics views offer. */
export const METRICS_WINDOWS = ["1m", "5m", "15m", "30m", "1h", "3h", "6h", "12h", "24h"] as const;
export const metricsWindowSchema = z.enum(METRICS_WINDOWS);
export type MetricsWindow = z.infer<typeof metricsWindowSchema>;
export const DEFAULT_METRICS_WINDOW: MetricsWindow = "5m";

/** Which proxy's report to read: the destination sidecar (default) or the caller's proxy. */
export const reporterSchema = z.enum(["destination", "source"]);
export type Reporter = z.infer<typeof reporterSchema>;

/**
 * `auto` reads reporter="destination" and falls back to reporter="source" when
 * the service has no destination-reported traffic in the window (no sidecar).
 */
export const reporterChoiceSchema = z.enum(["auto", "destination", "source"]);
export type ReporterChoice = z.infer<typeof reporterChoiceSchema>;

/** DNS-1123 label: the shape of Service and namespace names. */
export const serviceNameSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a valid service name (DNS-1123 label)");

export const serviceMetricsParamsSchema = z.strictObject({
  namespace: namespaceNameSchema,
  name: serviceNameSchema,
});
export type ServiceMetricsParams = z.infer<typeof serviceMetricsParamsSchema>;

export const serviceMetricsQuerySchema = z.strictObject({
  window: metricsWindowSchema.default(DEFAULT_METRICS_WINDOW),
  reporter: reporterChoiceSchema.default("auto"),
});
export type ServiceMetricsQuery = z.infer<typeof serviceMetricsQuerySchema>;

/**
 * A sample value. JSON has no NaN or infinities: `null` is Prometheus' NaN
 * (no data, e.g. a quantile or ratio over zero requests); "+Inf" / "-Inf" are
 * kept as strings (a quantile above the highest finite histogram bucket).
 */
export const sampleValueSchema = z.union([z.number(), z.null(), z.literal("+Inf"), z.literal("-Inf")]);
export type SampleValue = z.infer<typeof sampleValueSchema>;

/** `[unix seconds, value]`. */
export const pointSchema = z.tuple([z.number(), sampleValueSchema]);
export type Point = z.infer<typeof pointSchema>;

export const seriesSchema = z.array(pointSchema);
export type Series = z.infer<typeof seriesSchema>;

/** A finite number for charts, or null for NaN / ±Inf. */
export function finiteOrNull(value: SampleValue | undefined): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Encodes a JS number (possibly NaN / ±Infinity) as a {@link SampleValue}. */
export function toSampleValue(value: number): SampleValue {
  if (Number.isNaN(value)) return null;
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return value;
}

export const versionTrafficSchema = z.object({
  /** destination_version, or destination_canonical_revision when the version is "unknown". */
  version: z.string(),
  /** Requests per second. */
  requestRate: seriesSchema,
  /** Share of requests that failed (0..1): HTTP 5xx, or a gRPC status other than OK. */
  errorRate: seriesSchema,
  current: z.object({
    requestRate: sampleValueSchema,
    errorRate: sampleValueSchema,
    /** Observed share of the service's requests (0..1) going to this version now. */
    share: sampleValueSchema,
  }),
});
export type VersionTraffic = z.infer<typeof versionTrafficSchema>;

export const requestsPanelSchema = z.object({
  versions: z.array(versionTrafficSchema),
  total: z.object({ requestRate: sampleValueSchema, errorRate: sampleValueSchema }),
});
export type RequestsPanel = z.infer<typeof requestsPanelSchema>;

export const versionLatencySchema = z.object({
  version: z.string(),
  /** Milliseconds. */
  p50: seriesSchema,
  p95: seriesSchema,
  p99: seriesSchema,
  current: z.object({ p50: sampleValueSchema, p95: sampleValueSchema, p99: sampleValueSchema }),
});
export type VersionLatency = z.infer<typeof versionLatencySchema>;

export const latencyPanelSchema = z.object({ versions: z.array(versionLatencySchema) });
export type LatencyPanel = z.infer<typeof latencyPanelSchema>;

export const podUsageSchema = z.object({
  pod: z.string(),
  version: z.string(),
  /** CPU in cores (0.25 = 250m). */
  cpuCores: z.number(),
  memoryBytes: z.number(),
  /** When metrics-server sampled it (RFC 3339) and over how many seconds. */
  timestamp: z.string().nullable(),
  windowSeconds: z.number().nullable(),
});
export type PodUsage = z.infer<typeof podUsageSchema>;

export const podMetricsSchema = z.discriminatedUnion("available", [
  z.object({
    available: z.literal(true),
    pods: z.array(podUsageSchema),
    versions: z.array(z.object({ version: z.string(), pods: z.number().int(), cpuCores: z.number(), memoryBytes: z.number() })),
  }),
  z.object({ available: z.literal(false), reason: z.string() }),
]);
export type PodMetrics = z.infer<typeof podMetricsSchema>;

/**
 * One panel of a metrics view. The route answers 200 as long as its
 * parameters are valid; a failing source (Prometheus down, metrics API
 * forbidden) turns only its own panels into `error`, so the UI degrades a
 * panel, not the page. `NotConfigured`: no Prometheus URL was given — say so,
 * it is not an error.
 */
export function panelSchema<T extends z.ZodType>(data: T) {
  return z.discriminatedUnion("status", [
    z.object({ status: z.literal("ok"), data }),
    z.object({ status: z.literal("error"), error: apiErrorSchema }),
    z.object({ status: z.literal("NotConfigured"), message: z.string() }),
  ]);
}
export type Panel<T> = { status: "ok"; data: T } | { status: "error"; error: z.infer<typeof apiErrorSchema> } | { status: "NotConfigured"; message: string };

export const metricsMetaSchema = z.object({
  window: metricsWindowSchema,
  windowSeconds: z.number().int().positive(),
  /** Range of the series, unix seconds, both multiples of `step`. */
  start: z.number(),
  end: z.number(),
  /** Range-query resolution, seconds. */
  step: z.number().int().positive(),
  /** The `[…]` of rate(), seconds. */
  rateWindow: z.number().int().positive(),
  scrapeInterval: z.number().positive(),
  /** How far behind reality a value can be: scrape interval + rate window. */
  lagSeconds: z.number().nonnegative(),
  reporter: reporterSchema,
  source: z.literal("prometheus"),
});
export type MetricsMeta = z.infer<typeof metricsMetaSchema>;

export const serviceMetricsSchema = z.object({
  service: z.object({ namespace: z.string(), name: z.string() }),
  meta: metricsMetaSchema,
  requests: panelSchema(requestsPanelSchema),
  latency: panelSchema(latencyPanelSchema),
  pods: panelSchema(podMetricsSchema),
});
export type ServiceMetrics = z.infer<typeof serviceMetricsSchema>;
