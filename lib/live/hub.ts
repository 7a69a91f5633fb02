import "server-only";
import { parseMeshdeckEnv } from "@/lib/config/meshdeck-env";
import { AppError } from "@/lib/errors/app-error";
import { formatEventId, newInstanceId, parseEventId } from "./event-id";
import { RingBuffer } from "./ring-buffer";
import { HEARTBEAT_EVENT, HEARTBEAT_MS } from "./heartbeat";
import { encodeSse, formatSseComment, formatSseEvent } from "./sse-format";
import { ForgottenTopics } from "./forgotten-topics";
import { TopicTable, type Scheduler, type TopicLimits, type TopicRefusal } from "./topic-table";

/** Who may see a part of an event. */
export type Scope =
  | { kind: "public" }
  /** Needs `list` on the resource cluster-wide (cluster-scoped resources). */
  | { kind: "cluster"; group: string; resource: string }
  /** Needs `list` on the resource in `namespace` (or cluster-wide). */
  | { kind: "namespace"; group: string; resource: string; namespace: string };

export const PUBLIC: Scope = Object.freeze({ kind: "public" });

export interface EventPart<T> {
  scope: Scope;
  value: T;
}

/**
 * An event computed once by a producer. A client receives `render(parts it may
 * see)`; clients with the same visibility share one rendering and one encoding.
 * `render` returning undefined means "nothing for this client" (not sent).
 */
export interface PublishInput<T> {
  parts: readonly EventPart<T>[];
  render(visible: readonly T[]): unknown;
}

/** What one client may see; `key` identifies the identity (clients with equal keys see the same). */
export interface AccessPolicy {
  readonly key: string;
  visible(scope: Exclude<Scope, { kind: "public" }>): boolean | Promise<boolean>;
}

export const ALLOW_ALL: AccessPolicy = Object.freeze({ key: "*", visible: () => true });

/**
 * A family of topics whose events are produced on demand (e.g. one graph per
 * `graph:…` topic): told when a topic becomes live (its first subscriber) and
 * when it is released (its last subscriber left and the linger passed), and
 * asked for the current state to send a client that subscribes.
 */
export interface TopicHooks {
  matches(topic: string): boolean;
  /** `topic` became live. */
  active?(topic: string): void;
  /** `topic` was released: stop producing it. */
  inactive?(topic: string): void;
  /** Events sent only to a client that just (re)connected to `topic`, after any replay: its current state. */
  initial?(topic: string): readonly PublishInput<unknown>[];
}

export interface HubOptions {
  /** Events kept per topic for Last-Event-ID resume. */
  bufferSize?: number;
  heartbeatMs?: number;
  /** A client whose unsent backlog exceeds this many bytes is disconnected (it resumes with Last-Event-ID). */
  maxBacklogBytes?: number;
  instanceId?: string;
  /** Linger and bounds of live topics (defaults: those of lib/config/meshdeck-env.ts). */
  topics?: Partial<TopicLimits>;
  /** Timers of the topic linger (a fake clock in tests). */
  scheduler?: Scheduler;
}

export interface ConnectOptions {
  topics: readonly string[];
  policy?: AccessPolicy;
  lastEventId?: string | null;
  signal?: AbortSignal;
}

export interface HubStats {
  instance: string;
  clients: number;
  topics: number;
  /** Last sequence number handed out. */
  seq: number;
  eventsPublished: number;
  /** Distinct renderings (per event and visibility). */
  framesRendered: number;
  framesSent: number;
  bytesSent: number;
  resets: number;
  replayed: number;
  slowClientsDropped: number;
  /** Live topics without subscribers (lingering until released). */
  idleTopics: number;
  /** Identities holding topics, and the most topics one holds. */
  topicUsers: number;
  maxUserTopics: number;
  topicsReleased: number;
  topicsRefusedPerUser: number;
  topicsRefusedTotal: number;
  /** Events published to a topic nobody held (not stored). */
  eventsDropped: number;
}

/** Why a client must refetch instead of resuming. */
export type ResetReason = "unknown-id" | "other-instance" | "too-old";

interface StoredEvent {
  seq: number;
  id: string;
  topic: string;
  parts: readonly EventPart<unknown>[];
  render: (visible: readonly unknown[]) => unknown;
  allPublic: boolean;
  /** Encoded frame per visibility mask ("*" = everything); null: nothing to send. */
  frames: Map<string, Uint8Array | null>;
  /** Visibility mask per policy key. */
  masks: Map<string, Promise<string>>;
}

