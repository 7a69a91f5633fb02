"use client";

import { useEffect, useRef, useState } from "react";
import useSWR from "swr";
import { z } from "zod";
import { trafficViewSchema, type TrafficView, type TrafficWindow } from "@/lib/api/traffic";
import { fetchJson, type ApiRequestError } from "./fetch-json";
import { REFRESH_INTERVAL_MS, shouldRetry, swrOptions } from "./swr-options";
import { useEventStream, type StreamMessage, type StreamStatus } from "./use-event-stream";

export const TRAFFIC_TOPIC = "traffic";

/** What a `traffic` event carries: refetch the view (the model changed, or fresh observations are due). */
export const trafficEventSchema = z.object({
  revision: z.number(),
  namespaces: z.array(z.string()).default([]),
  reason: z.enum(["config", "observed"]).default("config"),
});
export type TrafficEvent = z.infer<typeof trafficEventSchema>;

export interface TrafficQueryInput {
  namespace?: string | undefined;
  window: TrafficWindow;
}

export function trafficUrl({ namespace, window }: TrafficQueryInput): string {
  const params = new URLSearchParams();
  if (namespace) params.set("namespace", namespace);
  params.set("window", window);
  return `/api/traffic?${params.toString()}`;
}

/** Whether a `traffic` event concerns a view filtered to `namespace` (observation ticks concern every view). */
export function eventConcerns(event: TrafficEvent, namespace: string | undefined): boolean {
  if (!namespace || event.reason === "observed") return true;
  return event.namespaces.length === 0 || event.namespaces.includes(namespace);
}

// Several components may watch the same view: one refetch per event and key.
const lastHandled = new Map<string, string>();

export interface UseTrafficResult {
  data: TrafficView | undefined;
  error: ApiRequestError | undefined;
  isLoading: boolean;
  /** Epoch ms of the last successful fetch ("data as of"). */
  fetchedAt: number | null;
  stream: StreamStatus;
  refresh: () => Promise<unknown>;
}

/**
 * The live mesh model (`GET /api/traffic`), kept fresh by the `traffic` SSE
 * topic: every event revalidates the key, so a change shows without polling.
 * While the stream is down it falls back to polling every 15 s.
 */
export function useTraffic(query: TrafficQueryInput): UseTrafficResult {
  const url = trafficUrl(query);
  const [fetchedAt, setFetchedAt] = useState<number | null>(null);
  const [stopped, setStopped] = useState<string | null>(null);
  const revalidate = useRef<() => void>(() => {});
  const stream = useEventStream(
    TRAFFIC_TOPIC,
    (message: StreamMessage) => {
      const parsed = trafficEventSchema.safeParse(message.data);
      if (!parsed.success || !eventConcerns(parsed.data, query.namespace)) return;
      const id = message.id || `${parsed.data.reason}:${parsed.data.revision}`;
      if (lastHandled.get(url) === id) return;
      lastHandled.set(url, id);
      revalidate.current();
    },
    { onReset: () => revalidate.current() },
  );
  const swr = useSWR<TrafficView, ApiRequestError>(url, (key: string) => fetchJson(key, trafficViewSchema), {
    ...swrOptions,
    keepPreviousData: true,
    // Events drive freshness while the stream is open; poll only as a fallback.
    refreshInterval: stopped === url ? 0 : stream.state === "open" ? 60_000 : REFRESH_INTERVAL_MS,
    onSuccess: () => {
      setFetchedAt(Date.now());
      setStopped(null);
    },
    onError: (error, key) => {
      if (!shouldRetry(error)) setStopped(key);
    },
  });
  const { mutate } = swr;
  useEffect(() => {
    revalidate.current = () => void mutate();
  }, [mutate]);
  return {
    data: swr.data,
    error: swr.error,
    isLoading: swr.isLoading,
    fetchedAt,
    stream,
    refresh: () => mutate(),
  };
}
