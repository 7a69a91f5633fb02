/**
 * The live hub's topics and who holds them (pure; timers come from a
 * {@link Scheduler} so tests can use a fake clock). A topic lives while it has
 * subscribers and for `lingerMs` after its last one left (page reloads, topic
 * switches), then it is released. A user holds the topics it subscribes to
 * and the idle ones whose last subscriber it was; the topics a user holds and
 * the live topics in total are bounded, checked before anything is created.
 */

export interface TopicLimits {
  /** How long a topic without subscribers is kept before it is released. */
  lingerMs: number;
  /** Distinct topics one user (identity key) may hold. */
  maxPerUser: number;
  /** Live topics in total. */
  maxTotal: number;
}

export interface Scheduler {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_SCHEDULER: Scheduler = {
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref?.();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Why topics were refused: the bound reached ("request": more new topics than a user may ever hold), and the topics that would have been new. */
export interface TopicRefusal {
  reason: "request" | "per-user" | "total";
  limit: number;
  topics: string[];
}

export interface TopicTableStats {
  topics: number;
  /** Live topics without subscribers (lingering). */
  idle: number;
  /** Users holding at least one topic. */
  users: number;
  /** Topics held by the user holding the most. */
  maxUserTopics: number;
  released: number;
  refusedPerUser: number;
  refusedTotal: number;
}

interface Entry<S> {
  readonly state: S;
  /** Subscriptions (clients) per user key. */
  readonly users: Map<string, number>;
  /** While idle: the user whose last subscription ended; it holds the topic until release. */
  owner: string | null;
  timer: unknown;
}

export class TopicTable<S> {
  private readonly entries = new Map<string, Entry<S>>();
  private readonly held = new Map<string, Set<string>>();
  private readonly counters = { released: 0, refusedPerUser: 0, refusedTotal: 0 };

  constructor(
    readonly limits: Readonly<TopicLimits>,
    private readonly create: (topic: string) => S,
    private readonly onRelease: (topic: string, state: S) => void,
    private readonly scheduler: Scheduler = REAL_SCHEDULER,
  ) {}

  get(topic: string): S | undefined {
    return this.entries.get(topic)?.state;
  }

  /** Whether `user` may subscribe to `topics` now; null when it may. Counts the refusal. */
  admit(user: string, topics: readonly string[]): TopicRefusal | null {
    const held = this.held.get(user);
    const newForUser = [...new Set(topics)].filter((t) => !held?.has(t));
    if (newForUser.length > this.limits.maxPerUser) return { reason: "request", limit: this.limits.maxPerUser, topics: newForUser };
    if ((held?.size ?? 0) + newForUser.length > this.limits.maxPerUser) {
      this.counters.refusedPerUser += 1;
      return { reason: "per-user", limit: this.limits.maxPerUser, topics: newForUser };
    }
    const newLive = newForUser.filter((t) => !this.entries.has(t));
    if (this.entries.size + newLive.length > this.limits.maxTotal) {
      this.counters.refusedTotal += 1;
      return { reason: "total", limit: this.limits.maxTotal, topics: newLive };
    }
    return null;
  }

  /** One subscription of `user` to `topic`; `created` when the topic just became live. */
  subscribe(user: string, topic: string): { state: S; created: boolean } {
    let entry = this.entries.get(topic);
    const created = !entry;
    if (!entry) {
      entry = { state: this.create(topic), users: new Map(), owner: null, timer: null };
      this.entries.set(topic, entry);
    }
    if (entry.timer !== null) this.scheduler.clearTimeout(entry.timer);
    entry.timer = null;
    if (entry.owner !== null && entry.owner !== user) this.unhold(entry.owner, topic);
    entry.owner = null;
    entry.users.set(user, (entry.users.get(user) ?? 0) + 1);
    this.hold(user, topic);
    return { state: entry.state, created };
  }

  /** Ends one subscription; the last one starts the linger. */
  unsubscribe(user: string, topic: string): void {
    const entry = this.entries.get(topic);
    const count = entry?.users.get(user);
    if (!entry || count === undefined) return;
    if (count > 1) {
      entry.users.set(user, count - 1);
      return;
    }
    entry.users.delete(user);
    if (entry.users.size > 0) {
      this.unhold(user, topic);
      return;
    }
    entry.owner = user;
    entry.timer = this.scheduler.setTimeout(() => this.release(topic, entry), this.limits.lingerMs);
  }

  /** Releases every idle topic now (shutdown). */
  releaseIdle(): void {
    for (const [topic, entry] of [...this.entries]) if (entry.users.size === 0) this.release(topic, entry);
  }

  stats(): TopicTableStats {
    let idle = 0;
    for (const entry of this.entries.values()) if (entry.users.size === 0) idle += 1;
    let maxUserTopics = 0;
    for (const topics of this.held.values()) maxUserTopics = Math.max(maxUserTopics, topics.size);
    return { topics: this.entries.size, idle, users: this.held.size, maxUserTopics, ...this.counters };
  }

  private release(topic: string, entry: Entry<S>): void {
    if (this.entries.get(topic) !== entry || entry.users.size > 0) return;
    if (entry.timer !== null) this.scheduler.clearTimeout(entry.timer);
    this.entries.delete(topic);
    if (entry.owner !== null) this.unhold(entry.owner, topic);
    this.counters.released += 1;
    this.onRelease(topic, entry.state);
  }

  private hold(user: string, topic: string): void {
    let topics = this.held.get(user);
    if (!topics) this.held.set(user, (topics = new Set()));
    topics.add(topic);
  }

  private unhold(user: string, topic: string): void {
    const topics = this.held.get(user);
    topics?.delete(topic);
    if (topics?.size === 0) this.held.delete(user);
  }
}