interface TopicState {
  ring: RingBuffer<StoredEvent>;
  /** Highest sequence evicted from the ring, or forgotten before the topic lived again (0: none). */
  evictedUpTo: number;
  subscribers: Set<Client>;
}

interface Client {
  id: number;
  /** Identity key the client's topics count against. */
  user: string;
  topics: ReadonlySet<string>;
  policy: AccessPolicy;
  controller: ReadableStreamDefaultController<Uint8Array>;
  chain: Promise<void>;
  closed: boolean;
  cleanup: () => void;
}

/** The typed error of a refused subscription (the body lists the refused topics): 400 for a request that can never fit, else 429. */
export function topicRefusalError(refusal: TopicRefusal): AppError {
  const extras = { extras: { reason: refusal.reason, limit: refusal.limit, topics: refusal.topics } };
  if (refusal.reason === "request") return new AppError({ code: "BadRequest", message: `Too many topics in one request: at most ${refusal.limit} per user` }, extras);
  const what = refusal.reason === "per-user" ? `${refusal.limit} live topics per user` : `${refusal.limit} live topics in total`;
  return new AppError({ code: "TooManyRequests", message: `Too many live topics: at most ${what}; topics without subscribers are released after a while` }, extras);
}

/**
 * Fan-out of per-topic events to SSE clients. Producers publish once; every
 * subscribed client gets the event (filtered by its {@link AccessPolicy}) in
 * publish order. Event ids carry the hub instance and a hub-wide sequence.
 * Topics live while subscribed and a linger after (see topic-table.ts); an
 * event published to a topic nobody holds is dropped, and a resume that
 * missed forgotten events gets `reset`.
 */
export class LiveHub {
  readonly instance: string;
  private seq = 0;
  private nextClientId = 1;
  private readonly topics: TopicTable<TopicState>;
  private readonly forgotten = new ForgottenTopics();
  private readonly clients = new Set<Client>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private readonly hooks = new Set<TopicHooks>();
  private readonly bufferSize: number;
  private readonly heartbeatMs: number;
  private readonly maxBacklogBytes: number;
  private readonly counters = {
    eventsPublished: 0,
    framesRendered: 0,
    framesSent: 0,
    bytesSent: 0,
    resets: 0,
    replayed: 0,
    slowClientsDropped: 0,
    eventsDropped: 0,
  };

  constructor(options: HubOptions = {}) {
    this.instance = options.instanceId ?? newInstanceId();
    this.bufferSize = options.bufferSize ?? 256;
    this.heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
    this.maxBacklogBytes = options.maxBacklogBytes ?? 4 * 1024 * 1024;
    const limits = { ...parseMeshdeckEnv({}).liveTopics, ...options.topics };
    this.topics = new TopicTable(limits, (topic) => this.newTopic(topic), (topic, state) => this.release(topic, state), options.scheduler);
  }

  stats(): HubStats {
    const t = this.topics.stats();
    return {
      instance: this.instance,
      clients: this.clients.size,
      topics: t.topics,
      seq: this.seq,
      ...this.counters,
      idleTopics: t.idle,
      topicUsers: t.users,
      maxUserTopics: t.maxUserTopics,
      topicsReleased: t.released,
      topicsRefusedPerUser: t.refusedPerUser,
      topicsRefusedTotal: t.refusedTotal,
    };
  }

  /** The configured linger and bounds of live topics. */
  topicLimits(): Readonly<TopicLimits> {
    return this.topics.limits;
  }

  /** Id of the latest event (any topic). */
  currentId(): string {
    return formatEventId(this.instance, this.seq);
  }

  private newTopic(name: string): TopicState {
    return { ring: new RingBuffer(this.bufferSize), evictedUpTo: this.forgotten.revive(name), subscribers: new Set() };
  }

  private release(name: string, state: TopicState): void {
    this.forgotten.forget(name, Math.max(state.evictedUpTo, state.ring.newest()?.seq ?? 0));
    this.notify(name, "inactive");
  }

  /** Registers on-demand topics; returns an unregister function. */
  addTopicHooks(hooks: TopicHooks): () => void {
    this.hooks.add(hooks);
    return () => {
      this.hooks.delete(hooks);
    };
  }

  private hooksFor(topic: string): TopicHooks[] {
    return [...this.hooks].filter((h) => h.matches(topic));
  }

  private notify(topic: string, which: "active" | "inactive"): void {
    for (const h of this.hooksFor(topic)) {
      try {
        h[which]?.(topic);
      } catch (error) {
        console.error(`[meshdeck] live topic hook failed: ${error instanceof Error ? error.message : typeof error}`);
      }
    }
  }

