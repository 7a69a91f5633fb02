"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import useSWR from "swr";
import { rolloutDetailSchema, rolloutListSchema, rolloutTrafficSchema, type RolloutList } from "@/lib/api/rollouts";
import { trafficViewSchema, type TrafficView, type TrafficWindow } from "@/lib/api/traffic";
import type { RolloutView } from "@/lib/rollouts/model/schema";
import { canaryErrors, type CanaryErrors } from "@/lib/wall/canary-errors";
import { inScope } from "@/lib/wall/config";
import { byUrgency, isInProgress } from "@/lib/wall/rollout-progress";
import { fetchJson, type ApiRequestError } from "./fetch-json";
import { REFRESH_INTERVAL_MS, swrOptions } from "./swr-options";
import { useEventStream, type StreamMessage, type StreamStatus } from "./use-event-stream";
import { ROLLOUTS_TOPIC } from "./use-rollouts";
import { TRAFFIC_TOPIC, trafficEventSchema, trafficUrl } from "./use-traffic";

/** Details (analysis) and canary traffic are fetched for at most this many Rollouts in progress. */
export const MAX_WATCHED_ROLLOUTS = 24;

export interface WallDataOptions {
  /** Observed traffic window of the splits view. */
  window: TrafficWindow;
  /** Whether a splits view is configured (GET /api/traffic). */
  needTraffic: boolean;
  /** Accelerated: refetch every N ms besides the pushed events; null: events only (polling while the stream is down). */
  refreshMs: number | null;
  /** Namespaces watched; null: all. */
  scope: ReadonlySet<string> | null;
}

export interface WallSource<T> {
  readonly data: T | undefined;
  readonly error: ApiRequestError | undefined;
  /** Epoch ms of the last successful fetch. */
  readonly fetchedAt: number | null;
}

export interface WallData {
  readonly stream: StreamStatus;
  readonly rollouts: WallSource<RolloutList>;
  /** Rollouts in progress in scope, most urgent first. */
  readonly inProgress: RolloutList["items"];
  /** Healthy Rollouts in scope (counted on the rollouts view). */
  readonly settled: number;
  readonly details: ReadonlyMap<string, RolloutView>;
  readonly canary: ReadonlyMap<string, CanaryErrors | null>;
  readonly traffic: WallSource<TrafficView> | null;
  /** Rollouts (and so the alerts) are known current as of this epoch ms: the last fetch, or the last pushed event while the stream is open. */
  readonly rolloutsAsOf: number | null;
}

const encode = encodeURIComponent;

async function fetchDetails(keys: readonly string[]): Promise<Record<string, RolloutView>> {
  const out: Record<string, RolloutView> = {};
  const answers = await Promise.allSettled(
    keys.map((key) => {
      const [ns = "", name = ""] = key.split("/");
      return fetchJson(`/api/rollouts/${encode(ns)}/${encode(name)}`, rolloutDetailSchema);
    }),
  );
  // One Rollout deleted meanwhile (404) must not blank the others.
  for (const a of answers) if (a.status === "fulfilled") out[a.value.rollout.key] = a.value.rollout;
  if (keys.length > 0 && Object.keys(out).length === 0 && answers[0]?.status === "rejected") throw answers[0].reason;
  return out;
}

async function fetchCanaryErrors(keys: readonly string[]): Promise<Record<string, CanaryErrors | null>> {
  const out: Record<string, CanaryErrors | null> = {};
  const answers = await Promise.allSettled(
    keys.map(async (key) => {
      const [ns = "", name = ""] = key.split("/");
      return [key, canaryErrors(await fetchJson(`/api/rollouts/${encode(ns)}/${encode(name)}/traffic?window=1m`, rolloutTrafficSchema))] as const;
    }),
  );
  for (const a of answers) if (a.status === "fulfilled") out[a.value[0]] = a.value[1];
  if (keys.length > 0 && Object.keys(out).length === 0 && answers[0]?.status === "rejected") throw answers[0].reason;
  return out;
}

/**
 * Everything the wall shows besides the graph, kept fresh by the tab's one
 * SSE stream (`rollouts` and `traffic` topics, subscribed here once for every
 * view, so the topic set does not change as views rotate). While the stream
 * is down the sources poll; `refreshMs` adds polling (accelerated soaks).
 */
