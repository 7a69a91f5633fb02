import "server-only";
import { Gauge, type Registry } from "prom-client";
import { graphProducerStats } from "@/lib/live/graph-producer";
import { hubStats } from "@/lib/live/runtime";

type Stats = NonNullable<ReturnType<typeof hubStats>>;

/** Live-stream topics: how many, how many linger without subscribers, the per-user and total bounds, and the graph producer's work. */
export function liveTopicMetrics(registry: Registry): void {
  const gauge = (name: string, help: string, value: (s: Stats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const s = hubStats();
        this.set(s ? value(s) : 0);
      },
    });
  gauge("meshdeck_live_topics", "Live-stream topics held (subscribed, or lingering until released)", (s) => s.topics);
  gauge("meshdeck_live_topics_idle", "Live-stream topics without subscribers, lingering until released (MESHDECK_LIVE_TOPIC_LINGER_MS)", (s) => s.idleTopics);
  gauge("meshdeck_live_topic_users", "Identities holding live-stream topics", (s) => s.topicUsers);
  gauge("meshdeck_live_topics_user_max", "Most live-stream topics held by one identity (bounded by MESHDECK_LIVE_MAX_TOPICS_PER_USER)", (s) => s.maxUserTopics);
  gauge("meshdeck_live_topics_released", "Live-stream topics released after their linger (counter since process start)", (s) => s.topicsReleased);
  gauge("meshdeck_live_events_dropped", "Events published to a topic nobody held, not stored (counter since process start)", (s) => s.eventsDropped);
  const labelled = (name: string, help: string, value: (s: Stats) => Record<"per_user" | "total", number>) =>
    new Gauge({
      name,
      help,
      labelNames: ["bound"] as const,
      registers: [registry],
      collect() {
        const s = hubStats();
        if (!s) return;
        for (const [bound, n] of Object.entries(value(s))) this.set({ bound }, n);
      },
    });
  labelled("meshdeck_live_topics_limit", "Configured bounds of live-stream topics", (s) => ({ per_user: s.limits.maxPerUser, total: s.limits.maxTotal }));
  labelled("meshdeck_live_topics_refused", "Stream requests refused with 429 by bound (counter since process start)", (s) => ({ per_user: s.topicsRefusedPerUser, total: s.topicsRefusedTotal }));
  new Gauge({
    name: "meshdeck_graph_producer_computations",
    help: "Graph computations the live graph producer asked for; each queries Prometheus unless shared (counter since process start)",
    registers: [registry],
    collect() {
      this.set(graphProducerStats().computations);
    },
  });
}