  private storedEvent<T>(seq: number, topic: string, input: PublishInput<T>): StoredEvent {
    return {
      seq,
      id: formatEventId(this.instance, seq),
      topic,
      parts: input.parts,
      render: input.render as (visible: readonly unknown[]) => unknown,
      allPublic: input.parts.every((p) => p.scope.kind === "public"),
      frames: new Map(),
      masks: new Map(),
    };
  }

  /** Publishes an event to `topic`; returns its id. */
  publish<T>(topic: string, input: PublishInput<T>): string {
    this.seq += 1;
    const event = this.storedEvent(this.seq, topic, input);
    this.counters.eventsPublished += 1;
    const state = this.topics.get(topic);
    if (!state) {
      this.counters.eventsDropped += 1;
      this.forgotten.forget(topic, event.seq);
      return event.id;
    }
    const evicted = state.ring.push(event);
    if (evicted) state.evictedUpTo = evicted.seq;
    for (const client of state.subscribers) this.enqueue(client, event);
    return event.id;
  }

  /** Convenience: an event whose payload everyone subscribed may see. */
  publishPublic(topic: string, payload: unknown): string {
    return this.publish(topic, { parts: [{ scope: PUBLIC, value: payload }], render: () => payload });
  }

  private mask(event: StoredEvent, policy: AccessPolicy): Promise<string> {
    if (event.allPublic || policy === ALLOW_ALL) return Promise.resolve("*");
    let mask = event.masks.get(policy.key);
    if (!mask) {
      const answers = event.parts.map((p) => (p.scope.kind === "public" ? true : policy.visible(p.scope)));
      mask = Promise.all(answers).then(
        (seen) => (seen.every(Boolean) ? "*" : seen.map((v) => (v ? "1" : "0")).join("")),
        () => event.parts.map((p) => (p.scope.kind === "public" ? "1" : "0")).join(""), // fail closed
      );
      event.masks.set(policy.key, mask);
    }
    return mask;
  }

  private frame(event: StoredEvent, mask: string): Uint8Array | null {
    let frame = event.frames.get(mask);
    if (frame === undefined) {
      const visible = mask === "*" ? event.parts : event.parts.filter((_, i) => mask[i] === "1");
      const payload = event.render(visible.map((p) => p.value));
      frame = payload === undefined ? null : encodeSse(formatSseEvent({ id: event.id, event: event.topic, data: JSON.stringify(payload) }));
      event.frames.set(mask, frame);
      this.counters.framesRendered += 1;
    }
    return frame;
  }

  private write(client: Client, bytes: Uint8Array): void {
    if (client.closed) return;
    try {
      client.controller.enqueue(bytes);
    } catch {
      this.remove(client);
      return;
    }
    this.counters.bytesSent += bytes.byteLength;
    const desired = client.controller.desiredSize;
    if (desired !== null && desired < -this.maxBacklogBytes) {
      // Slow consumer: drop it; the browser resumes from its Last-Event-ID.
      this.counters.slowClientsDropped += 1;
      this.remove(client);
    }
  }

  /** Runs `step` after the client's previous writes; a failing step is logged and skipped. */
  private schedule(client: Client, step: () => void | Promise<void>): void {
    client.chain = client.chain.then(step).catch((error: unknown) => {
      console.error(`[meshdeck] live event delivery failed: ${error instanceof Error ? error.message : typeof error}`);
    });
  }

  private enqueue(client: Client, event: StoredEvent): void {
    this.schedule(client, async () => {
      if (client.closed) return;
      const mask = await this.mask(event, client.policy);
      if (client.closed) return;
      const frame = this.frame(event, mask);
      if (!frame) return;
      this.write(client, frame);
      this.counters.framesSent += 1;
    });
  }

  private writeControl(client: Client, text: string): void {
    this.schedule(client, () => this.write(client, encodeSse(text)));
  }

