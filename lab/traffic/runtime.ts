/**
 * Wires the pieces together: store changes → debounced routing-table rebuild
 * → simulator; plus the status summary served on /status.
 */
import type { TrafficConfig } from "./config/schema";
import { renderMetrics, type Exposition } from "./metrics/exposition";
import { IstioMetrics } from "./metrics/registry";
import { ClusterStore } from "./model/store";
import type { KindName } from "./model/parse";
import { RoutingTable } from "./routing/table";
import { Simulator } from "./sim/simulator";

/** Quiet period after the last change before rebuilding… */
export const REBUILD_DEBOUNCE_MS = 100;
/** …but never wait longer than this under continuous churn. */
export const REBUILD_MAX_WAIT_MS = 500;

export interface RebuildInfo {
  readonly at: string;
  readonly compileMs: number;
  readonly count: number;
}

export class TrafficRuntime {
  readonly store: ClusterStore;
  readonly metrics = new IstioMetrics();
  readonly simulator: Simulator;
  private table: RoutingTable;
  private timer: NodeJS.Timeout | null = null;
  private firstPending = 0;
  private rebuilds = 0;
  private lastRebuild: RebuildInfo | null = null;
  private warnings = 0;

  constructor(
    config: TrafficConfig,
    private readonly log: (message: string) => void = () => {},
  ) {
    this.store = new ClusterStore((m) => {
      this.warnings++;
      log(m);
    });
    this.table = new RoutingTable(this.store.snapshot());
    this.simulator = new Simulator(this.table, config, this.metrics);
  }

  /** Starts following store changes (call after the initial sync to avoid rebuild storms). */
  followStore(): void {
    this.store.onChange((kind) => this.schedule(kind));
  }

  get routingTable(): RoutingTable {
    return this.table;
  }

  rebuildNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.firstPending = 0;
    this.table = new RoutingTable(this.store.snapshot());
    this.simulator.setTable(this.table);
    this.rebuilds++;
    this.lastRebuild = { at: new Date().toISOString(), compileMs: Math.round(this.table.stats.compileMs * 100) / 100, count: this.rebuilds };
  }

  setConfig(config: TrafficConfig): void {
    this.simulator.setConfig(config);
  }

  scrape(): Exposition {
    const s = this.simulator.stats();
    const extra = [
      "# HELP meshdeck_traffic_entry_requests_total Entry requests sent by the traffic simulator",
      "# TYPE meshdeck_traffic_entry_requests_total counter",
      `meshdeck_traffic_entry_requests_total ${s.entryRequests}`,
      "# HELP meshdeck_traffic_rebuilds_total Routing table rebuilds",
      "# TYPE meshdeck_traffic_rebuilds_total counter",
      `meshdeck_traffic_rebuilds_total ${this.rebuilds}`,
      "",
    ].join("\n");
    return renderMetrics(this.metrics, extra);
  }

  status(): Record<string, unknown> {
    const plan = this.simulator.currentPlan;
    const stats = this.simulator.stats();
    return {
      objects: this.store.counts(),
      invalidObjects: this.warnings,
      endpoints: this.table.stats.endpoints,
      flows: plan.flows.map((f) => ({
        name: f.config.name,
        source: f.config.gateway ?? f.config.from,
        host: f.config.host,
        port: f.config.port,
        rps: f.config.rps,
        sources: f.sources.length,
        problem: f.problem,
      })),
      calls: plan.config.calls.length,
      totalRps: plan.entryRps,
      observedEntryRps: Math.round(stats.observedRps * 100) / 100,
      entryRequests: stats.entryRequests,
      routedRequests: stats.routedRequests,
      recordedRequests: this.metrics.recorded,
      series: this.metrics.series.length,
      lastTickMs: Math.round(stats.lastTickMs * 100) / 100,
      lastRebuild: this.lastRebuild,
    };
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.simulator.stop();
  }

  private schedule(_kind: KindName): void {
    const now = Date.now();
    if (this.firstPending === 0) this.firstPending = now;
    if (this.timer) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(REBUILD_DEBOUNCE_MS, this.firstPending + REBUILD_MAX_WAIT_MS - now));
    this.timer = setTimeout(() => {
      try {
        this.rebuildNow();
      } catch (err) {
        this.log(`routing table rebuild failed: ${err instanceof Error ? err.stack : String(err)}`);
      }
    }, wait);
  }
}
