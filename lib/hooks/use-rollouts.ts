"use client";

import { useEffect, useRef } from "react";
import useSWR from "swr";
import { z } from "zod";
import {
  rolloutDetailSchema,
  rolloutListSchema,
  rolloutTrafficSchema,
  type RolloutDetail,
  type RolloutList,
  type RolloutTraffic,
  type RolloutTrafficWindow,
} from "@/lib/api/rollouts";
import { apiErrorBodySchema, type ApiError } from "@/lib/errors/api-error";
import { fetchJson, type ApiRequestError } from "./fetch-json";
import { REFRESH_INTERVAL_MS, swrOptions } from "./swr-options";
import { useEventStream, type StreamStatus } from "./use-event-stream";

export const ROLLOUTS_TOPIC = "rollouts";
export const CSRF_HEADER = "X-Meshdeck-Csrf";

export const rolloutsEventSchema = z.object({ revision: z.number(), namespaces: z.array(z.string()).default([]) });

/** Calls the latest `revalidate` on every `rollouts` event that concerns `namespace` (any, when undefined). */
function useRolloutsEvents(namespace: string | undefined, revalidate: { current: () => void }): StreamStatus {
  return useEventStream(
    ROLLOUTS_TOPIC,
    (message) => {
      const parsed = rolloutsEventSchema.safeParse(message.data);
      if (!parsed.success) return;
      if (namespace && !parsed.data.namespaces.includes(namespace) && !parsed.data.namespaces.includes("*")) return;
      revalidate.current();
    },
    { onReset: () => revalidate.current() },
  );
}

export interface LiveResult<T> {
  data: T | undefined;
  error: ApiRequestError | undefined;
  isLoading: boolean;
  stream: StreamStatus;
  refresh: () => Promise<unknown>;
}

/** GET /api/rollouts, refreshed by the `rollouts` topic (polling only while the stream is down). */
export function useRolloutList(namespace?: string): LiveResult<RolloutList> {
  const url = namespace ? `/api/rollouts?namespace=${encodeURIComponent(namespace)}` : "/api/rollouts";
  const revalidate = useRef<() => void>(() => {});
  const stream = useRolloutsEvents(namespace, revalidate);
  const swr = useSWR<RolloutList, ApiRequestError>(url, (key: string) => fetchJson(key, rolloutListSchema), {
    ...swrOptions,
    keepPreviousData: true,
    refreshInterval: stream.state === "open" ? 60_000 : REFRESH_INTERVAL_MS,
  });
  const { mutate } = swr;
  useEffect(() => {
    revalidate.current = () => void mutate();
  }, [mutate]);
  return { data: swr.data, error: swr.error, isLoading: swr.isLoading, stream, refresh: () => swr.mutate() };
}

/** GET /api/rollouts/{ns}/{name}, refreshed by `rollouts` events of its namespace. */
export function useRolloutDetail(namespace: string, name: string): LiveResult<RolloutDetail> {
  const url = `/api/rollouts/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
  const revalidate = useRef<() => void>(() => {});
  const stream = useRolloutsEvents(namespace, revalidate);
  const swr = useSWR<RolloutDetail, ApiRequestError>(url, (key: string) => fetchJson(key, rolloutDetailSchema), {
    ...swrOptions,
    keepPreviousData: true,
    refreshInterval: stream.state === "open" ? 30_000 : 5_000,
  });
  const { mutate } = swr;
  useEffect(() => {
    revalidate.current = () => void mutate();
  }, [mutate]);
  return { data: swr.data, error: swr.error, isLoading: swr.isLoading, stream, refresh: () => swr.mutate() };
}

/** The live traffic buckets, polled every bucket (SWR dedupes: one request per key at a time, shared by components). */
export function useRolloutTraffic(namespace: string, name: string, window: RolloutTrafficWindow, paused: boolean) {
  const url = `/api/rollouts/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}/traffic?window=${window}`;
  return useSWR<RolloutTraffic, ApiRequestError>(paused ? null : url, (key: string) => fetchJson(key, rolloutTrafficSchema), {
    refreshInterval: 5_000,
    dedupingInterval: 4_000,
    keepPreviousData: true,
    revalidateOnFocus: false,
  });
}

export type RolloutActionOutcome = { ok: true; message: string } | { ok: false; status: number; error: ApiError };

/** Sends an action (with the CSRF header); never throws. */
export async function sendRolloutAction(path: string, method: "POST" | "PUT", body: unknown = {}): Promise<RolloutActionOutcome> {
  let response: Response;
  try {
    response = await fetch(path, { method, headers: { "content-type": "application/json", [CSRF_HEADER]: "1" }, body: JSON.stringify(body) });
  } catch {
    return { ok: false, status: 0, error: { code: "Unavailable", message: "Meshdeck server unreachable" } };
  }
  const json: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const message = z.object({ message: z.string() }).safeParse(json);
    return { ok: true, message: message.success ? message.data.message : "done" };
  }
  const parsed = apiErrorBodySchema.safeParse(json);
  return { ok: false, status: response.status, error: parsed.success ? parsed.data.error : { code: "Internal", message: `Unexpected HTTP ${response.status}` } };
}