  private remove(client: Client): void {
    if (client.closed) return;
    client.closed = true;
    this.clients.delete(client);
    for (const topic of client.topics) {
      this.topics.get(topic)?.subscribers.delete(client);
      this.topics.unsubscribe(client.user, topic);
    }
    client.cleanup();
    try {
      client.controller.close();
    } catch {
      /* already closed or cancelled */
    }
    if (this.clients.size === 0 && this.heartbeat) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  private ensureHeartbeat(): void {
    if (this.heartbeat) return;
    // A named event, not a comment: browsers never surface comments, and the
    // client's watchdog needs to see the stream alive to notice a dead one.
    const beat = encodeSse(formatSseComment("heartbeat") + formatSseEvent({ event: HEARTBEAT_EVENT, data: "{}" }));
    this.heartbeat = setInterval(() => {
      for (const client of this.clients) this.schedule(client, () => this.write(client, beat));
    }, this.heartbeatMs);
    this.heartbeat.unref?.();
  }

  /** Events of `topics` after `lastSeq`, or why they cannot be replayed. */
  private replayPlan(topics: ReadonlySet<string>, lastEventId: string | null | undefined): { reset: ResetReason | null; events: StoredEvent[] } {
    if (!lastEventId) return { reset: null, events: [] };
    const parsed = parseEventId(lastEventId);
    if (!parsed) return { reset: "unknown-id", events: [] };
    if (parsed.instance !== this.instance || parsed.seq > this.seq) return { reset: "other-instance", events: [] };
    const events: StoredEvent[] = [];
    for (const name of topics) {
      const state = this.topics.get(name);
      if ((state?.evictedUpTo ?? this.forgotten.upTo(name)) > parsed.seq) return { reset: "too-old", events: [] };
      if (state) events.push(...state.ring.after((e) => e.seq <= parsed.seq));
    }
    events.sort((a, b) => a.seq - b.seq);
    return { reset: null, events };
  }

  /**
   * A new SSE stream for `topics`. With `lastEventId` it first replays the
   * missed events, or sends `reset` when they are gone (or the id is from
   * another instance); then a `hello` carrying the current id; then live events.
   * Throws a typed 429 ({@link topicRefusalError}) when the topics would exceed
   * the caller's or the process's bound; nothing is subscribed then.
   */
  connect(options: ConnectOptions): ReadableStream<Uint8Array> {
    const refusal = this.topics.admit((options.policy ?? ALLOW_ALL).key, options.topics);
    if (refusal) throw topicRefusalError(refusal);
    let client: Client | null = null;
    return new ReadableStream<Uint8Array>(
      {
        start: (controller) => {
          client = this.attach(controller, options);
        },
        cancel: () => {
          if (client) this.remove(client);
        },
      },
      new ByteLengthQueuingStrategy({ highWaterMark: 64 * 1024 }),
    );
  }

  private attach(controller: ReadableStreamDefaultController<Uint8Array>, options: ConnectOptions): Client {
    const topics = new Set(options.topics);
    const signal = options.signal;
    const onAbort = () => this.remove(client);
    const policy = options.policy ?? ALLOW_ALL;
    const client: Client = {
      id: this.nextClientId++,
      user: policy.key,
      topics,
      policy,
      controller,
      chain: Promise.resolve(),
      closed: false,
      cleanup: () => signal?.removeEventListener("abort", onAbort),
    };
    if (signal?.aborted) {
      client.closed = true;
      controller.close();
      return client;
    }
    signal?.addEventListener("abort", onAbort, { once: true });
    // Registration and the replay plan happen in one synchronous step, so
    // every later publish has a higher sequence than what is replayed.
    const plan = this.replayPlan(topics, options.lastEventId);
    const id = this.currentId();
    this.clients.add(client);
    const activated: string[] = [];
    for (const topic of topics) {
      const { state, created } = this.topics.subscribe(client.user, topic);
      state.subscribers.add(client);
      if (created) activated.push(topic);
    }
    this.ensureHeartbeat();
    this.writeControl(client, `retry: 5000\n${formatSseComment(`meshdeck ${this.instance}`)}`);
    if (plan.reset) {
      this.counters.resets += 1;
      this.writeControl(client, formatSseEvent({ id, event: "reset", data: JSON.stringify({ reason: plan.reset, id }) }));
    } else {
      this.counters.replayed += plan.events.length;
      for (const event of plan.events) this.enqueue(client, event);
    }
    // Current state of on-demand topics, only for this client, with the id of "now": later events follow it.
    for (const topic of topics) {
      for (const h of this.hooksFor(topic)) {
        for (const input of h.initial?.(topic) ?? []) this.enqueue(client, this.storedEvent(this.seq, topic, input));
      }
    }
    this.writeControl(client, formatSseEvent({ id, event: "hello", data: JSON.stringify({ id, instance: this.instance, topics: [...topics] }) }));
    for (const topic of activated) this.notify(topic, "active");
    return client;
  }

  /** Closes every client stream, stops the heartbeat and releases every topic. */
  closeAll(): void {
    for (const client of [...this.clients]) this.remove(client);
    this.topics.releaseIdle();
  }
}