export function useWallData({ window, needTraffic, refreshMs, scope }: WallDataOptions): WallData {
  const [at, setAt] = useState<{ rollouts: number | null; traffic: number | null }>({ rollouts: null, traffic: null });
  const revalidate = useRef({ rollouts: () => {}, observed: () => {}, traffic: () => {} });
  const stream = useEventStream(
    [ROLLOUTS_TOPIC, TRAFFIC_TOPIC],
    (message: StreamMessage) => {
      if (message.topic === ROLLOUTS_TOPIC) {
        revalidate.current.rollouts();
        return;
      }
      const parsed = trafficEventSchema.safeParse(message.data);
      if (!parsed.success) return;
      if (parsed.data.reason === "observed") revalidate.current.observed();
      revalidate.current.traffic();
    },
    {
      onReset: () => {
        revalidate.current.rollouts();
        revalidate.current.observed();
        revalidate.current.traffic();
      },
    },
  );
  const live = stream.state === "open";
  const poll = (whenLive: number) => refreshMs ?? (live ? whenLive : REFRESH_INTERVAL_MS);
  const common = {
    ...swrOptions,
    keepPreviousData: true,
    revalidateOnFocus: false,
    dedupingInterval: refreshMs ? Math.min(refreshMs / 2, 2_000) : 2_000,
  };

  const list = useSWR<RolloutList, ApiRequestError>("/api/rollouts", (url: string) => fetchJson(url, rolloutListSchema), {
    ...common,
    refreshInterval: poll(60_000),
    onSuccess: () => setAt((a) => ({ ...a, rollouts: Date.now() })),
  });

  const { inProgress, settled } = useMemo(() => {
    const visible = (list.data?.items ?? []).filter((r) => inScope(r.namespace, scope));
    return { inProgress: visible.filter(isInProgress).sort(byUrgency), settled: visible.filter((r) => !isInProgress(r)).length };
  }, [list.data, scope]);
  const watched = inProgress.slice(0, MAX_WATCHED_ROLLOUTS);
  const detailKeys = watched.map((r) => r.key);
  const canaryKeys = watched.filter((r) => r.strategy === "canary").map((r) => r.key);

  const details = useSWR<Record<string, RolloutView>, ApiRequestError>(
    detailKeys.length > 0 ? ["wall:rollout-details", ...detailKeys] : null,
    ([, ...keys]: readonly string[]) => fetchDetails(keys),
    { ...common, refreshInterval: poll(30_000) },
  );
  const canary = useSWR<Record<string, CanaryErrors | null>, ApiRequestError>(
    canaryKeys.length > 0 ? ["wall:canary-errors", ...canaryKeys] : null,
    ([, ...keys]: readonly string[]) => fetchCanaryErrors(keys),
    // Prometheus-backed: the `traffic` topic's observation ticks (every 10 s) refresh it.
    { ...common, refreshInterval: poll(30_000) },
  );
  const traffic = useSWR<TrafficView, ApiRequestError>(needTraffic ? trafficUrl({ window }) : null, (url: string) => fetchJson(url, trafficViewSchema), {
    ...common,
    refreshInterval: poll(60_000),
    onSuccess: () => setAt((a) => ({ ...a, traffic: Date.now() })),
  });

  const { mutate: mutateList } = list;
  const { mutate: mutateDetails } = details;
  const { mutate: mutateCanary } = canary;
  const { mutate: mutateTraffic } = traffic;
  useEffect(() => {
    revalidate.current = {
      rollouts: () => {
        void mutateList();
        void mutateDetails();
      },
      observed: () => void mutateCanary(),
      traffic: () => void mutateTraffic(),
    };
  }, [mutateList, mutateDetails, mutateCanary, mutateTraffic]);

  const detailMap = useMemo(() => new Map(Object.entries(details.data ?? {})), [details.data]);
  const canaryMap = useMemo(() => new Map(Object.entries(canary.data ?? {})), [canary.data]);
  // While the stream is open every change of a Rollout is pushed: the list is current as of the last event.
  const rolloutsAsOf = at.rollouts === null ? null : live && stream.lastEventAt !== null ? Math.max(at.rollouts, stream.lastEventAt) : at.rollouts;
  return {
    stream,
    rollouts: { data: list.data, error: list.error, fetchedAt: at.rollouts },
    inProgress,
    settled,
    details: detailMap,
    canary: canaryMap,
    traffic: needTraffic ? { data: traffic.data, error: traffic.error, fetchedAt: at.traffic } : null,
    rolloutsAsOf,
  };
}
