"use client";

import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import type { ApiError } from "@/lib/errors/api-error";
import { clusterSummarySchema, CLUSTER_TOPIC, type ClusterSummary } from "@/lib/live/cluster-summary";
import { HEARTBEAT_EVENT, STALE_AFTER_MS } from "@/lib/live/heartbeat";
import { probeStream, retriesRefusal, type RefusedTopic, type StreamRefusal } from "./stream-refusal";

/**
 * ONE EventSource per tab for all components: topic subscriptions are
 * ref-counted, and the stream is reopened with the union of topics when that
 * set changes. Paused while the tab is hidden; resumes with the last event id.
 * Reconnects with exponential backoff and jitter (manual reconnects carry
 * `lastEventId` in the query: a new EventSource cannot send the header), also
 * when the stream goes silent: no event and no heartbeat for STALE_AFTER_MS.
 * A stream the server refuses (400/403/429, which EventSource cannot see) is
 * probed for the typed error: the topics it names are left out and reported
 * to their components (403 never retried, 429 retried with backoff) while
 * the stream reopens at once for the other topics.
 */

export type ConnectionState = "idle" | "connecting" | "open" | "reconnecting" | "paused";

export interface StreamStatus {
  readonly state: ConnectionState;
  /** Consecutive failed attempts (0 once the server said hello). */
  readonly attempt: number;
  /** Epoch ms of the last event received ("data as of"). */
  readonly lastEventAt: number | null;
  readonly lastEventId: string | null;
  /** Epoch ms of the next reconnect attempt while reconnecting. */
  readonly retryAt: number | null;
  /** Topics the server refused, with its typed error. */
  readonly refused: Readonly<Record<string, RefusedTopic>>;
}

/** The status as one component sees it: `error` when one of its topics was refused. */
export interface TopicStreamStatus extends StreamStatus {
  readonly error: ApiError | null;
}

export interface StreamMessage {
  topic: string;
  id: string;
  data: unknown;
}

export type StreamSignal =
  | { type: "open"; resuming: boolean }
  | { type: "opened" }
  | { type: "hello"; id: string; at: number }
  | { type: "message"; id: string; at: number }
  | { type: "error"; retryAt: number }
  | { type: "hidden" }
  | { type: "idle" }
  | { type: "refused"; refused: Readonly<Record<string, RefusedTopic>> };

export const INITIAL_STATUS: StreamStatus = Object.freeze({
  state: "idle",
  attempt: 0,
  lastEventAt: null,
  lastEventId: null,
  retryAt: null,
  refused: Object.freeze({}),
});

/** State machine of the shared connection (pure). */
export function nextStatus(status: StreamStatus, signal: StreamSignal): StreamStatus {
  switch (signal.type) {
    case "open":
      return { ...status, state: status.attempt > 0 ? "reconnecting" : "connecting", retryAt: null };
    case "opened":
      return { ...status, state: "open", retryAt: null };
    case "hello":
      return { ...status, state: "open", attempt: 0, lastEventId: signal.id, retryAt: null };
    case "message":
      return { ...status, state: "open", lastEventId: signal.id || status.lastEventId, lastEventAt: signal.at };
    case "error":
      return { ...status, state: "reconnecting", attempt: status.attempt + 1, retryAt: signal.retryAt };
    case "hidden":
      return { ...status, state: "paused", attempt: 0, retryAt: null };
    case "idle":
      return { ...status, state: "idle", attempt: 0, retryAt: null };
    case "refused":
      return { ...status, refused: signal.refused };
  }
}

/** What the components subscribed to `key` see: a refused topic of theirs turns into their error (and a non-open state). */
export function topicStatus(status: StreamStatus, key: string): TopicStreamStatus {
  const refused = key === "" ? undefined : key.split(",").map((t) => status.refused[t]).find((r) => r !== undefined);
  if (!refused) return { ...status, error: null };
  return { ...status, state: refused.retryAt === null ? "idle" : "reconnecting", retryAt: refused.retryAt, error: refused.error };
}

export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
}

export const RECONNECT_BACKOFF: BackoffOptions = { baseMs: 1_000, maxMs: 30_000 };

