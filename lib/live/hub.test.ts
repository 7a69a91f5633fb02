import { describe, expect, it } from "vitest";
import { LiveHub, PUBLIC, type AccessPolicy, type Scope } from "./hub";
import { AppError } from "@/lib/errors/app-error";
import { SseParser, type SseMessage } from "./sse-reader";
import { fakeScheduler } from "./fake-scheduler";

interface Collected {
  messages: SseMessage[];
  raw: string[];
  abort: AbortController;
  done: Promise<void>;
}

function collect(hub: LiveHub, topics: string[], options: { lastEventId?: string; policy?: AccessPolicy } = {}): Collected {
  const abort = new AbortController();
  const stream = hub.connect({ topics, signal: abort.signal, ...options });
  const out: Collected = { messages: [], raw: [], abort, done: Promise.resolve() };
  const parser = new SseParser();
  const decoder = new TextDecoder();
  out.done = (async () => {
    const reader = stream.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const text = decoder.decode(value, { stream: true });
      out.raw.push(text);
      out.messages.push(...parser.push(text));
    }
  })();
  return out;
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const events = (c: Collected, name?: string) => c.messages.filter((m) => (name ? m.event === name : m.event !== "hello"));

describe("LiveHub", () => {
  it("computes each event once and fans it out to every subscriber in order", async () => {
    const hub = new LiveHub({ instanceId: "test0001" });
    const clients = [collect(hub, ["t"]), collect(hub, ["t"]), collect(hub, ["t", "other"])];
    const lonely = collect(hub, ["other"]);
    await tick();
    let renders = 0;
    for (const n of [1, 2]) hub.publish("t", { parts: [{ scope: PUBLIC, value: n }], render: (v) => (renders++, { n: v[0] }) });
    await tick();
    for (const c of clients) {
      expect(c.messages.map((m) => m.event)).toEqual(["hello", "t", "t"]);
      expect(events(c, "t").map((m) => [m.id, JSON.parse(m.data)])).toEqual([
        ["test0001-1", { n: 1 }],
        ["test0001-2", { n: 2 }],
      ]);
    }
    expect(events(lonely, "t")).toEqual([]);
    expect(renders).toBe(2);
    expect(hub.stats()).toMatchObject({ clients: 4, eventsPublished: 2, framesRendered: 2, framesSent: 6 });
    for (const c of [...clients, lonely]) c.abort.abort();
    await Promise.all([...clients, lonely].map((c) => c.done));
    expect(hub.stats().clients).toBe(0);
  });

  it("replays missed events after Last-Event-ID, then says hello with the current id", async () => {
    const hub = new LiveHub({ instanceId: "test0002" });
    const first = collect(hub, ["t"]);
    await tick();
    hub.publishPublic("t", { n: 1 });
    await tick();
    const lastId = events(first, "t")[0]?.id;
    first.abort.abort();
    await first.done;
    hub.publishPublic("t", { n: 2 });
    hub.publishPublic("x", { n: 3 });
    hub.publishPublic("t", { n: 4 });
    const again = collect(hub, ["t"], { lastEventId: lastId });
    await tick();
    expect(again.messages.map((m) => [m.event, m.id])).toEqual([
      ["t", "test0002-2"],
      ["t", "test0002-4"],
      ["hello", "test0002-4"],
    ]);
    hub.publishPublic("t", { n: 5 });
    await tick();
    expect(again.messages.at(-1)?.id).toBe("test0002-5");
    expect(hub.stats().replayed).toBe(2);
    again.abort.abort();
  });

  it.each([
    ["another instance", "zzzz9999-1", "other-instance"],
    ["a garbage id", "garbage", "unknown-id"],
    ["a future sequence", "test0003-999", "other-instance"],
  ])("sends reset for %s", async (_what, lastEventId, reason) => {
    const hub = new LiveHub({ instanceId: "test0003" });
    hub.publishPublic("t", 1);
    const c = collect(hub, ["t"], { lastEventId });
    await tick();
    expect(c.messages[0]).toMatchObject({ event: "reset", id: "test0003-1" });
    expect(JSON.parse(c.messages[0]?.data ?? "{}")).toMatchObject({ reason });
    c.abort.abort();
  });

  it("sends reset when the missed events were evicted from the ring", async () => {
    const hub = new LiveHub({ instanceId: "test0004", bufferSize: 2 });
    const holder = collect(hub, ["t"]);
    for (let i = 0; i < 5; i++) hub.publishPublic("t", i);
    const tooOld = collect(hub, ["t"], { lastEventId: "test0004-1" });
    const recent = collect(hub, ["t"], { lastEventId: "test0004-3" });
    await tick();
    expect(tooOld.messages.map((m) => m.event)).toEqual(["reset", "hello"]);
    expect(recent.messages.map((m) => [m.event, m.id])).toEqual([
      ["t", "test0004-4"],
      ["t", "test0004-5"],
      ["hello", "test0004-5"],
    ]);
    for (const c of [holder, tooOld, recent]) c.abort.abort();
  });

  it("forgets a topic after the linger: later events are dropped and a resume that missed any gets reset", async () => {
    const clock = fakeScheduler();
    const hub = new LiveHub({ instanceId: "test0010", topics: { lingerMs: 1_000 }, scheduler: clock });
    const first = collect(hub, ["t", "u"]);
    await tick();
    hub.publishPublic("t", 1);
    await tick();
    first.abort.abort();
    await first.done;
    hub.publishPublic("t", 2); // stored: the topic lingers
    clock.advance(1_000);
    expect(hub.stats()).toMatchObject({ topics: 0, idleTopics: 0, topicUsers: 0 });
    hub.publishPublic("t", 3);
    expect(hub.stats()).toMatchObject({ topics: 0, eventsDropped: 1 });
    const missed = collect(hub, ["t"], { lastEventId: "test0010-1" });
    const current = collect(hub, ["t", "u"], { lastEventId: "test0010-3" });
    await tick();
    expect(missed.messages.map((m) => m.event)).toEqual(["reset", "hello"]);
    expect(current.messages.map((m) => m.event)).toEqual(["hello"]);
    for (const c of [missed, current]) c.abort.abort();
  });

  it("refuses, with a typed 429 naming them, topics beyond the caller's or the process's bound", async () => {
    const hub = new LiveHub({ instanceId: "test0011", topics: { maxPerUser: 2, maxTotal: 3 } });
    const alice: AccessPolicy = { key: "alice", visible: () => true };
    const bob: AccessPolicy = { key: "bob", visible: () => true };
    const a = collect(hub, ["t1", "t2"], { policy: alice });
    const refused = (topics: string[], policy: AccessPolicy) => {
      try {
        hub.connect({ topics, policy });
      } catch (error) {
        return error instanceof AppError ? { status: error.status, code: error.code, extras: error.extras } : error;
      }
      return null;
    };
    expect(refused(["t1", "t3"], alice)).toEqual({ status: 429, code: "TooManyRequests", extras: { reason: "per-user", limit: 2, topics: ["t3"] } });
    expect(refused(["a", "b", "c"], bob)).toMatchObject({ status: 400, code: "BadRequest" });
    const b = collect(hub, ["t1", "t3"], { policy: bob });
    expect(refused(["t4"], { key: "carol", visible: () => true })).toEqual({ status: 429, code: "TooManyRequests", extras: { reason: "total", limit: 3, topics: ["t4"] } });
    await tick();
    expect(hub.stats()).toMatchObject({ clients: 2, topics: 3, topicUsers: 2, maxUserTopics: 2, topicsRefusedPerUser: 1, topicsRefusedTotal: 1 });
    for (const c of [a, b]) c.abort.abort();
  });

  it("delivers only the parts a client's policy allows, rendering once per visibility", async () => {
    const hub = new LiveHub({ instanceId: "test0005" });
    const onlyA = (key: string): AccessPolicy => ({
      key,
      visible: async (scope: Exclude<Scope, { kind: "public" }>) => scope.kind === "namespace" && scope.namespace === "a",
    });
    const admin = collect(hub, ["t"]);
    const alice = collect(hub, ["t"], { policy: onlyA("alice") });
    const alice2 = collect(hub, ["t"], { policy: onlyA("alice") });
    const bob = collect(hub, ["t"], { policy: onlyA("bob") });
    await tick();
    const ns = (namespace: string): Scope => ({ kind: "namespace", group: "", resource: "pods", namespace });
    hub.publish("t", {
      parts: [
        { scope: PUBLIC, value: "public" },
        { scope: ns("a"), value: "in-a" },
        { scope: ns("b"), value: "in-b" },
        { scope: { kind: "cluster", group: "", resource: "namespaces" }, value: "cluster" },
      ],
      render: (visible) => visible,
    });
    await tick();
    expect(JSON.parse(events(admin, "t")[0]?.data ?? "null")).toEqual(["public", "in-a", "in-b", "cluster"]);
    for (const c of [alice, alice2, bob]) expect(JSON.parse(events(c, "t")[0]?.data ?? "null")).toEqual(["public", "in-a"]);
    // Everything for admin, one rendering shared by alice, alice2 and bob (same mask).
    expect(hub.stats().framesRendered).toBe(2);
    for (const c of [admin, alice, alice2, bob]) c.abort.abort();
  });

  it("sends nothing to a client whose rendering is undefined", async () => {
    const hub = new LiveHub({ instanceId: "test0009" });
    const none: AccessPolicy = { key: "none", visible: () => false };
    const admin = collect(hub, ["t"]);
    const restricted = collect(hub, ["t"], { policy: none });
    await tick();
    hub.publish("t", {
      parts: [{ scope: PUBLIC, value: 0 }, { scope: { kind: "namespace", group: "", resource: "pods", namespace: "b" }, value: 1 }],
      render: (visible) => (visible.length > 1 ? visible : undefined),
    });
    await tick();
    expect(events(admin, "t")).toHaveLength(1);
    expect(events(restricted, "t")).toHaveLength(0);
    admin.abort.abort();
    restricted.abort.abort();
  });

  it("fails closed when a policy check throws", async () => {
    const hub = new LiveHub({ instanceId: "test0006" });
    const broken: AccessPolicy = { key: "x", visible: () => Promise.reject(new Error("SSAR failed")) };
    const c = collect(hub, ["t"], { policy: broken });
    await tick();
    hub.publish("t", { parts: [{ scope: PUBLIC, value: 1 }, { scope: { kind: "namespace", group: "", resource: "pods", namespace: "a" }, value: 2 }], render: (v) => v });
    await tick();
    expect(JSON.parse(events(c, "t")[0]?.data ?? "null")).toEqual([1]);
    c.abort.abort();
  });

  it("sends heartbeats (a comment for proxies, a ping event for the client's watchdog) and stops them when the last client leaves", async () => {
    const hub = new LiveHub({ instanceId: "test0007", heartbeatMs: 10 });
    const c = collect(hub, ["t"]);
    await new Promise((r) => setTimeout(r, 40));
    expect(c.raw.join("")).toContain(": heartbeat\n\n");
    expect(c.raw.join("")).toContain("event: ping\ndata: {}\n\n");
    c.abort.abort();
    await c.done;
    expect(hub.stats().clients).toBe(0);
  });

  it("ignores clients whose request was already aborted", async () => {
    const hub = new LiveHub({ instanceId: "test0008" });
    const abort = new AbortController();
    abort.abort();
    const reader = hub.connect({ topics: ["t"], signal: abort.signal }).getReader();
    expect((await reader.read()).done).toBe(true);
    expect(hub.stats().clients).toBe(0);
  });
});
