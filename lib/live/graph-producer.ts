import "server-only";
import { GRAPH_TOPIC_PREFIX, parseGraphTopic, type GraphEvent, type GraphKey } from "@/lib/api/graph";
import { diffGraphs, isEmptyDiff } from "@/lib/graph/diff";
import type { Graph } from "@/lib/graph/types";
import { AppError } from "@/lib/errors/app-error";
import type { ApiError } from "@/lib/errors/api-error";
import { GRAPH_RESOURCE } from "@/lib/mesh/graph-access";
import { graphRefreshMs, graphSnapshot } from "@/lib/mesh/graph-snapshot";
import { PUBLIC, type EventPart, type LiveHub, type PublishInput } from "./hub";

type Part = { type: "event"; event: GraphEvent } | { type: "namespace"; namespace: string };

/** Sends the event only to clients that may list Services in every namespace of the key (the whole mesh: cluster-wide). */
export function graphEventInput(key: GraphKey, event: GraphEvent): PublishInput<Part> {
  const parts: EventPart<Part>[] = [{ scope: PUBLIC, value: { type: "event", event } }];
  if (key.namespaces.length === 0) parts.push({ scope: { kind: "cluster", ...GRAPH_RESOURCE }, value: { type: "namespace", namespace: "" } });
  for (const namespace of key.namespaces) parts.push({ scope: { kind: "namespace", ...GRAPH_RESOURCE, namespace }, value: { type: "namespace", namespace } });
  const needed = parts.length - 1;
  return {
    parts,
    render: (visible): GraphEvent => {
      const head = visible.find((p): p is Extract<Part, { type: "event" }> => p.type === "event");
      if (head && visible.length - 1 === needed) return head.event;
      return { kind: "error", computedAt: Date.now(), error: { code: "Forbidden", message: "Not allowed to list services in the graph's namespaces", verb: "list", resource: "services" } };
    },
  };
}

function apiError(error: unknown): ApiError {
  if (error instanceof AppError) return error.detail;
  return { code: "Internal", message: error instanceof Error ? error.message : "graph computation failed" };
}

interface TopicState {
  readonly key: GraphKey;
  graph: Graph | null;
  computedAt: number;
  error: ApiError | null;
  timer: ReturnType<typeof setInterval> | null;
  running: boolean;
}

export interface GraphProducerStats {
  topics: number;
  /** Graph computations asked for (each may query Prometheus unless shared with another viewer). */
  computations: number;
  snapshots: number;
  diffs: number;
  errors: number;
  /** Bytes of the last diff's JSON vs its full snapshot's, for the "browsers get diffs" claim. */
  lastDiffBytes: number;
  lastSnapshotBytes: number;
}

const holder = globalThis as typeof globalThis & { __meshdeckGraphProducerStats?: GraphProducerStats };
const stats = (holder.__meshdeckGraphProducerStats ??= { topics: 0, computations: 0, snapshots: 0, diffs: 0, errors: 0, lastDiffBytes: 0, lastSnapshotBytes: 0 });

export function graphProducerStats(): Readonly<GraphProducerStats> {
  return { ...stats };
}

/**
 * Live graphs on `graph:…` topics (see lib/api/graph.ts graphTopic): while a
 * topic is live in the hub (viewers, then the hub's linger) its graph is recomputed every refresh interval (once,
 * whatever the number of viewers, via graphSnapshot) and published as a diff
 * against the previous one; a client that connects gets the current snapshot
 * first. Prometheus failures publish an error event (clients keep their last
 * graph); recovery continues with a diff.
 */
export function startGraphProducer(hub: LiveHub, refreshMs: number = graphRefreshMs()): () => void {
  const topics = new Map<string, TopicState>();

  const publish = (topic: string, state: TopicState, event: GraphEvent) => hub.publish(topic, graphEventInput(state.key, event));

  const tick = async (topic: string, state: TopicState) => {
    if (state.running) return;
    state.running = true;
    stats.computations += 1;
    try {
      const snap = await graphSnapshot(state.key, refreshMs - 250);
      if (topics.get(topic) !== state) return;
      const prev = state.graph;
      state.graph = snap.graph;
      state.computedAt = snap.computedAt;
      state.error = null;
      if (!prev) {
        stats.snapshots += 1;
        publish(topic, state, { kind: "snapshot", graph: snap.graph, computedAt: snap.computedAt });
        return;
      }
      const diff = diffGraphs(prev, snap.graph);
      if (isEmptyDiff(diff)) return;
      stats.diffs += 1;
      publish(topic, state, { kind: "diff", diff, computedAt: snap.computedAt });
    } catch (error) {
      if (topics.get(topic) !== state) return;
      const detail = apiError(error);
      const changed = state.error?.message !== detail.message;
      state.error = detail;
      if (changed) {
        stats.errors += 1;
        publish(topic, state, { kind: "error", error: detail, computedAt: Date.now() });
      }
    } finally {
      state.running = false;
    }
  };

  const stop = (topic: string) => {
    const state = topics.get(topic);
    if (!state) return;
    if (state.timer) clearInterval(state.timer);
    topics.delete(topic);
    stats.topics = topics.size;
  };

  const unregister = hub.addTopicHooks({
    matches: (topic) => topic.startsWith(GRAPH_TOPIC_PREFIX),
    active(topic) {
      const key = parseGraphTopic(topic);
      if (!key || topics.has(topic)) return;
      const state: TopicState = { key, graph: null, computedAt: 0, error: null, timer: null, running: false };
      topics.set(topic, state);
      stats.topics = topics.size;
      void tick(topic, state);
      state.timer = setInterval(() => void tick(topic, state), refreshMs);
      state.timer.unref?.();
    },
    inactive: stop,
    initial(topic) {
      const state = topics.get(topic);
      if (!state) {
        const key = parseGraphTopic(topic);
        if (key) return [];
        const error: GraphEvent = { kind: "error", computedAt: Date.now(), error: { code: "BadRequest", message: `not a graph topic: ${topic}` } };
        return [{ parts: [{ scope: PUBLIC, value: error }], render: () => error }];
      }
      const out: PublishInput<unknown>[] = [];
      if (state.graph) out.push(graphEventInput(state.key, { kind: "snapshot", graph: state.graph, computedAt: state.computedAt }) as PublishInput<unknown>);
      if (state.error) out.push(graphEventInput(state.key, { kind: "error", error: state.error, computedAt: Date.now() }) as PublishInput<unknown>);
      return out;
    },
  });

  return () => {
    unregister();
    for (const topic of [...topics.keys()]) stop(topic);
  };
}

/** Size of an event as sent (for stats and benches). */
export function eventBytes(event: GraphEvent): number {
  return Buffer.byteLength(JSON.stringify(event));
}
