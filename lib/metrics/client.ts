import "server-only";
import { parse as parseYaml } from "yaml";
import { AppError } from "@/lib/errors/app-error";
import type { ErrorCode } from "@/lib/errors/api-error";
import { parsePromDuration } from "./promql/window";
import {
  configYaml,
  responseBodySchema,
  toInstantVector,
  toRangeMatrix,
  type InstantSample,
  type PrometheusData,
  type RangeSeries,
} from "./prometheus-response";
import { abortable, SingleFlight } from "./single-flight";
import { recordSent, recordShared, type PrometheusRequestKind } from "./stats";

export const PROMETHEUS_URL_ENV = "MESHDECK_PROMETHEUS_URL";
/** Optional override of the scrape interval ("15s"); otherwise read from Prometheus' /api/v1/status/config. */
export const PROMETHEUS_SCRAPE_INTERVAL_ENV = "MESHDECK_PROMETHEUS_SCRAPE_INTERVAL";
export const DEFAULT_QUERY_TIMEOUT_MS = 10_000;
export const DEFAULT_CACHE_TTL_MS = 2_000;
/** Assumed when Prometheus does not expose its configuration (e.g. a Thanos or Mimir frontend). */
export const UNKNOWN_SCRAPE_INTERVAL_S = 15;
const SCRAPE_INTERVAL_TTL_MS = 10 * 60_000;

/** Whether Meshdeck has a Prometheus to ask; "NotConfigured" is a state to show, not an error. */
export type PrometheusAccess =
  | { state: "NotConfigured"; message: string }
  | { state: "Configured"; client: PrometheusClient };

export interface PrometheusClientOptions {
  /** Base URL, e.g. http://prometheus.istio-system:9090 (a path prefix is kept; user:password@ becomes basic auth). */
  url: string;
  timeoutMs?: number;
  /** TTL of cached results of identical queries; 0 disables (identical concurrent queries are still coalesced). */
  cacheTtlMs?: number;
  /** Fixed scrape interval in seconds instead of asking Prometheus. */
  scrapeInterval?: number;
  fetch?: typeof fetch;
}

export interface RangeParams {
  /** Unix seconds. */
  start: number;
  end: number;
  /** Seconds. */
  step: number;
}

/** A failed Prometheus request; `httpStatus` when Prometheus (or a proxy) answered. */
export class PrometheusRequestError extends AppError {
  readonly httpStatus: number | undefined;

  constructor(code: ErrorCode, message: string, httpStatus: number | undefined, cause?: unknown) {
    super({ code, message }, { cause });
    this.name = "PrometheusRequestError";
    this.httpStatus = httpStatus;
  }
}

