/**
 * Executes simulated requests: route → (mirror copies) → the answering pod
 * serves it (its own latency and errors, plus its downstream calls) → the
 * proxies on both ends record Istio metrics.
 *
 * Simplifications (documented behaviour of the lab):
 *  - requests complete instantly in simulation time; latency is a sampled value;
 *  - a pod's downstream calls run sequentially, so their latencies add up;
 *  - a failed call (5xx) only fails the caller when the call is `required`;
 *  - a route timeout turns a slower answer into 504 UT at the caller.
 */
import type { IstioMetrics } from "../metrics/registry";
import type { RouteResult, Endpoint, Headers, ServiceRef } from "../routing/types";
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

/** Body size of Envoy's local replies ("no healthy upstream", fault aborts…). */
const LOCAL_REPLY_BYTES = 19;
const ERROR_BODY_BYTES = 64;
const EMPTY_HEADERS: Headers = Object.freeze({});

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
  ) {
    this.propagate = plan.config.propagateHeaders;
  }

  send(spec: RequestSpec, depth = 0): RequestOutcome {
    this.counters.routed++;
    const route = this.plan.table.route(spec, this.rng);
    for (const m of route.mirrors) this.serve(m.endpoint, spec, m.cluster.service, depth + 1);

    let code: number;
    let flags = route.flags;
    let latencyMs: number;
    let responseBytes: number;
    const peer = route.endpoint;
    if (route.code !== 0 || !peer) {
      code = route.code;
      latencyMs = route.delayMs + 0.05 + this.rng() * 0.2;
      responseBytes = LOCAL_REPLY_BYTES;
    } else {
      const served = this.serve(peer, spec, route.service, depth);
      code = served.code;
      responseBytes = served.responseBytes;
      // The client proxy sees the upstream's time plus the injected delay and a little network / proxy overhead.
      latencyMs = served.latencyMs + route.delayMs + 0.2 + this.rng() * 0.6;
      if (route.timeoutMs > 0 && latencyMs > route.timeoutMs) {
        code = 504;
        flags = route.delayMs > 0 ? "DI,UT" : "UT";
        latencyMs = route.timeoutMs;
        responseBytes = 24;
      }
    }

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
        responseBytes,
      });
    }
    return { code, flags, latencyMs, route };
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
