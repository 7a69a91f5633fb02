import "server-only";
import { createHash } from "node:crypto";
import http from "node:http";
import https from "node:https";
import type { KubeConfig } from "@kubernetes/client-node";

/**
 * A small HTTP transport to the API server built on node:https and
 * `KubeConfig.applyToHTTPSOptions`. client-node v2's generated clients go
 * through undici fetch with a plain header object (no repeated headers, so no
 * multi-group impersonation) and a new dispatcher per call; the watch cache
 * and identity checks need status codes, streaming and keep-alive instead.
 */

export type HeaderValue = string | readonly string[];

/** Whose credentials a request carried: Meshdeck's own, or the caller's (their token, or impersonation of them). */
export type CredentialsOwner = "meshdeck" | "caller";

export interface KubeRequest {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** API path, e.g. "/apis/apps/v1/deployments". */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  /** JSON-encoded when given. */
  body?: unknown;
  contentType?: string;
  signal?: AbortSignal;
  /** Buffered requests: whole request. Streams: until response headers. Default 30 s. */
  timeoutMs?: number;
}

export interface KubeResponse {
  status: number;
  body: string;
}

export interface KubeStream {
  status: number;
  response: http.IncomingMessage;
  /** Destroys the connection. Idempotent. */
  close(): void;
}

/**
 * A non-2xx answer. Shaped like client-node's ApiException (numeric `code`,
 * raw `body`) so `toAppError` in lib/k8s/map-error maps it.
 */
export class KubeHttpError extends Error {
  readonly code: number;
  readonly body: string;
  /** Status.reason from the body when present ("Expired", "Forbidden", …). */
  readonly reason: string | undefined;
  /** Whose credentials the API server answered: a 401 names them (lib/k8s/map-error). */
  readonly credentials: CredentialsOwner;

  constructor(code: number, body: string, what: string, credentials: CredentialsOwner = "meshdeck") {
    const status = parseStatus(body);
    super(`${what}: HTTP ${code}${status.message ? ` ${status.message}` : ""}`);
    this.name = "KubeHttpError";
    this.code = code;
    this.body = body;
    this.reason = status.reason;
    this.credentials = credentials;
  }
}

export function isKubeHttpError(error: unknown): error is KubeHttpError {
  return error instanceof KubeHttpError;
}