function parseBaseUrl(raw: string): { base: URL; display: string; authorization?: string } {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError({ code: "Unavailable", message: `${PROMETHEUS_URL_ENV} is not a valid URL` });
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new AppError({ code: "Unavailable", message: `${PROMETHEUS_URL_ENV} must be an http(s) URL, not ${url.protocol}` });
  }
  let authorization: string | undefined;
  if (url.username || url.password) {
    const user = decodeURIComponent(url.username);
    const password = decodeURIComponent(url.password);
    authorization = `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
    url.username = "";
    url.password = "";
  }
  url.search = "";
  url.hash = "";
  if (!url.pathname.endsWith("/")) url.pathname += "/";
  // Never show credentials: the display form has none (they were moved to a header).
  const display = url.toString().replace(/\/$/, "");
  return { base: url, display, ...(authorization ? { authorization } : {}) };
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EPIPE", "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "CERT_HAS_EXPIRED", "DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE"]);

/** A short reason for a failed fetch: "connection refused (ECONNREFUSED)", "no answer within 10000 ms". */
export function networkReason(error: unknown, timeoutMs: number): string {
  for (let current: unknown = error, depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const { name, code, cause } = current as { name?: unknown; code?: unknown; cause?: unknown };
    if (name === "TimeoutError") return `no answer within ${timeoutMs} ms`;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code === "ECONNREFUSED" ? "connection refused (ECONNREFUSED)" : code;
    current = cause;
  }
  return "the request failed";
}

function codeForHttpStatus(status: number): ErrorCode {
  // 400 bad_data: Prometheus rejected the PromQL Meshdeck built, a bug on our side.
  if (status === 400) return "Internal";
  return "Unavailable";
}

export class PrometheusClient {
  /** The base URL without credentials, safe to show. */
  readonly displayUrl: string;
  private readonly base: URL;
  private readonly authorization: string | undefined;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private readonly fixedScrapeInterval: number | undefined;
  private readonly flights: SingleFlight<unknown>;
  private scrape: { value: number; expires: number } | undefined;

  constructor(options: PrometheusClientOptions) {
    const { base, display, authorization } = parseBaseUrl(options.url);
    this.base = base;
    this.displayUrl = display;
    this.authorization = authorization;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_QUERY_TIMEOUT_MS;
    this.fetchImpl = options.fetch ?? fetch;
    this.fixedScrapeInterval = options.scrapeInterval;
    this.flights = new SingleFlight<unknown>({ ttlMs: options.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS });
  }

  /** Instant query; without `time` Prometheus evaluates at its own "now" (which keeps identical queries cacheable). */
  async instant(query: string, options: { time?: number; signal?: AbortSignal } = {}): Promise<InstantSample[]> {
    const params: Record<string, string> = { query, ...(options.time !== undefined ? { time: String(options.time) } : {}) };
    const data = await this.query("instant", "api/v1/query", params, options.signal);
    return this.convert(data, toInstantVector);
  }

  async range(query: string, range: RangeParams, options: { signal?: AbortSignal } = {}): Promise<RangeSeries[]> {
    const params = { query, start: String(range.start), end: String(range.end), step: String(range.step) };
    const data = await this.query("range", "api/v1/query_range", params, options.signal);
    return this.convert(data, toRangeMatrix);
  }

  /**
   * Seconds between scrapes: the option, else the global scrape_interval of
   * Prometheus' configuration (cached 10 min), else {@link UNKNOWN_SCRAPE_INTERVAL_S}
   * when Prometheus does not expose it. Throws "Unavailable" when Prometheus is unreachable.
   */
  async scrapeInterval(options: { signal?: AbortSignal } = {}): Promise<number> {
    if (this.fixedScrapeInterval !== undefined) return this.fixedScrapeInterval;
    if (this.scrape && this.scrape.expires > Date.now()) return this.scrape.value;
    let value = UNKNOWN_SCRAPE_INTERVAL_S;
    try {
      const body = await this.shared("config", "api/v1/status/config", null, options.signal);
      value = scrapeIntervalFromConfig(configYaml(body)) ?? UNKNOWN_SCRAPE_INTERVAL_S;
    } catch (error) {
      // Unreachable or failing: the caller's queries would fail the same way.
      if (!(error instanceof PrometheusRequestError) || error.httpStatus === undefined || error.httpStatus >= 500) throw error;
      // Answered but no config endpoint (404 / 405 behind a query frontend): assume the default.
    }
    this.scrape = { value, expires: Date.now() + SCRAPE_INTERVAL_TTL_MS };
    return value;
  }

  /** Drops cached results (in-flight requests are still shared). */
  clearCache(): void {
    this.flights.clear();
  }

  private convert<T>(data: PrometheusData, fn: (d: PrometheusData) => T): T {
    try {
      return fn(data);
    } catch (error) {
      throw new PrometheusRequestError("Internal", `Prometheus at ${this.displayUrl}: ${(error as Error).message}`, 200, error);
    }
  }

  private async query(kind: PrometheusRequestKind, path: string, params: Record<string, string>, signal: AbortSignal | undefined): Promise<PrometheusData> {
    const body = await this.shared(kind, path, params, signal);
    const parsed = responseBodySchema.safeParse(body);
    if (!parsed.success) throw this.notPrometheus(200);
    if (parsed.data.status === "error") {
      throw new PrometheusRequestError("Internal", `Prometheus at ${this.displayUrl} rejected a query (${parsed.data.errorType}): ${parsed.data.error}`, 200);
    }
    return parsed.data.data;
  }

  /** One HTTP request per distinct (path, params) at a time, results reused for the TTL. */
  private shared(kind: PrometheusRequestKind, path: string, params: Record<string, string> | null, signal: AbortSignal | undefined): Promise<unknown> {
    const key = `${path}?${params ? new URLSearchParams(Object.entries(params).sort(([a], [b]) => a.localeCompare(b))).toString() : ""}`;
    const { promise, outcome } = this.flights.run(key, () => this.send(kind, path, params));
    if (outcome !== "sent") recordShared(outcome);
    return abortable(promise, signal);
  }

  private notPrometheus(status: number): PrometheusRequestError {
    return new PrometheusRequestError("Unavailable", `Prometheus is unavailable at ${this.displayUrl}: the answer is not Prometheus' HTTP API`, status);
  }

  /** The HTTP exchange; the body is JSON-parsed but checked by the caller. Never rejects with anything but PrometheusRequestError. */
  private async send(kind: PrometheusRequestKind, path: string, params: Record<string, string> | null): Promise<unknown> {
    const started = performance.now();
    let ok = false;
    try {
      const headers: Record<string, string> = { accept: "application/json" };
      if (this.authorization) headers.authorization = this.authorization;
      const init: RequestInit = { method: params ? "POST" : "GET", headers, signal: AbortSignal.timeout(this.timeoutMs) };
      if (params) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        init.body = new URLSearchParams(params).toString();
      }
      let response: Response;
      let text: string;
      try {
        response = await this.fetchImpl(new URL(path, this.base), init);
        text = await response.text();
      } catch (error) {
        throw new PrometheusRequestError("Unavailable", `Prometheus is unavailable at ${this.displayUrl}: ${networkReason(error, this.timeoutMs)}`, undefined, error);
      }
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        if (response.ok) throw this.notPrometheus(response.status);
        body = undefined;
      }
      if (!response.ok) {
        const detail = responseBodySchema.safeParse(body);
        const reason = detail.success && detail.data.status === "error" ? `${detail.data.errorType}: ${detail.data.error}` : `HTTP ${response.status}`;
        const code = codeForHttpStatus(response.status);
        const message =
          code === "Unavailable"
            ? `Prometheus is unavailable at ${this.displayUrl}: ${reason}`
            : `Prometheus at ${this.displayUrl} rejected a query (${reason})`;
        throw new PrometheusRequestError(code, message, response.status);
      }
      ok = true;
      return body;
    } catch (error) {
      if (error instanceof PrometheusRequestError) throw error;
      throw new PrometheusRequestError("Unavailable", `Prometheus is unavailable at ${this.displayUrl}: ${networkReason(error, this.timeoutMs)}`, undefined, error);
    } finally {
      recordSent(kind, performance.now() - started, ok);
    }
  }
}