/** Delay before reconnect attempt `attempt` (1-based): doubling up to maxMs, "equal jitter". */
export function reconnectDelay(attempt: number, random: () => number = Math.random, options: BackoffOptions = RECONNECT_BACKOFF): number {
  const n = Math.max(1, Math.floor(attempt));
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** (n - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Canonical topic set: unique, sorted, comma-joined. */
export function topicsKey(topics: Iterable<string>): string {
  return [...new Set(topics)].sort().join(",");
}

export function streamUrl(key: string, lastEventId: string | null, base = "/api/stream"): string {
  const params = new URLSearchParams({ topics: key });
  if (lastEventId) params.set("lastEventId", lastEventId);
  return `${base}?${params.toString()}`;
}

/** The parts of EventSource the manager uses (a fake in tests). */
export interface EventSourceLike {
  onopen: ((event: Event) => void) | null;
  onerror: ((event: Event) => void) | null;
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

export interface ManagerDeps {
  createEventSource(url: string): EventSourceLike;
  isHidden(): boolean;
  onVisibilityChange(listener: () => void): void;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  random(): number;
  now(): number;
  queueMicrotask(fn: () => void): void;
  /** Why the server refused `url` (null: it did not, or it failed otherwise). */
  probe(url: string): Promise<StreamRefusal | null>;
}

type MessageListener = (message: StreamMessage) => void;
type ResetListener = (reason: string) => void;

export class EventStreamManager {
  private readonly refs = new Map<string, Set<MessageListener>>();
  private readonly resetListeners = new Set<ResetListener>();
  private readonly statusListeners = new Set<() => void>();
  private status: StreamStatus = INITIAL_STATUS;
  private source: EventSourceLike | null = null;
  private sourceKey = "";
  private retryTimer: unknown = null;
  private watchdog: unknown = null;
  private reconcileQueued = false;
  private readonly refusals = new Map<string, { refused: RefusedTopic; timer: unknown }>();
  /** Consecutive 429s per topic (backoff), until a stream with it says hello. */
  private readonly refusalAttempts = new Map<string, number>();

  constructor(private readonly deps: ManagerDeps) {
    deps.onVisibilityChange(() => this.reconcile());
  }

  getStatus = (): StreamStatus => this.status;

  subscribeStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => {
      this.statusListeners.delete(listener);
    };
  };

  /** Topics currently subscribed (for tests and diagnostics). */
  topics(): string {
    return topicsKey(this.refs.keys());
  }

  /** Subscribes to `topic`; the stream is (re)opened on the next microtask. */
  subscribe(topic: string, listener: MessageListener): () => void {
    let set = this.refs.get(topic);
    if (!set) this.refs.set(topic, (set = new Set()));
    set.add(listener);
    this.queueReconcile();
    return () => {
      const current = this.refs.get(topic);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.refs.delete(topic);
        this.forgetRefusal(topic);
      }
      this.queueReconcile();
    };
  }

  /** Called when the server cannot resume (client state must be refetched). */
  onReset(listener: ResetListener): () => void {
    this.resetListeners.add(listener);
    return () => {
      this.resetListeners.delete(listener);
    };
  }

  private emit(signal: StreamSignal): void {
    this.status = Object.freeze(nextStatus(this.status, signal));
    for (const listener of [...this.statusListeners]) listener();
  }

  private queueReconcile(): void {
    if (this.reconcileQueued) return;
    this.reconcileQueued = true;
    // Many components mount in one render: open once with all their topics.
    this.deps.queueMicrotask(() => {
      this.reconcileQueued = false;
      this.reconcile();
    });
  }

  private closeSource(): void {
    this.disarm();
    if (this.source) {
      this.source.onopen = null;
      this.source.onerror = null;
      this.source.close();
    }
    this.source = null;
    this.sourceKey = "";
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) this.deps.clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Subscribed topics the server has not refused. */
  private openKey(): string {
    return topicsKey([...this.refs.keys()].filter((t) => !this.refusals.has(t)));
  }

  private emitRefused(): void {
    const refused: Record<string, RefusedTopic> = {};
    for (const [topic, r] of this.refusals) refused[topic] = r.refused;
    this.emit({ type: "refused", refused: Object.freeze(refused) });
  }

  private forgetRefusal(topic: string): void {
    this.refusalAttempts.delete(topic);
    const r = this.refusals.get(topic);
    if (!r) return;
    if (r.timer !== null) this.deps.clearTimeout(r.timer);
    this.refusals.delete(topic);
    this.emitRefused();
  }

  /** Leaves the refused topics out (all of `key` when the refusal names none) and reopens for the rest. */
  private refuse(key: string, refusal: StreamRefusal): void {
    const inKey = key.split(",");
    const named = refusal.topics?.filter((t) => inKey.includes(t)) ?? [];
    for (const topic of named.length > 0 ? named : inKey) {
      const attempt = (this.refusalAttempts.get(topic) ?? 0) + 1;
      this.refusalAttempts.set(topic, attempt);
      const retry = retriesRefusal(refusal.error) ? reconnectDelay(attempt, this.deps.random) : null;
      const timer = retry === null ? null : this.deps.setTimeout(() => this.retryRefused(topic), retry);
      this.refusals.set(topic, { refused: { error: refusal.error, retryAt: retry === null ? null : this.deps.now() + retry }, timer });
    }
    this.emitRefused();
    this.reconcile();
  }

  private retryRefused(topic: string): void {
    this.refusals.delete(topic);
    this.emitRefused();
    this.reconcile();
  }

  /** Brings the connection in line with topics, visibility and retry state. */
  reconcile(): void {
    const key = this.openKey();
    if (key === "") {
      this.clearRetry();
      this.closeSource();
      if (this.status.state !== "idle") this.emit({ type: "idle" });
      return;
    }
    if (this.deps.isHidden()) {
      this.clearRetry();
      this.closeSource();
      if (this.status.state !== "paused") this.emit({ type: "hidden" });
      return;
    }
    if (this.retryTimer !== null) return; // a reconnect is scheduled; it will pick up the new topics
    if (this.source && this.sourceKey === key) return;
    this.open(key);
  }

  private disarm(): void {
    if (this.watchdog !== null) this.deps.clearTimeout(this.watchdog);
    this.watchdog = null;
  }

  /** (Re)starts the silence timer: called on open and on every event or heartbeat. */
  private alive(source: EventSourceLike): void {
    if (this.source !== source) return;
    this.disarm();
    this.watchdog = this.deps.setTimeout(() => {
      this.watchdog = null;
      if (this.source === source) this.fail();
    }, STALE_AFTER_MS);
  }

  /** Takes over from EventSource's own retry: close, back off, reopen with our last id. */
  private fail(): void {
    this.closeSource();
    const delay = reconnectDelay(this.status.attempt + 1, this.deps.random);
    this.emit({ type: "error", retryAt: this.deps.now() + delay });
    this.retryTimer = this.deps.setTimeout(() => {
      this.retryTimer = null;
      this.reconcile();
    }, delay);
  }

  private open(key: string): void {
    this.closeSource();
    const source = this.deps.createEventSource(streamUrl(key, this.status.lastEventId));
    this.source = source;
    this.sourceKey = key;
    this.emit({ type: "open", resuming: this.status.lastEventId !== null });
    this.alive(source);
    let opened = false;
    source.onopen = () => {
      opened = true;
      this.alive(source);
      this.emit({ type: "opened" });
    };
    source.onerror = () => (opened ? this.fail() : this.failBeforeOpen(key));
    source.addEventListener(HEARTBEAT_EVENT, () => this.alive(source));
    source.addEventListener("hello", (event) => {
      this.alive(source);
      for (const topic of key.split(",")) this.refusalAttempts.delete(topic);
      this.emit({ type: "hello", id: event.lastEventId, at: this.deps.now() });
    });
    source.addEventListener("reset", (event) => {
      this.alive(source);
      this.emit({ type: "hello", id: event.lastEventId, at: this.deps.now() });
      let reason = "reset";
      try {
        const data = JSON.parse(event.data) as { reason?: unknown };
        if (typeof data.reason === "string") reason = data.reason;
      } catch {
        /* keep the generic reason */
      }
      for (const listener of [...this.resetListeners]) listener(reason);
    });
    for (const topic of key.split(",")) {
      source.addEventListener(topic, (event) => {
        this.alive(source);
        this.deliver(topic, event);
      });
    }
  }

  /** Refused before it opened: ask why (EventSource hides the status); a typed refusal drops its topics, anything else backs off. */
  private failBeforeOpen(key: string): void {
    this.closeSource();
    const probing = {};
    this.retryTimer = probing; // reconcile waits for the answer
    const settle = (refusal: StreamRefusal | null) => {
      if (this.retryTimer !== probing) return; // superseded (hidden, no topics left)
      this.retryTimer = null;
      if (refusal) this.refuse(key, refusal);
      else this.fail();
    };
    this.deps.probe(streamUrl(key, null)).then(settle, () => settle(null));
  }

  private deliver(topic: string, event: MessageEvent<string>): void {
    this.emit({ type: "message", id: event.lastEventId, at: this.deps.now() });
    let data: unknown;
    try {
      data = JSON.parse(event.data);
    } catch {
      return;
    }
    for (const listener of [...(this.refs.get(topic) ?? [])]) listener({ topic, id: event.lastEventId, data });
  }
}

let manager: EventStreamManager | null = null;

function browserDeps(): ManagerDeps {
  return {
    createEventSource: (url) => new EventSource(url) as unknown as EventSourceLike,
    isHidden: () => document.visibilityState === "hidden",
    onVisibilityChange: (listener) => document.addEventListener("visibilitychange", listener),
    setTimeout: (fn, ms) => window.setTimeout(fn, ms),
    clearTimeout: (handle) => window.clearTimeout(handle as number),
    random: Math.random,
    now: Date.now,
    queueMicrotask: (fn) => queueMicrotask(fn),
    probe: probeStream,
  };
}

/** The tab's shared manager (created on first use in the browser). */
export function getEventStreamManager(): EventStreamManager {
  manager ??= new EventStreamManager(browserDeps());
  return manager;
}

const noopSubscribe = () => () => {};
const serverStatus = () => INITIAL_STATUS;

export interface UseEventStreamOptions {
  /** The server could not resume: refetch whatever the events were keeping fresh. */
  onReset?: (reason: string) => void;
}

/**
 * Subscribes this component to `topics` on the tab's shared stream and
 * returns the connection status ("reconnecting…", "data as of lastEventAt"),
 * with `error` when the server refused one of them (403, 429).
 */
export function useEventStream(
  topics: string | readonly string[],
  onEvent?: (message: StreamMessage) => void,
  options: UseEventStreamOptions = {},
): TopicStreamStatus {
  const key = topicsKey(typeof topics === "string" ? [topics] : topics);
  const handlers = useRef({ onEvent, onReset: options.onReset });
  useEffect(() => {
    handlers.current = { onEvent, onReset: options.onReset };
  });
  useEffect(() => {
    if (key === "") return;
    const m = getEventStreamManager();
    const offs = key.split(",").map((topic) => m.subscribe(topic, (message) => handlers.current.onEvent?.(message)));
    offs.push(m.onReset((reason) => handlers.current.onReset?.(reason)));
    return () => {
      for (const off of offs) off();
    };
  }, [key]);
  const status = useSyncExternalStore(
    typeof window === "undefined" ? noopSubscribe : getEventStreamManager().subscribeStatus,
    typeof window === "undefined" ? serverStatus : getEventStreamManager().getStatus,
    serverStatus,
  );
  return useMemo(() => topicStatus(status, key), [status, key]);
}

/** The latest `cluster` summary (validated) and the connection status. */
export function useClusterSummary(options: UseEventStreamOptions = {}): { summary: ClusterSummary | null; status: StreamStatus } {
  const [summary, setSummary] = useState<ClusterSummary | null>(null);
  const status = useEventStream(
    CLUSTER_TOPIC,
    (message) => {
      const parsed = clusterSummarySchema.safeParse(message.data);
      if (parsed.success) setSummary(parsed.data);
    },
    options,
  );
  return { summary, status };
}
