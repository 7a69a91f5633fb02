/**
 * Executes simulated requests: route → (mirror copies) → the answering pod
 * serves it (its own latency and errors, plus its downstream calls) → the
 * proxies on both ends record Istio metrics.
 *
 * Simplifications (documented behaviour of the lab):
 *  - requests complete instantly in simulation time; latency is a sampled value;
 *  - a pod's downstream calls run sequentially, so their latencies add up;
 *  - a failed call (5xx) only fails the caller when the call is `required`;
 *  - a route timeout turns a slower upstream answer into 504 UT at the caller;
 *    it counts from the router on, so an injected delay (the fault filter,
 *    before the router) adds to it rather than counting against it;
 *  - retries: each attempt is a request at the destination (its sidecar reports
 *    it), the caller's proxy reports one request with the last outcome;
 *  - the caller's proxy balances with the cluster's DestinationRule policy
 *    (outlier detection, consistent hash: see balancer.ts) in simulation time.
 */
import type { IstioMetrics } from "../metrics/registry";
import { shouldRetry, type AttemptOutcome } from "@/lib/istio/semantics/retry";
import type { RouteResult, Endpoint, Headers, ServiceRef } from "../routing/types";
import { Balancer } from "./balancer";
import type { TrafficPlan } from "./plan";
import { sampleLogNormal, type Rng } from "./random";

export interface RequestSpec {
  readonly source: Endpoint;
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly method: string;
  readonly headers: Headers;
  readonly requestBytes: number;
}

/** A TCP connection (`sni` null) or a TLS connection with that server name, through the caller's sidecar. */
export interface ConnectionSpec {
  readonly source: Endpoint;
  readonly host: string;
  readonly port: number;
  readonly sni: string | null;
  /** Bytes the client sends over the connection. */
  readonly requestBytes: number;
}

/** What the caller saw. */
export interface RequestOutcome {
  readonly code: number;
  readonly flags: string;
  readonly latencyMs: number;
  readonly route: RouteResult;
}

interface Served {
  code: number;
  latencyMs: number;
  responseBytes: number;
}

/** What the caller's proxy answers, and the upstream endpoint that answered last (null: a local reply). */
interface Answer extends Served {
  flags: string;
  peer: Endpoint | null;
}

/** Body size of Envoy's local replies ("no healthy upstream", fault aborts…). */
const LOCAL_REPLY_BYTES = 19;
const ERROR_BODY_BYTES = 64;
const TIMEOUT_BODY_BYTES = 24;
const EMPTY_HEADERS: Headers = Object.freeze({});
/** Envoy's retry back-off: 25 ms base interval, fully jittered exponential, at most 10 × base. */
const BACKOFF_BASE_MS = 25;
const BACKOFF_MAX_MS = 250;

function joinFlags(...flags: string[]): string {
  return flags.filter(Boolean).join(",") || "-";
}

/** The route timeout fired: 504 UT after the injected delay plus exactly the timeout. */
function timedOut(delayMs: number, timeoutMs: number, delayFlag: string, peer: Endpoint): Answer {
  return { code: 504, flags: joinFlags(delayFlag, "UT"), latencyMs: delayMs + timeoutMs, responseBytes: TIMEOUT_BODY_BYTES, peer };
}

/** Shared, monotonic counters (they outlive engines when the plan changes). */
export interface EngineCounters {
  /** Requests routed (entry, downstream and probe requests; not mirrors). */
  routed: number;
}

export class Engine {
  private readonly propagate: readonly string[];

  constructor(
    private readonly plan: TrafficPlan,
    private readonly metrics: IstioMetrics,
    private readonly rng: Rng,
    private readonly counters: EngineCounters = { routed: 0 },
    /** Load balancing and outlier state (shared by the engines of one simulator). */
    private readonly balancer: Balancer = new Balancer(),
  ) {
    this.propagate = plan.config.propagateHeaders;
  }