/** global.scrape_interval of a Prometheus configuration (YAML), in seconds; Prometheus' own default is 1m. */
export function scrapeIntervalFromConfig(yamlText: string | null): number | null {
  if (yamlText === null) return null;
  let doc: unknown;
  try {
    doc = parseYaml(yamlText);
  } catch {
    return null;
  }
  if (typeof doc !== "object" || doc === null) return null;
  const global = (doc as { global?: unknown }).global;
  const raw = typeof global === "object" && global !== null ? (global as { scrape_interval?: unknown }).scrape_interval : undefined;
  if (raw === undefined) return 60;
  return typeof raw === "string" ? parsePromDuration(raw) : null;
}

const holder = globalThis as typeof globalThis & { __meshdeckPrometheusClients?: Map<string, PrometheusClient> };

type Env = Record<string, string | undefined>;

/**
 * The Prometheus named by MESHDECK_PROMETHEUS_URL (read on every call, one
 * client per URL per process), or "NotConfigured". Throws "Unavailable" for a
 * URL that is not http(s).
 */
export function getPrometheus(env: Env = process.env): PrometheusAccess {
  const url = env[PROMETHEUS_URL_ENV]?.trim();
  if (!url) return { state: "NotConfigured", message: `No Prometheus configured (set ${PROMETHEUS_URL_ENV})` };
  const scrapeOverride = env[PROMETHEUS_SCRAPE_INTERVAL_ENV]?.trim();
  const scrapeInterval = scrapeOverride ? (parsePromDuration(scrapeOverride) ?? undefined) : undefined;
  const key = `${url}\n${scrapeInterval ?? ""}`;
  holder.__meshdeckPrometheusClients ??= new Map();
  let client = holder.__meshdeckPrometheusClients.get(key);
  if (!client) {
    client = new PrometheusClient({ url, ...(scrapeInterval !== undefined ? { scrapeInterval } : {}) });
    holder.__meshdeckPrometheusClients.set(key, client);
  }
  return { state: "Configured", client };
}
