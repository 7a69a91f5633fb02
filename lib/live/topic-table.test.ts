import { describe, expect, it } from "vitest";
import { fakeScheduler } from "./fake-scheduler";
import { ForgottenTopics } from "./forgotten-topics";
import { TopicTable, type TopicLimits } from "./topic-table";

function table(limits: Partial<TopicLimits> = {}) {
  const clock = fakeScheduler();
  const released: string[] = [];
  const t = new TopicTable({ lingerMs: 100, maxPerUser: 3, maxTotal: 5, ...limits }, (topic) => ({ topic }), (topic) => released.push(topic), clock);
  return { t, clock, released };
}

describe("TopicTable", () => {
  it("releases a topic only after its last subscriber left and the linger passed", () => {
    const { t, clock, released } = table();
    expect(t.subscribe("u", "a").created).toBe(true);
    expect(t.subscribe("v", "a").created).toBe(false);
    t.unsubscribe("u", "a");
    clock.advance(1_000);
    expect(released).toEqual([]);
    t.unsubscribe("v", "a");
    expect(t.stats()).toMatchObject({ topics: 1, idle: 1, users: 1 });
    clock.advance(99);
    expect(t.get("a")).toBeDefined();
    clock.advance(1);
    expect(released).toEqual(["a"]);
    expect(t.get("a")).toBeUndefined();
    expect(t.stats()).toMatchObject({ topics: 0, idle: 0, users: 0, released: 1 });
  });

  it("counts one user's several subscriptions of a topic once, and cancels the linger on resubscribe", () => {
    const { t, clock, released } = table();
    t.subscribe("u", "a");
    t.subscribe("u", "a");
    t.unsubscribe("u", "a");
    clock.advance(500);
    expect(t.stats()).toMatchObject({ idle: 0, maxUserTopics: 1 });
    t.unsubscribe("u", "a");
    clock.advance(50);
    t.subscribe("u", "a");
    clock.advance(500);
    expect(released).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it("bounds the topics a user holds, lingering ones included, and names the new ones it refuses", () => {
    const { t, clock } = table();
    for (const topic of ["a", "b", "c"]) t.subscribe("u", topic);
    for (const topic of ["a", "b", "c"]) t.unsubscribe("u", topic);
    expect(t.admit("u", ["a", "d"])).toEqual({ reason: "per-user", limit: 3, topics: ["d"] });
    expect(t.admit("u", ["a", "b"])).toBeNull();
    expect(t.admit("v", ["d", "e", "a"])).toBeNull();
    expect(t.admit("v", ["d", "e", "f", "g"])).toEqual({ reason: "request", limit: 3, topics: ["d", "e", "f", "g"] });
    clock.advance(100);
    expect(t.admit("u", ["d", "e", "f"])).toBeNull();
    expect(t.stats()).toMatchObject({ refusedPerUser: 1, refusedTotal: 0 });
  });

  it("hands an idle topic over to the user who subscribes to it next", () => {
    const { t } = table();
    t.subscribe("u", "a");
    t.unsubscribe("u", "a");
    t.subscribe("v", "a");
    expect(t.admit("u", ["b", "c", "d"])).toBeNull();
    expect(t.stats()).toMatchObject({ users: 1, maxUserTopics: 1 });
  });

  it("bounds the live topics in total", () => {
    const { t, clock } = table();
    for (const [user, topic] of [["u", "a"], ["u", "b"], ["v", "c"], ["v", "d"], ["w", "e"]] as const) t.subscribe(user, topic);
    expect(t.admit("w", ["a", "f"])).toEqual({ reason: "total", limit: 5, topics: ["f"] });
    expect(t.admit("w", ["a", "b"])).toBeNull();
    t.unsubscribe("w", "e");
    clock.advance(100);
    expect(t.admit("w", ["f"])).toBeNull();
    expect(t.stats().refusedTotal).toBe(1);
  });

  it("releases every idle topic at once on shutdown", () => {
    const { t, released, clock } = table();
    t.subscribe("u", "a");
    t.subscribe("u", "b");
    t.unsubscribe("u", "a");
    t.releaseIdle();
    expect(released).toEqual(["a"]);
    expect(clock.pending()).toBe(0);
    expect(t.stats().topics).toBe(1);
  });
});

describe("ForgottenTopics", () => {
  it("remembers the last forgotten sequence per topic, bounded by a floor", () => {
    const f = new ForgottenTopics(2);
    f.forget("a", 3);
    f.forget("b", 5);
    f.forget("a", 2);
    expect(f.upTo("a")).toBe(3);
    expect(f.upTo("never")).toBe(0);
    f.forget("c", 7);
    expect(f.size).toBe(2);
    expect(f.upTo("b")).toBe(5);
    expect(f.upTo("never")).toBe(5);
    expect(f.revive("c")).toBe(7);
    expect(f.upTo("c")).toBe(5);
  });
});