  send(spec: RequestSpec, depth = 0): RequestOutcome {
    this.counters.routed++;
    const route = this.balanced(this.plan.table.route(spec, this.rng), spec);
    for (const m of route.mirrors) this.serve(m.endpoint, spec, m.cluster.service, depth + 1);

    let answer: Answer;
    if (route.code !== 0 || !route.endpoint) {
      answer = { code: route.code, flags: route.flags, latencyMs: route.delayMs + 0.05 + this.rng() * 0.2, responseBytes: LOCAL_REPLY_BYTES, peer: route.endpoint };
    } else {
      answer = this.forwarded(route, route.endpoint, spec, depth);
    }
    const { code, flags, latencyMs, peer } = answer;

    const source = spec.source;
    if (source.proxy) {
      const mtls = peer !== null && peer.proxy;
      this.metrics.record({
        reporter: "source",
        source,
        destination: mtls ? peer : null,
        service: route.service,
        code,
        flags,
        security: "unknown",
        mtls,
        latencyMs,
        requestBytes: spec.requestBytes,
        responseBytes: answer.responseBytes,
      });
    }
    return { code, flags, latencyMs, route };
  }

  /** The route with the endpoint the caller's load balancer picks (503 UH when outlier detection ejected every endpoint). */
  private balanced(route: RouteResult, spec: RequestSpec): RouteResult {
    if (route.code !== 0 || !route.endpoint || !route.cluster) return route;
    const endpoint = this.balancer.pick(route.cluster, route.endpoint, spec);
    if (endpoint === route.endpoint) return route;
    if (endpoint) return { ...route, endpoint };
    return { ...route, code: 503, flags: route.delayMs > 0 ? "DI,UH" : "UH", endpoint: null };
  }

  /**
   * One TCP / TLS connection: routed by the VirtualService's `tcp` / `tls` rules
   * (port, sniHosts, weights), opened and closed within the tick; the client
   * sends `requestBytes`, the server answers its response size. Both sidecars
   * report istio_tcp_* (code 0: TCP has no status; flags NR / UH / NC when the
   * connection could not be forwarded).
   */
  connect(spec: ConnectionSpec): RequestOutcome {
    this.counters.routed++;
    const { source } = spec;
    const route = spec.sni === null ? this.plan.table.routeTcp(source, spec.host, spec.port, this.rng) : this.plan.table.routeTls(source, spec.host, spec.port, spec.sni, this.rng);
    const peer = route.code === 0 ? route.endpoint : null;
    const flags = peer ? "-" : route.flags;
    const sentBytes = peer ? peer.behaviour.responseBytes : 0;
    const receivedBytes = peer ? spec.requestBytes : 0;
    const latencyMs = peer ? sampleLogNormal(this.rng, peer.behaviour.latency) : 0.05 + this.rng() * 0.2;
    const mtls = peer !== null && peer.proxy && source.proxy;
    const sample = { service: route.service, flags, mtls, sentBytes, receivedBytes };
    if (source.proxy) this.metrics.tcp.record({ ...sample, reporter: "source", source, destination: mtls ? peer : null, security: "unknown" });
    if (peer?.proxy) this.metrics.tcp.record({ ...sample, reporter: "destination", source: mtls ? source : null, destination: peer, security: mtls ? "mutual_tls" : "none" });
    return { code: 0, flags, latencyMs, route };
  }

