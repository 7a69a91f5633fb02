import { HEARTBEAT_EVENT, STALE_AFTER_MS } from "@/lib/live/heartbeat";
import { describe, expect, it } from "vitest";
import type { ApiError } from "@/lib/errors/api-error";
import type { StreamRefusal } from "./stream-refusal";
import {
  EventStreamManager,
  INITIAL_STATUS,
  nextStatus,
  reconnectDelay,
  streamUrl,
  topicsKey,
  topicStatus,
  type EventSourceLike,
  type ManagerDeps,
  type StreamMessage,
} from "./use-event-stream";

describe("reconnectDelay", () => {
  it("doubles from 1 s with jitter and caps near 30 s", () => {
    expect(reconnectDelay(1, () => 0)).toBe(500);
    expect(reconnectDelay(1, () => 1)).toBe(1000);
    expect(reconnectDelay(4, () => 1)).toBe(8000);
    expect(reconnectDelay(4, () => 0)).toBe(4000);
    expect(reconnectDelay(50, () => 1)).toBe(30_000);
    expect(reconnectDelay(50, () => 0)).toBe(15_000);
  });
});

describe("nextStatus", () => {
  it("goes connecting → open, counts failures while reconnecting and resets on hello", () => {
    let s = nextStatus(INITIAL_STATUS, { type: "open", resuming: false });
    expect(s.state).toBe("connecting");
    s = nextStatus(s, { type: "error", retryAt: 10 });
    s = nextStatus(s, { type: "error", retryAt: 20 });
    expect(s).toMatchObject({ state: "reconnecting", attempt: 2, retryAt: 20 });
    s = nextStatus(s, { type: "open", resuming: true });
    expect(s.state).toBe("reconnecting");
    s = nextStatus(s, { type: "opened" });
    expect(s).toMatchObject({ state: "open", attempt: 2 });
    s = nextStatus(s, { type: "hello", id: "i-3", at: 5 });
    expect(s).toMatchObject({ state: "open", attempt: 0, lastEventId: "i-3", lastEventAt: null });
    s = nextStatus(s, { type: "message", id: "i-4", at: 7 });
    expect(s).toMatchObject({ lastEventId: "i-4", lastEventAt: 7 });
    s = nextStatus(s, { type: "hidden" });
    expect(s).toMatchObject({ state: "paused", lastEventId: "i-4" });
  });
});

describe("topics and URLs", () => {
  it("canonicalises topic sets and carries the resume id", () => {
    expect(topicsKey(["b", "a", "b"])).toBe("a,b");
    expect(streamUrl("a,b", null)).toBe("/api/stream?topics=a%2Cb");
    expect(streamUrl("a", "x-1")).toBe("/api/stream?topics=a&lastEventId=x-1");
  });
});

const forbidden: ApiError = { code: "Forbidden", message: "Not allowed to list services in secret", verb: "list", resource: "services", namespace: "secret" };
const tooMany: ApiError = { code: "TooManyRequests", message: "Too many live topics" };
const settle = () => new Promise((r) => setTimeout(r, 0));

class FakeSource implements EventSourceLike {
  onopen: ((event: Event) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, Array<(event: MessageEvent<string>) => void>>();
  constructor(readonly url: string) {}
  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close(): void {
    this.closed = true;
  }
  emit(type: string, id: string, data: unknown): void {
    const event = { data: JSON.stringify(data), lastEventId: id } as MessageEvent<string>;
    for (const l of this.listeners.get(type) ?? []) l(event);
  }
}

function harness() {
  const sources: FakeSource[] = [];
  const timers: Array<{ fn: () => void; ms: number; cleared: boolean }> = [];
  const micro: Array<() => void> = [];
  let hidden = false;
  let onVisibility: () => void = () => {};
  let now = 1000;
  const probed: string[] = [];
  let answer: StreamRefusal | null = null;
  const deps: ManagerDeps = {
    createEventSource: (url) => {
      const s = new FakeSource(url);
      sources.push(s);
      return s;
    },
    isHidden: () => hidden,
    onVisibilityChange: (l) => {
      onVisibility = l;
    },
    setTimeout: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      timers.push(t);
      return t;
    },
    clearTimeout: (t) => {
      (t as { cleared: boolean }).cleared = true;
    },
    random: () => 1,
    now: () => now,
    queueMicrotask: (fn) => micro.push(fn),
    probe: (url) => {
      probed.push(url);
      return Promise.resolve(answer);
    },
  };
  const manager = new EventStreamManager(deps);
  return {
    manager,
    sources,
    timers,
    flush: () => micro.splice(0).forEach((fn) => fn()),
    setHidden: (h: boolean) => {
      hidden = h;
      onVisibility();
    },
    advance: (ms: number) => {
      now += ms;
    },
    latest: () => sources.at(-1) as FakeSource,
    probed,
    /** The server's answer to the next probes. */
    answer: (a: StreamRefusal | null) => {
      answer = a;
    },
  };
}

