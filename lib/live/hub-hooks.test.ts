import { describe, expect, it } from "vitest";
import { LiveHub, PUBLIC, type PublishInput } from "./hub";
import { SseParser, type SseMessage } from "./sse-reader";
import { fakeScheduler } from "./fake-scheduler";

function collect(hub: LiveHub, topics: string[], lastEventId?: string) {
  const abort = new AbortController();
  const stream = hub.connect({ topics, signal: abort.signal, ...(lastEventId ? { lastEventId } : {}) });
  const messages: SseMessage[] = [];
  const parser = new SseParser();
  const decoder = new TextDecoder();
  const done = (async () => {
    const reader = stream.getReader();
    for (;;) {
      const { done: end, value } = await reader.read();
      if (end) return;
      messages.push(...parser.push(decoder.decode(value, { stream: true })));
    }
  })();
  return { messages, abort, done };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const input = (v: unknown): PublishInput<unknown> => ({ parts: [{ scope: PUBLIC, value: v }], render: () => v });

describe("LiveHub topic hooks", () => {
  it("tells when a matching topic becomes live and when it is released, after the linger", async () => {
    const clock = fakeScheduler();
    const hub = new LiveHub({ instanceId: "hooks001", topics: { lingerMs: 1_000 }, scheduler: clock });
    const log: string[] = [];
    hub.addTopicHooks({ matches: (t) => t.startsWith("g:"), active: (t) => log.push(`+${t}`), inactive: (t) => log.push(`-${t}`) });
    const a = collect(hub, ["g:1", "other"]);
    const b = collect(hub, ["g:1"]);
    await tick();
    expect(log).toEqual(["+g:1"]);
    expect(hub.stats()).toMatchObject({ topics: 2, idleTopics: 0 });
    a.abort.abort();
    await a.done;
    b.abort.abort();
    await b.done;
    expect(log).toEqual(["+g:1"]);
    expect(hub.stats()).toMatchObject({ topics: 2, idleTopics: 2 });
    clock.advance(999);
    expect(log).toEqual(["+g:1"]);
    clock.advance(1);
    expect(log).toEqual(["+g:1", "-g:1"]);
    expect(hub.stats()).toMatchObject({ topics: 0, idleTopics: 0, topicsReleased: 2 });
  });

  it("keeps producing a topic that gets a subscriber again within the linger", async () => {
    const clock = fakeScheduler();
    const hub = new LiveHub({ instanceId: "hooks003", topics: { lingerMs: 1_000 }, scheduler: clock });
    const log: string[] = [];
    hub.addTopicHooks({ matches: () => true, active: (t) => log.push(`+${t}`), inactive: (t) => log.push(`-${t}`) });
    const a = collect(hub, ["g"]);
    await tick();
    a.abort.abort();
    await a.done;
    clock.advance(500);
    const b = collect(hub, ["g"]);
    clock.advance(5_000);
    expect(log).toEqual(["+g"]);
    b.abort.abort();
    await b.done;
    clock.advance(1_000);
    expect(log).toEqual(["+g", "-g"]);
  });

  it("sends the current state only to the client that connects, after replayed events and before later ones", async () => {
    const hub = new LiveHub({ instanceId: "hooks002" });
    let state: unknown = null;
    hub.addTopicHooks({ matches: (t) => t === "g", initial: () => (state === null ? [] : [input({ snapshot: state })]) });
    const first = collect(hub, ["g"]);
    await tick();
    hub.publish("g", input({ diff: 1 }));
    state = 1;
    await tick();
    const second = collect(hub, ["g"]);
    await tick();
    hub.publish("g", input({ diff: 2 }));
    await tick();
    const data = (c: ReturnType<typeof collect>) => c.messages.filter((m) => m.event === "g").map((m) => JSON.parse(m.data));
    expect(data(first)).toEqual([{ diff: 1 }, { diff: 2 }]);
    expect(data(second)).toEqual([{ snapshot: 1 }, { diff: 2 }]);
    // The snapshot carries the id of "now", so a resume from it replays only later events.
    const snapId = second.messages.find((m) => m.event === "g")?.id ?? "";
    const resumed = collect(hub, ["g"], snapId);
    await tick();
    expect(data(resumed)).toEqual([{ diff: 2 }, { snapshot: 1 }]);
    for (const c of [first, second, resumed]) c.abort.abort();
    await Promise.all([first.done, second.done, resumed.done]);
  });
});