  /**
   * The caller's proxy forwards upstream: each attempt is served (and reported
   * by the destination's sidecar); a failed attempt is retried on another
   * endpoint of the cluster per the route's retry policy, after Envoy's
   * jittered backoff; the per-try timeout ends an attempt and the route timeout
   * ends the whole request. The route timeout is the router's: Envoy's fault
   * filter runs before the router, so an injected delay is not counted in it
   * (the caller waits for the delay plus up to the timeout).
   */
  private forwarded(route: RouteResult, first: Endpoint, spec: RequestSpec, depth: number): Answer {
    const { retry, timeoutMs } = route;
    const delayFlag = route.delayMs > 0 ? "DI" : "";
    let peer = first;
    /** Time since the router took the request (after any injected delay). */
    let elapsed = 0;
    const expired = () => timeoutMs > 0 && elapsed > timeoutMs;
    for (let attempt = 0; ; attempt++) {
      const served = this.serve(peer, spec, route.service, depth);
      if (route.cluster) this.balancer.observe(route.cluster, peer, served.code);
      // The client proxy sees the upstream's time plus a little network / proxy overhead.
      let attemptMs = served.latencyMs + 0.2 + this.rng() * 0.6;
      let outcome: AttemptOutcome = { kind: "response", code: served.code };
      if (retry.perTryTimeoutMs > 0 && attemptMs > retry.perTryTimeoutMs) {
        attemptMs = retry.perTryTimeoutMs;
        outcome = { kind: "per-try-timeout" };
      }
      elapsed += attemptMs;
      if (expired()) return timedOut(route.delayMs, timeoutMs, delayFlag, peer);
      const timedOutTry = outcome.kind === "per-try-timeout";
      const retriable = shouldRetry(retry, outcome);
      if (!retriable || attempt >= retry.retries) {
        // URX: a retriable answer when no retry is left (Envoy's UpstreamRetryLimitExceeded).
        const flags = joinFlags(delayFlag, timedOutTry ? "UT" : "", retriable && retry.retries > 0 ? "URX" : "");
        const latencyMs = route.delayMs + elapsed;
        return timedOutTry
          ? { code: 504, flags, latencyMs, responseBytes: TIMEOUT_BODY_BYTES, peer }
          : { code: served.code, flags, latencyMs, responseBytes: served.responseBytes, peer };
      }
      elapsed += this.rng() * Math.min(BACKOFF_BASE_MS * (2 ** (attempt + 1) - 1), BACKOFF_MAX_MS);
      if (expired()) return timedOut(route.delayMs, timeoutMs, delayFlag, peer);
      peer = (route.cluster && this.balancer.retryTarget(route.cluster)) || peer;
    }
  }

  /** The pod handles a request: its calls, its own time and errors; its sidecar reports it. */
  private serve(endpoint: Endpoint, spec: RequestSpec, service: ServiceRef | null, depth: number): Served {
    const behaviour = endpoint.behaviour;
    let latencyMs = sampleLogNormal(this.rng, behaviour.latency);
    let code = 200;
    if (depth < this.plan.config.maxDepth && endpoint.pod) {
      const calls = this.plan.callsFor(endpoint);
      if (calls.length > 0) {
        const headers = this.propagated(spec.headers);
        for (const call of calls) {
          const c = call.config;
          if (c.probability < 1 && this.rng() >= c.probability) continue;
          const out = this.send(
            {
              source: endpoint,
              host: call.host,
              port: c.to.port,
              path: c.to.path,
              method: c.to.method,
              headers: Object.keys(c.to.headers).length === 0 ? headers : { ...headers, ...c.to.headers },
              requestBytes: call.requestBytes,
            },
            depth + 1,
          );
          latencyMs += out.latencyMs;
          if (c.required && out.code >= 500) code = 500;
        }
      }
    }
    if (code === 200 && behaviour.errorRate > 0 && this.rng() < behaviour.errorRate) code = behaviour.errorCode;
    const responseBytes = code < 400 ? behaviour.responseBytes : ERROR_BODY_BYTES;

    if (endpoint.proxy) {
      const mtls = spec.source.proxy;
      this.metrics.record({
        reporter: "destination",
        source: mtls ? spec.source : null,
        destination: endpoint,
        service,
        code,
        flags: "-",
        security: mtls ? "mutual_tls" : "none",
        mtls,
        latencyMs,
        requestBytes: spec.requestBytes,
        responseBytes,
      });
    }
    return { code, latencyMs, responseBytes };
  }

  private propagated(incoming: Headers): Headers {
    let out: Record<string, string> | null = null;
    for (const name of this.propagate) {
      const v = incoming[name];
      if (v !== undefined) (out ??= {})[name] = v;
    }
    return out ?? EMPTY_HEADERS;
  }
}
