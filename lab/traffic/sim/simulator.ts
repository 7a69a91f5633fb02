/**
 * The tick loop: every tick each flow sends a Poisson-distributed number of
 * requests (mean rps × elapsed time), each routed individually through the
 * current routing table. The table and the traffic model can be swapped at
 * any time; the next tick uses the new ones.
 */
import type { TrafficConfig } from "../config/schema";
import type { IstioMetrics } from "../metrics/registry";
import type { RoutingTable } from "../routing/table";
import { Balancer } from "./balancer";
import { Engine, type EngineCounters, type RequestOutcome } from "./engine";
import { TrafficPlan, type FlowPlan } from "./plan";
import { createRng, poisson, type Rng } from "./random";

/** Longest gap a tick catches up on (after a stall, don't send a burst). */
const MAX_CATCH_UP_S = 2;

export interface SimulatorStats {
  readonly ticks: number;
  readonly entryRequests: number;
  readonly configuredRps: number;
  /** Entry requests per second over the recent past. */
  readonly observedRps: number;
  readonly lastTickMs: number;
  /** Requests routed so far (entry and downstream). */
  readonly routedRequests: number;
}

export class Simulator {
  private plan: TrafficPlan;
  private engine: Engine;
  private readonly rng: Rng;
  private timer: NodeJS.Timeout | null = null;
  private last = 0;
  private ticks = 0;
  private entryRequests = 0;
  private observedRps = 0;
  private lastTickMs = 0;
  private readonly counters: EngineCounters = { routed: 0 };
  /** Simulation time: advanced by advance(), the only clock outlier ejections run on. */
  private readonly balancer = new Balancer({ nowMs: 0 });

  constructor(
    table: RoutingTable,
    private config: TrafficConfig,
    private readonly metrics: IstioMetrics,
  ) {
    this.rng = createRng(config.seed ?? Date.now() & 0x7fffffff);
    this.plan = new TrafficPlan(table, config);
    this.engine = new Engine(this.plan, metrics, this.rng, this.counters, this.balancer);
  }

  get currentPlan(): TrafficPlan {
    return this.plan;
  }

  get currentConfig(): TrafficConfig {
    return this.config;
  }

  setTable(table: RoutingTable): void {
    this.replan(table, this.config);
  }

  setConfig(config: TrafficConfig): void {
    const restart = this.timer !== null && config.tickMs !== this.config.tickMs;
    this.config = config;
    this.replan(this.plan.table, config);
    if (restart) {
      this.stop();
      this.start();
    }
  }

  start(): void {
    if (this.timer) return;
    this.last = performance.now();
    this.timer = setInterval(() => this.tick(), this.config.tickMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Sends one request of a flow now (also used by benchmarks). */
  sendFlowRequest(flow: FlowPlan): RequestOutcome | null {
    const source = flow.sources[flow.next % flow.sources.length];
    if (!source) return null;
    flow.next = (flow.next + 1) % flow.sources.length;
    let headers = flow.baseHeaders;
    if (flow.variants.length > 0) {
      const r = this.rng();
      for (const v of flow.variants) {
        if (r < v.until) {
          headers = v.headers;
          break;
        }
      }
    }
    const c = flow.config;
    if (c.protocol !== "http") {
      const sni = c.protocol === "tls" ? (c.sni ?? c.host).toLowerCase() : null;
      return this.engine.connect({ source, host: flow.hostFor(source), port: flow.port, sni, requestBytes: flow.requestBytes });
    }
    return this.engine.send({
      source,
      host: flow.hostFor(source),
      port: flow.port,
      path: c.path,
      method: c.method,
      headers,
      requestBytes: flow.requestBytes,
    });
  }

  /** Advances the simulation by `seconds` (the timer calls this with the elapsed wall time). */
  advance(seconds: number): number {
    let sent = 0;
    const clock = this.balancer.clock;
    const start = clock.nowMs;
    const spanMs = seconds * 1000;
    for (const flow of this.plan.flows) {
      if (flow.problem) continue;
      const n = poisson(this.rng, flow.config.rps * seconds);
      for (let i = 0; i < n; i++) {
        // A flow's requests are spread over the tick in simulation time.
        clock.nowMs = start + (spanMs * i) / n;
        if (this.sendFlowRequest(flow)) sent++;
      }
    }
    clock.nowMs = start + spanMs;
    this.entryRequests += sent;
    return sent;
  }

  /** Simulation time in ms (probes run at this instant). */
  get nowMs(): number {
    return this.balancer.clock.nowMs;
  }

  /** Runs an ad-hoc request through the current engine (probes). */
  get currentEngine(): Engine {
    return this.engine;
  }

  stats(): SimulatorStats {
    return {
      ticks: this.ticks,
      entryRequests: this.entryRequests,
      configuredRps: this.plan.entryRps,
      observedRps: this.observedRps,
      lastTickMs: this.lastTickMs,
      routedRequests: this.counters.routed,
    };
  }

  private tick(): void {
    const now = performance.now();
    const elapsed = Math.min(MAX_CATCH_UP_S, (now - this.last) / 1000);
    this.last = now;
    const sent = this.advance(elapsed);
    this.ticks++;
    this.lastTickMs = performance.now() - now;
    const alpha = Math.min(1, elapsed / 10);
    this.observedRps += alpha * (sent / Math.max(elapsed, 1e-3) - this.observedRps);
  }

  private replan(table: RoutingTable, config: TrafficConfig): void {
    this.plan = new TrafficPlan(table, config);
    this.engine = new Engine(this.plan, this.metrics, this.rng, this.counters, this.balancer);
  }
}
