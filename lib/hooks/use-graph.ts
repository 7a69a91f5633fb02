"use client";

import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import { graphEventSchema, graphKey, graphResponseSchema, graphTopic, type GraphEvent, type GraphWindow } from "@/lib/api/graph";
import type { ApiError } from "@/lib/errors/api-error";
import type { Graph, GraphType } from "@/lib/graph/types";
import { ApiRequestError, fetchJson } from "./fetch-json";
import { graphReducer, initialGraphState } from "./graph-state";
import { useEventStream, type ConnectionState, type StreamMessage } from "./use-event-stream";

export interface UseGraphParams {
  namespaces: string[];
  window: string;
  type: GraphType;
  idle: boolean;
}

export type GraphConnection = "live" | "connecting" | "reconnecting" | "paused";

export interface UseGraphResult {
  graph: Graph | null;
  /** Why the graph is missing or stale (Prometheus down, forbidden); the last graph stays shown. */
  error: ApiError | null;
  /** Epoch ms of the data shown (Prometheus evaluation time, else when the server computed it). */
  asOf: number | null;
  connection: GraphConnection;
}

const CONNECTION: Readonly<Record<ConnectionState, GraphConnection>> = {
  open: "live",
  idle: "connecting",
  connecting: "connecting",
  reconnecting: "reconnecting",
  paused: "paused",
};

export function graphUrl(params: { namespaces: readonly string[]; window: string; type: GraphType; idle: boolean }): string {
  const q = new URLSearchParams({ window: params.window, type: params.type, idle: params.idle ? "1" : "0" });
  if (params.namespaces.length > 0) q.set("namespaces", [...params.namespaces].sort().join(","));
  return `/api/graph?${q.toString()}`;
}

function asWindow(window: string): GraphWindow {
  return (["1m", "5m", "15m", "30m", "1h"] as const).find((w) => w === window) ?? "1m";
}

/**
 * The live service graph of a key: subscribes to its `graph:…` topic on the
 * tab's one shared EventSource (paused while hidden, reconnecting with
 * backoff), which sends the current snapshot, then diffs applied without
 * mutation. Only a diff that does not fit reloads the full graph over REST.
 */
export function useGraph(params: UseGraphParams): UseGraphResult {
  const nsKey = [...new Set(params.namespaces)].sort().join(",");
  const key = useMemo(
    () => graphKey({ type: params.type, namespaces: nsKey === "" ? [] : nsKey.split(","), window: asWindow(params.window), idle: params.idle }),
    [params.type, nsKey, params.window, params.idle],
  );
  const topic = graphTopic(key);
  const [state, dispatch] = useReducer(graphReducer, topic, initialGraphState);
  const current = state.topic === topic ? state : initialGraphState(topic);

  const topicRef = useRef(topic);
  useEffect(() => {
    topicRef.current = topic;
  }, [topic]);
  const onEvent = useCallback((message: StreamMessage) => {
    if (message.topic !== topicRef.current) return; // a late event of the previous key
    const parsed = graphEventSchema.safeParse(message.data);
    if (parsed.success) dispatch({ type: "event", topic: message.topic, event: parsed.data as GraphEvent });
  }, []);
  const stream = useEventStream(topic, onEvent);

  // Resync over REST only when a diff did not fit.
  const resyncing = useRef<string | null>(null);
  useEffect(() => {
    if (!current.needsResync || resyncing.current === topic) return;
    resyncing.current = topic;
    fetchJson(graphUrl(key), graphResponseSchema)
      .then((r) => dispatch({ type: "event", topic, event: { kind: "snapshot", graph: r.graph as Graph, computedAt: r.computedAt } }))
      .catch((error: unknown) =>
        dispatch({ type: "resyncFailed", topic, error: error instanceof ApiRequestError ? error.detail : { code: "Internal", message: "graph reload failed" } }),
      )
      .finally(() => {
        resyncing.current = null;
      });
  }, [current.needsResync, topic, key]);

  const graph = current.graph;
  const asOf = graph && graph.timestamp > 0 ? graph.timestamp * 1000 : current.computedAt;
  // A topic the server refused (403: not retried; 429: retried with backoff) is this panel's error only.
  return { graph, error: current.error ?? stream.error, asOf, connection: CONNECTION[stream.state] };
}