describe("EventStreamManager", () => {
  it("opens one stream for all subscribers, reopening with the union of topics", () => {
    const h = harness();
    const got: StreamMessage[] = [];
    const offA1 = h.manager.subscribe("a", (m) => got.push(m));
    const offA2 = h.manager.subscribe("a", (m) => got.push(m));
    h.manager.subscribe("b", (m) => got.push(m));
    h.flush();
    expect(h.sources.map((s) => s.url)).toEqual(["/api/stream?topics=a%2Cb"]);
    h.latest().emit("a", "i-1", { x: 1 });
    expect(got).toHaveLength(2);
    offA1();
    h.flush();
    expect(h.sources).toHaveLength(1); // "a" still has a subscriber
    offA2();
    h.flush();
    expect(h.sources.map((s) => s.closed)).toEqual([true, false]);
    expect(h.latest().url).toBe("/api/stream?topics=b&lastEventId=i-1");
  });

  it("closes when hidden and resumes with the last event id when visible", () => {
    const h = harness();
    h.manager.subscribe("a", () => {});
    h.flush();
    h.latest().onopen?.(new Event("open"));
    h.latest().emit("hello", "i-5", {});
    h.latest().emit("a", "i-6", {});
    expect(h.manager.getStatus()).toMatchObject({ state: "open", lastEventId: "i-6", lastEventAt: 1000 });
    h.setHidden(true);
    expect(h.latest().closed).toBe(true);
    expect(h.manager.getStatus().state).toBe("paused");
    h.setHidden(false);
    expect(h.sources).toHaveLength(2);
    expect(h.latest().url).toBe("/api/stream?topics=a&lastEventId=i-6");
    expect(h.manager.getStatus().state).toBe("connecting");
  });

  it("reconnects after errors with growing delays, resets the count on hello", () => {
    const h = harness();
    h.manager.subscribe("a", () => {});
    h.flush();
    h.latest().onopen?.(new Event("open"));
    h.latest().onerror?.(new Event("error"));
    expect(h.manager.getStatus()).toMatchObject({ state: "reconnecting", attempt: 1 });
    expect(h.latest().closed).toBe(true);
    expect(h.timers.at(-1)?.ms).toBe(1000);
    h.timers.at(-1)?.fn();
    expect(h.sources).toHaveLength(2);
    h.latest().onopen?.(new Event("open"));
    h.latest().onerror?.(new Event("error"));
    expect(h.timers.at(-1)?.ms).toBe(2000);
    h.timers.at(-1)?.fn();
    h.latest().emit("hello", "i-9", {});
    expect(h.manager.getStatus()).toMatchObject({ state: "open", attempt: 0 });
  });

  it("does not reconnect while hidden and tells listeners about resets", () => {
    const h = harness();
    const resets: string[] = [];
    h.manager.onReset((r) => resets.push(r));
    h.manager.subscribe("a", () => {});
    h.flush();
    h.latest().emit("reset", "i-2", { reason: "too-old" });
    expect(resets).toEqual(["too-old"]);
    h.latest().onopen?.(new Event("open"));
    h.latest().onerror?.(new Event("error"));
    h.setHidden(true);
    expect(h.timers.at(-1)?.cleared).toBe(true);
    expect(h.manager.getStatus().state).toBe("paused");
  });

  it("reconnects when the stream goes silent (no event, no heartbeat) and stays open while pings arrive", () => {
    const h = harness();
    h.manager.subscribe("a", () => {});
    h.flush();
    const first = h.latest();
    first.onopen?.(new Event("open"));
    const watchdogs = () => h.timers.filter((t) => t.ms === STALE_AFTER_MS && !t.cleared);
    expect(watchdogs()).toHaveLength(1);
    // A heartbeat re-arms the watchdog: the old timer is cleared, one is pending.
    const armed = watchdogs()[0];
    first.emit(HEARTBEAT_EVENT, "", {});
    expect(armed?.cleared).toBe(true);
    expect(watchdogs()).toHaveLength(1);
    first.emit("a", "i-1", { x: 1 });
    expect(watchdogs()).toHaveLength(1);
    // Silence: the watchdog fires, the dead stream is closed and a backed-off reconnect is scheduled.
    watchdogs()[0]?.fn();
    expect(first.closed).toBe(true);
    expect(h.manager.getStatus()).toMatchObject({ state: "reconnecting", attempt: 1 });
    expect(h.timers.at(-1)?.ms).toBe(1000);
    h.timers.at(-1)?.fn();
    expect(h.sources).toHaveLength(2);
    expect(h.latest().url).toBe("/api/stream?topics=a&lastEventId=i-1");
  });

  it("a late watchdog of a closed stream does nothing", () => {
    const h = harness();
    h.manager.subscribe("a", () => {});
    h.flush();
    const stale = h.timers.find((t) => t.ms === STALE_AFTER_MS);
    h.setHidden(true);
    expect(stale?.cleared).toBe(true);
    stale?.fn();
    expect(h.manager.getStatus().state).toBe("paused");
    expect(h.sources).toHaveLength(1);
  });

  it("backs off as before when a stream that never opened was not refused (server down)", async () => {
    const h = harness();
    h.manager.subscribe("a", () => {});
    h.flush();
    h.latest().onerror?.(new Event("error"));
    await settle();
    expect(h.probed).toEqual(["/api/stream?topics=a"]);
    expect(h.manager.getStatus()).toMatchObject({ state: "reconnecting", attempt: 1, refused: {} });
    expect(h.timers.at(-1)?.ms).toBe(1000);
  });

  it("leaves out a topic refused with 403 for good, keeps the others streaming, and reports it to that topic's components", async () => {
    const h = harness();
    h.manager.subscribe("cluster", () => {});
    const offGraph = h.manager.subscribe("graph:va:1m:0:secret", () => {});
    h.flush();
    h.answer({ error: forbidden, topics: ["graph:va:1m:0:secret"] });
    h.latest().onerror?.(new Event("error"));
    await settle();
    expect(h.latest().url).toBe("/api/stream?topics=cluster");
    const status = h.manager.getStatus();
    expect(topicStatus(status, "graph:va:1m:0:secret")).toMatchObject({ error: forbidden, state: "idle", retryAt: null });
    expect(topicStatus(status, "cluster").error).toBeNull();
    // Never retried: no timer other than the open stream's watchdog.
    expect(h.timers.filter((t) => !t.cleared && t.ms !== STALE_AFTER_MS)).toEqual([]);
    // A component that subscribes to it again (navigation) asks once more.
    offGraph();
    h.flush();
    expect(h.manager.getStatus().refused).toEqual({});
    h.answer(null);
    h.manager.subscribe("graph:va:1m:0:secret", () => {});
    h.flush();
    expect(h.latest().url).toBe("/api/stream?topics=cluster%2Cgraph%3Ava%3A1m%3A0%3Asecret");
  });

  it("retries a topic refused with 429 after a growing delay, not in a tight loop", async () => {
    const h = harness();
    h.manager.subscribe("cluster", () => {});
    h.manager.subscribe("graph:g", () => {});
    h.flush();
    h.answer({ error: tooMany, topics: ["graph:g"] });
    const delays: number[] = [];
    for (let i = 0; i < 3; i++) {
      h.latest().onerror?.(new Event("error"));
      await settle();
      expect(h.latest().url).toBe("/api/stream?topics=cluster");
      const refused = h.manager.getStatus().refused["graph:g"];
      expect(refused?.error).toEqual(tooMany);
      const retry = h.timers.filter((t) => !t.cleared && t.ms !== STALE_AFTER_MS).at(-1);
      delays.push(retry?.ms ?? 0);
      expect(topicStatus(h.manager.getStatus(), "graph:g")).toMatchObject({ state: "reconnecting", retryAt: 1000 + (retry?.ms ?? 0) });
      retry?.fn();
      if (retry) retry.cleared = true;
      expect(h.latest().url).toBe("/api/stream?topics=cluster%2Cgraph%3Ag");
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    h.latest().emit("hello", "i-1", {});
    expect(h.manager.getStatus().refused).toEqual({});
  });

  it("goes idle without subscribers", () => {
    const h = harness();
    const off = h.manager.subscribe("a", () => {});
    h.flush();
    off();
    h.flush();
    expect(h.latest().closed).toBe(true);
    expect(h.manager.getStatus().state).toBe("idle");
  });
});

describe("parseStreamRefusal", () => {
  it("reads the typed body and the topics it names; other statuses are not refusals", async () => {
    const { parseStreamRefusal } = await import("./stream-refusal");
    expect(parseStreamRefusal(429, { error: tooMany, reason: "per-user", topics: ["graph:g"] })).toEqual({ error: tooMany, topics: ["graph:g"] });
    expect(parseStreamRefusal(403, { error: forbidden })).toEqual({ error: forbidden, topics: null });
    expect(parseStreamRefusal(403, "<html>")).toMatchObject({ error: { code: "Forbidden" }, topics: null });
    expect(parseStreamRefusal(503, { error: { code: "Unavailable", message: "down" } })).toBeNull();
  });
});
