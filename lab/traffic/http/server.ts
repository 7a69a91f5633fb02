/**
 * HTTP endpoints of the simulator:
 *   GET  /metrics  Prometheus text exposition of the Istio metrics
 *   GET  /healthz  200 once the first sync is done, else 503
 *   GET  /status   JSON summary
 *   GET  /probe    N simulated requests, summarised (see probe-types.ts)
 *   POST /config   replace the traffic model (YAML or JSON body)
 */
import http from "node:http";
import { parseTrafficConfig } from "../config/load";
import { CONTENT_TYPE } from "../metrics/exposition";
import { DEFAULT_PROBE_GATEWAY, MAX_PROBE_REQUESTS, PROBE_PROTOCOLS, type ProbeProtocol, type ProbeQuery } from "../probe-types";
import type { TrafficRuntime } from "../runtime";
import { ProbeError, runProbe } from "../sim/probe";

const MAX_BODY_BYTES = 4 << 20;

export interface ServerState {
  readonly runtime: TrafficRuntime;
  readonly ready: () => boolean;
  readonly extraStatus: () => Record<string, unknown>;
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, null, 2);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "content-length": Buffer.byteLength(body) });
  res.end(body);
}

class BadRequest extends Error {}

function intParam(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = params.get(name);
  if (raw === null || raw === "") return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new BadRequest(`${name} must be an integer in [${min}, ${max}]`);
  return v;
}

/** `header=k:v` (also `k=v`), repeatable. */
function headerParams(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of values) {
    const i = h.search(/[:=]/);
    if (i <= 0) throw new BadRequest(`header must be name:value, got ${JSON.stringify(h)}`);
    out[h.slice(0, i).trim().toLowerCase()] = h.slice(i + 1).trim();
  }
  return out;
}

function protocolParam(params: URLSearchParams): ProbeProtocol {
  const raw = params.get("protocol") ?? "http";
  const protocol = PROBE_PROTOCOLS.find((p) => p === raw);
  if (!protocol) throw new BadRequest(`protocol must be one of ${PROBE_PROTOCOLS.join(", ")}`);
  return protocol;
}

export function parseProbeQuery(params: URLSearchParams): ProbeQuery {
  const host = params.get("host");
  if (!host) throw new BadRequest("host is required");
  const from = params.get("from") ?? undefined;
  const protocol = protocolParam(params);
  const sni = params.get("sni") ?? undefined;
  if (sni !== undefined && protocol !== "tls") throw new BadRequest("sni applies to protocol=tls only");
  return {
    protocol,
    ...(sni !== undefined ? { sni } : {}),
    host,
    port: intParam(params, "port", 80, 1, 65535),
    path: params.get("path") ?? "/",
    method: (params.get("method") ?? "GET").toUpperCase(),
    headers: headerParams(params.getAll("header")),
    n: intParam(params, "n", 100, 1, MAX_PROBE_REQUESTS),
    ...(from !== undefined ? { from } : { gateway: params.get("gateway") ?? DEFAULT_PROBE_GATEWAY }),
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BadRequest("body too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function serveMetrics(state: ServerState, res: http.ServerResponse): void {
  const exposition = state.runtime.scrape();
  res.writeHead(200, { "content-type": CONTENT_TYPE, "content-length": exposition.bytes });
  for (const chunk of exposition.chunks) res.write(chunk);
  // The chunks go back to the pool only once the socket no longer needs them.
  res.on("close", () => {
    if (res.writableFinished) exposition.release();
  });
  res.end();
}

async function handle(state: ServerState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  const route = `${req.method ?? "GET"} ${url.pathname}`;
  switch (route) {
    case "GET /metrics":
      return serveMetrics(state, res);
    case "GET /healthz":
      return text(res, state.ready() ? 200 : 503, state.ready() ? "ok\n" : "syncing\n");
    case "GET /status":
      return json(res, 200, { ready: state.ready(), ...state.extraStatus(), ...state.runtime.status() });
    case "GET /probe":
      if (!state.ready()) return json(res, 503, { error: "not synced yet" });
      return json(res, 200, runProbe(state.runtime.simulator, parseProbeQuery(url.searchParams)));
    case "POST /config": {
      const parsed = parseTrafficConfig(await readBody(req));
      if (!parsed.ok) return json(res, 400, { error: parsed.error });
      state.runtime.setConfig(parsed.config);
      return json(res, 200, { ok: true, flows: parsed.config.flows.length, calls: parsed.config.calls.length });
    }
    default:
      return text(res, 404, "not found\n");
  }
}

export function createServer(state: ServerState, log: (m: string) => void): http.Server {
  return http.createServer((req, res) => {
    handle(state, req, res).catch((err: unknown) => {
      if (err instanceof BadRequest || err instanceof ProbeError) return json(res, 400, { error: err.message });
      log(`${req.method} ${req.url} failed: ${err instanceof Error ? err.stack : String(err)}`);
      if (!res.headersSent) json(res, 500, { error: "internal error" });
      else res.destroy();
    });
  });
}