function parseStatus(body: string): { message?: string; reason?: string } {
  try {
    const value: unknown = JSON.parse(body);
    if (typeof value !== "object" || value === null) return {};
    const { message, reason } = value as { message?: unknown; reason?: unknown };
    return {
      message: typeof message === "string" ? message : undefined,
      reason: typeof reason === "string" ? reason : undefined,
    };
  } catch {
    return {};
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** Error bodies are Status objects; anything larger is cut. */
const MAX_ERROR_BODY = 64 * 1024;

interface Prepared {
  url: URL;
  options: https.RequestOptions;
  transport: typeof https | typeof http;
}

// One keep-alive agent per distinct (server, TLS material): users sharing the
// same TLS identity (all bearer-token users) share connections; HTTP auth is
// per request, client certificates are per connection and so part of the key.
const agentHolder = globalThis as typeof globalThis & { __meshdeckKubeAgents?: Map<string, http.Agent> };
const agents = (agentHolder.__meshdeckKubeAgents ??= new Map());

function digest(...parts: Array<string | Buffer | undefined>): string {
  const hash = createHash("sha256");
  for (const part of parts) {
    hash.update(part === undefined ? "\u0000-" : part);
    hash.update("\u0000");
  }
  return hash.digest("hex");
}

function asBuffer(value: unknown): Buffer | undefined {
  if (value === undefined || value === null) return undefined;
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === "string") return Buffer.from(value);
  return undefined;
}

function agentFor(server: string, tls: https.RequestOptions): http.Agent {
  const ca = asBuffer(tls.ca);
  const cert = asBuffer(tls.cert);
  const key = asBuffer(tls.key);
  const pfx = asBuffer(tls.pfx);
  const id = digest(server, ca, cert, key, pfx, String(tls.rejectUnauthorized), tls.servername ?? undefined);
  let agent = agents.get(id);
  if (!agent) {
    const common = { keepAlive: true, keepAliveMsecs: 30_000, maxFreeSockets: 16, scheduling: "lifo" as const };
    agent = server.startsWith("http:")
      ? new http.Agent(common)
      : new https.Agent({
          ...common,
          ca,
          cert,
          key,
          pfx,
          passphrase: tls.passphrase,
          rejectUnauthorized: tls.rejectUnauthorized,
          servername: tls.servername ?? undefined,
        });
    agents.set(id, agent);
  }
  return agent;
}

function flattenHeaders(headers: https.RequestOptions["headers"]): Record<string, HeaderValue> {
  const out: Record<string, HeaderValue> = {};
  if (!headers || Array.isArray(headers)) return out;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return out;
}

function abortError(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  return new DOMException("The operation was aborted", "AbortError");
}

/**
 * HTTP client for one identity on one cluster. `extraHeaders` are sent on every
 * request (impersonation); array values become repeated header lines.
 * `credentials` says whose identity the requests carry, for error messages.
 */
export class KubeHttp {
  readonly server: string;

  constructor(
    readonly kubeConfig: KubeConfig,
    private readonly extraHeaders: Readonly<Record<string, HeaderValue>> = {},
    readonly credentials: CredentialsOwner = "meshdeck",
  ) {
    const cluster = kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error("Kubernetes configuration has no current cluster");
    this.server = cluster.server.replace(/\/+$/, "");
  }

  private async prepare(request: KubeRequest): Promise<Prepared> {
    const opts: https.RequestOptions = {};
    // Runs authenticators (exec, OIDC refresh) on every call, so expiring credentials stay fresh.
    await this.kubeConfig.applyToHTTPSOptions(opts);
    const url = new URL(this.server + request.path);
    for (const [name, value] of Object.entries(request.query ?? {})) {
      if (value !== undefined) url.searchParams.set(name, String(value));
    }
    const cluster = this.kubeConfig.getCurrentCluster();
    // client-node builds proxy agents itself; otherwise use a shared keep-alive agent.
    const agent = cluster?.proxyUrl ? opts.agent : agentFor(this.server, opts);
    const headers: Record<string, HeaderValue> = {
      ...flattenHeaders(opts.headers),
      ...this.extraHeaders,
      Accept: "application/json",
      "User-Agent": "meshdeck",
    };
    if (request.body !== undefined) headers["Content-Type"] = request.contentType ?? "application/json";
    return {
      url,
      transport: url.protocol === "http:" ? http : https,
      options: {
        method: request.method ?? "GET",
        headers: headers as http.OutgoingHttpHeaders,
        agent: agent ?? undefined,
        auth: opts.auth,
      },
    };
  }

  private open(request: KubeRequest, prepared: Prepared, signal: AbortSignal): Promise<http.IncomingMessage> {
    return new Promise((resolve, reject) => {
      if (signal.aborted) {
        reject(abortError(signal));
        return;
      }
      const req = prepared.transport.request(prepared.url, prepared.options, resolve);
      const onAbort = () => req.destroy(abortError(signal));
      signal.addEventListener("abort", onAbort, { once: true });
      req.once("response", () => signal.removeEventListener("abort", onAbort));
      req.once("error", (error) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      });
      if (request.body !== undefined) req.write(JSON.stringify(request.body));
      req.end();
    });
  }

  /** A buffered request; any status is returned. */
  async request(request: KubeRequest): Promise<KubeResponse> {
    const timeout = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    const prepared = await this.prepare(request);
    const response = await this.open(request, prepared, signal);
    const onAbort = () => response.destroy(abortError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of response) chunks.push(chunk as Buffer);
      return { status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") };
    } catch (error) {
      throw signal.aborted ? abortError(signal) : error;
    } finally {
      signal.removeEventListener("abort", onAbort);
    }
  }

  /** A buffered JSON request; a non-2xx answer throws {@link KubeHttpError}. */
  async json<T>(request: KubeRequest): Promise<T> {
    const response = await this.request(request);
    if (response.status < 200 || response.status >= 300) {
      throw new KubeHttpError(response.status, response.body.slice(0, MAX_ERROR_BODY), `${request.method ?? "GET"} ${request.path}`, this.credentials);
    }
    return JSON.parse(response.body) as T;
  }

  /**
   * A streaming GET (watch). Resolves once a 2xx status arrived; a non-2xx
   * answer throws {@link KubeHttpError} with the (bounded) Status body.
   */
  async stream(request: KubeRequest): Promise<KubeStream> {
    const connect = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    const controller = new AbortController();
    const signal = request.signal ? AbortSignal.any([request.signal, controller.signal]) : controller.signal;
    const prepared = await this.prepare(request);
    const onConnectTimeout = () => controller.abort(connect.reason);
    connect.addEventListener("abort", onConnectTimeout, { once: true });
    let response: http.IncomingMessage;
    try {
      response = await this.open(request, prepared, signal);
    } finally {
      connect.removeEventListener("abort", onConnectTimeout);
    }
    const close = () => {
      if (!response.destroyed) response.destroy();
    };
    const onAbort = () => response.destroy(abortError(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    response.once("close", () => signal.removeEventListener("abort", onAbort));
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300) {
      const chunks: Buffer[] = [];
      let size = 0;
      try {
        for await (const chunk of response) {
          const buf = chunk as Buffer;
          size += buf.length;
          if (size <= MAX_ERROR_BODY) chunks.push(buf);
          else break;
        }
      } finally {
        close();
      }
      throw new KubeHttpError(status, Buffer.concat(chunks).toString("utf8"), `GET ${request.path}`, this.credentials);
    }
    return { status, response, close };
  }
}
