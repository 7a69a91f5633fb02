/**
 * The caller proxy's load balancer over a cluster's endpoints, with the
 * cluster's DestinationRule policy (lib/istio/semantics/traffic-policy):
 *  - outlier detection: consecutive 5xx / gateway errors eject an endpoint
 *    (within maxEjectionPercent, at least one) for baseEjectionTime × the times
 *    it was ejected; it returns at the first detection interval after that
 *    (Envoy unejects on its interval timer); ejected endpoints get no requests;
 *  - consistentHash: the same hash key (header, cookie, query parameter,
 *    source IP) reaches the same available endpoint;
 *  - otherwise round robin over the available endpoints.
 * The state is per cluster and endpoint and outlives routing tables (a config
 * change does not forgive an ejected pod); times are simulation time.
 */
import {
  consistentHashKey,
  ejectionBypassed,
  ejectionDurationMs,
  isGatewayError,
  mayEject,
  outlierSettings,
  pickByHash,
  type OutlierSettings,
} from "@/lib/istio/semantics/traffic-policy";
import { nextEndpoint } from "../routing/rules";
import type { Cluster, Endpoint, Headers } from "../routing/types";

/** Simulation time in ms, advanced by the simulator (requests of a tick are spread over it). */
export interface SimClock {
  nowMs: number;
}

interface HostState {
  consecutive5xx: number;
  consecutiveGateway: number;
  timesEjected: number;
  /** Ejected until this time (ms); 0 when not ejected. */
  ejectedUntil: number;
}

/** Bound on the remembered endpoints (pods come and go; state of old ones is dropped). */
const MAX_HOSTS = 50_000;

export interface BalanceRequest {
  readonly source: Endpoint;
  readonly path: string;
  readonly headers: Headers;
}

export class Balancer {
  private readonly hosts = new Map<string, HostState>();

  constructor(readonly clock: SimClock = { nowMs: 0 }) {}

  /**
   * The endpoint for a new request to `cluster`, given the one the router's
   * round robin chose (kept when the policy changes nothing); null: every
   * endpoint is ejected (503 UH).
   */
  pick(cluster: Cluster, routed: Endpoint, request: BalanceRequest): Endpoint | null {
    const available = this.available(cluster);
    if (available.length === 0) return null;
    const key = consistentHashKey(cluster.policy, { headers: request.headers, path: request.path, sourceIp: request.source.pod?.ip || request.source.name });
    if (key !== null) return pickByHash(key, available, (e) => `${e.namespace}/${e.name}`) ?? null;
    return available.includes(routed) ? routed : this.roundRobin(cluster, available);
  }

  /** The endpoint for a retry: another available one, round robin. */
  retryTarget(cluster: Cluster): Endpoint | null {
    const available = this.available(cluster);
    return available.length === 0 ? null : this.roundRobin(cluster, available);
  }

  /** An answer of `endpoint` (as the caller's proxy saw it): counts toward outlier detection. */
  observe(cluster: Cluster, endpoint: Endpoint, status: number): void {
    const settings = outlierSettings(cluster.policy);
    if (!settings) return;
    const state = this.state(cluster, endpoint);
    if (status < 500) {
      state.consecutive5xx = 0;
      state.consecutiveGateway = 0;
      return;
    }
    state.consecutiveGateway = isGatewayError(status) ? state.consecutiveGateway + 1 : 0;
    state.consecutive5xx++;
    const trips =
      (settings.consecutive5xxErrors > 0 && state.consecutive5xx >= settings.consecutive5xxErrors) ||
      (settings.consecutiveGatewayErrors > 0 && state.consecutiveGateway >= settings.consecutiveGatewayErrors);
    if (trips && state.ejectedUntil === 0) this.eject(cluster, state, settings);
  }

  /** Whether `endpoint` is ejected from `cluster` now (for tests and /status). */
  isEjected(cluster: Cluster, endpoint: Endpoint): boolean {
    return !this.available(cluster).includes(endpoint);
  }

  private eject(cluster: Cluster, state: HostState, settings: OutlierSettings): void {
    const ejected = cluster.endpoints.filter((e) => this.isOut(cluster, e)).length;
    if (!mayEject(settings, ejected, cluster.endpoints.length)) return;
    state.timesEjected++;
    const duration = ejectionDurationMs(settings, state.timesEjected);
    const interval = Math.max(1, settings.intervalMs);
    state.ejectedUntil = this.clock.nowMs + Math.ceil(duration / interval) * interval;
    state.consecutive5xx = 0;
    state.consecutiveGateway = 0;
  }

  private available(cluster: Cluster): readonly Endpoint[] {
    const settings = outlierSettings(cluster.policy);
    if (!settings) return cluster.endpoints;
    const healthy = cluster.endpoints.filter((e) => !this.isOut(cluster, e));
    return ejectionBypassed(settings, healthy.length, cluster.endpoints.length) ? cluster.endpoints : healthy;
  }

  private isOut(cluster: Cluster, endpoint: Endpoint): boolean {
    const state = this.hosts.get(hostKey(cluster, endpoint));
    if (!state || state.ejectedUntil === 0) return false;
    if (this.clock.nowMs < state.ejectedUntil) return true;
    state.ejectedUntil = 0;
    return false;
  }

  private roundRobin(cluster: Cluster, available: readonly Endpoint[]): Endpoint | null {
    if (available.length === cluster.endpoints.length) return nextEndpoint(cluster);
    for (let i = 0; i < cluster.endpoints.length; i++) {
      const e = nextEndpoint(cluster);
      if (e && available.includes(e)) return e;
    }
    return null;
  }

  private state(cluster: Cluster, endpoint: Endpoint): HostState {
    const key = hostKey(cluster, endpoint);
    let state = this.hosts.get(key);
    if (!state) {
      if (this.hosts.size >= MAX_HOSTS) this.hosts.clear();
      state = { consecutive5xx: 0, consecutiveGateway: 0, timesEjected: 0, ejectedUntil: 0 };
      this.hosts.set(key, state);
    }
    return state;
  }
}

function hostKey(cluster: Cluster, endpoint: Endpoint): string {
  return `${cluster.key}|${endpoint.namespace}/${endpoint.name}`;
}
