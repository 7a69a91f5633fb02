import "server-only";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import { cacheStats } from "@/lib/k8s/cache/stats";
import { confirmationStats } from "@/lib/k8s/rollouts/confirm-stats";
import { hubStats } from "@/lib/live/runtime";
import { graphSnapshotStats } from "@/lib/mesh/graph-snapshot";
import { prometheusStats } from "@/lib/metrics/stats";
import { liveTopicMetrics } from "./live-topic-metrics";
import { isWriteRequest, routeLabel } from "./route-label";

/** One request as recorded by deploy/runtime/instrument.cjs. */
interface HttpObservation {
  method: string;
  path: string;
  status: number;
  seconds: number;
}

const holder = globalThis as typeof globalThis & {
  __meshdeckHttpObservations?: HttpObservation[];
  __meshdeckMetrics?: Registry;
};

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function build(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "meshdeck_" });

  const writes = new Counter({
    name: "meshdeck_write_requests_total",
    help: "State-changing API requests by route template and status",
    labelNames: ["route", "status"] as const,
    registers: [],
  });
  const streams = new Counter({ name: "meshdeck_sse_connections_total", help: "SSE connections closed, by status", labelNames: ["status"] as const, registers: [] });
  const apiLatency: Histogram<"route" | "method" | "status"> = new Histogram({
    name: "meshdeck_http_request_duration_seconds",
    help: "Latency of HTTP requests by route template, method and status (SSE streams excluded)",
    labelNames: ["route", "method", "status"] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
    // Registered first: aggregates what the preload recorded before anything is read.
    collect() {
      const list = holder.__meshdeckHttpObservations;
      if (!list || list.length === 0) return;
      for (const o of list.splice(0, list.length)) {
        const route = routeLabel(o.path);
        const status = String(o.status);
        if (route === "/api/stream") streams.inc({ status });
        else apiLatency.observe({ route, method: o.method, status }, o.seconds);
        if (isWriteRequest(o.method, o.path)) writes.inc({ route, status });
      }
    },
  });
  registry.registerMetric(writes);
  registry.registerMetric(streams);
  new Gauge({
    name: "meshdeck_instrumentation_loaded",
    help: "1 when deploy/runtime/preload.cjs is loaded (request latency, peer address for proxy mode)",
    registers: [registry],
    collect() {
      this.set(holder.__meshdeckHttpObservations ? 1 : 0);
    },
  });

  new Gauge({
    name: "meshdeck_sse_clients",
    help: "Connected SSE clients",
    registers: [registry],
    collect() {
      this.set(hubStats()?.clients ?? 0);
    },
  });
  const hubCounter = (name: string, help: string, key: "eventsPublished" | "framesSent" | "resets" | "replayed" | "slowClientsDropped") =>
    new Gauge({
      name,
      help: `${help} (counter since process start)`,
      registers: [registry],
      collect() {
        this.set(hubStats()?.[key] ?? 0);
      },
    });
  hubCounter("meshdeck_sse_events_published", "Events published to the live hub", "eventsPublished");
  hubCounter("meshdeck_sse_frames_sent", "SSE frames sent", "framesSent");
  hubCounter("meshdeck_sse_resets", "Reset events sent (resume impossible)", "resets");
  hubCounter("meshdeck_sse_replayed", "Events replayed from the ring buffer on resume", "replayed");
  hubCounter("meshdeck_sse_slow_clients_dropped", "Slow SSE clients disconnected", "slowClientsDropped");
  liveTopicMetrics(registry);

  const cacheGauge = (name: string, help: string, key: keyof ReturnType<typeof cacheStats>) =>
    new Gauge({
      name,
      help: `${help} (counter since process start)`,
      registers: [registry],
      collect() {
        this.set(cacheStats()[key]);
      },
    });
  cacheGauge("meshdeck_watch_restarts", "Watch requests re-opened after the first (timeouts, errors, expiry)", "watchRestarts");
  cacheGauge("meshdeck_watch_relists", "Relists after 410 Gone", "relists");
  cacheGauge("meshdeck_watch_errors", "Failed list/watch attempts", "errors");
  cacheGauge("meshdeck_watch_events", "Watch events received", "watchEvents");
  cacheGauge("meshdeck_watch_lists", "Complete LIST operations", "lists");

  let seen = 0;
  const promLatency: Histogram = new Histogram({
    name: "meshdeck_prometheus_query_duration_seconds",
    help: "Latency of requests sent to Prometheus",
    buckets: LATENCY_BUCKETS,
    registers: [registry],
    collect() {
      const s = prometheusStats();
      const fresh = Math.max(0, Math.min(s.requests - seen, s.recentMs.length));
      for (const ms of s.recentMs.slice(s.recentMs.length - fresh)) promLatency.observe(ms / 1000);
      seen = s.requests;
    },
  });
  new Gauge({
    name: "meshdeck_prometheus_query_failures",
    help: "Failed requests to Prometheus (counter since process start)",
    registers: [registry],
    collect() {
      this.set(prometheusStats().failures);
    },
  });
  new Gauge({
    name: "meshdeck_prometheus_shared_calls",
    help: "Prometheus calls answered without a request (coalesced or cached; counter since process start)",
    labelNames: ["how"] as const,
    registers: [registry],
    collect() {
      const s = prometheusStats();
      this.set({ how: "coalesced" }, s.coalesced);
      this.set({ how: "cached" }, s.cacheHits);
    },
  });
  const graphGauge = (name: string, help: string, value: (s: ReturnType<typeof graphSnapshotStats>) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(value(graphSnapshotStats()));
      },
    });
  graphGauge("meshdeck_graph_snapshots_computed", "Service graph snapshots computed (counter since process start)", (s) => s.computations);
  graphGauge("meshdeck_graph_snapshots_shared", "Graph requests answered by a snapshot computed for another viewer (counter since process start)", (s) => s.shared);
  graphGauge("meshdeck_graph_snapshots_cached", "Graph snapshots held (one per namespaces, window, type)", (s) => s.cached);
  new Gauge({
    name: "meshdeck_graph_snapshot_seconds_sum",
    help: "Time spent computing graph snapshots, by part: the Prometheus queries, and the config join and build (counter since process start; divide by meshdeck_graph_snapshots_computed)",
    labelNames: ["part"] as const,
    registers: [registry],
    collect() {
      const s = graphSnapshotStats();
      this.set({ part: "prometheus" }, s.promMsTotal / 1000);
      this.set({ part: "build" }, s.buildMsTotal / 1000);
    },
  });
  new Gauge({
    name: "meshdeck_rollout_action_confirmations",
    help: "Rollout status actions (promote, promote-full, abort, retry) watched until the controller acted, by what it did (taken, pending, reverted) and the follow-up writes they needed (0, 1, 2, 3+) (counter since process start)",
    labelNames: ["action", "outcome", "follow_ups"] as const,
    registers: [registry],
    collect() {
      for (const { labels, count } of confirmationStats()) this.set({ ...labels }, count);
    },
  });
  return registry;
}

/** The process registry (built once; kept across dev reloads). */
export function metricsRegistry(): Registry {
  holder.__meshdeckMetrics ??= build();
  return holder.__meshdeckMetrics;
}
