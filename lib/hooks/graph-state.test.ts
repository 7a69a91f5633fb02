import { describe, expect, it } from "vitest";
import { diffGraphs } from "@/lib/graph/diff";
import type { Graph } from "@/lib/graph/types";
import { graphReducer, initialGraphState } from "./graph-state";

const node = (id: string, rpsIn: number) => ({ id, kind: "service" as const, name: id, namespace: "ns", rpsIn, rpsOut: 0, errorPct: 0, health: "healthy" as const });
const g = (timestamp: number, nodes: ReturnType<typeof node>[]): Graph => ({ type: "service", timestamp, nodes, edges: [] });

describe("graphReducer", () => {
  const t = "graph:s:1m:0:ns";
  const a = g(10, [node("a", 1)]);
  const b = g(20, [node("a", 2), node("b", 1)]);
  const c = g(30, [node("b", 3)]);

  it("replaces on a snapshot and applies diffs in order without mutating the previous graph", () => {
    let s = graphReducer(initialGraphState(t), { type: "event", topic: t, event: { kind: "snapshot", graph: a, computedAt: 1 } });
    expect(s.graph).toBe(a);
    const before = JSON.stringify(a);
    s = graphReducer(s, { type: "event", topic: t, event: { kind: "diff", diff: diffGraphs(a, b), computedAt: 2 } });
    s = graphReducer(s, { type: "event", topic: t, event: { kind: "diff", diff: diffGraphs(b, c), computedAt: 3 } });
    expect(s.graph).toEqual(c);
    expect(JSON.stringify(a)).toBe(before);
    expect(s).toMatchObject({ diffsApplied: 2, computedAt: 3, needsResync: false });
  });

  it("skips a diff older than its snapshot, asks for a resync when one was missed, ignores diffs before any snapshot", () => {
    const fresh = graphReducer(initialGraphState(t), { type: "event", topic: t, event: { kind: "snapshot", graph: b, computedAt: 1 } });
    expect(graphReducer(fresh, { type: "event", topic: t, event: { kind: "diff", diff: diffGraphs(a, b), computedAt: 2 } })).toBe(fresh);
    const missed = graphReducer(graphReducer(initialGraphState(t), { type: "event", topic: t, event: { kind: "snapshot", graph: a, computedAt: 1 } }), {
      type: "event",
      topic: t,
      event: { kind: "diff", diff: diffGraphs(b, c), computedAt: 3 },
    });
    expect(missed.needsResync).toBe(true);
    expect(missed.graph).toBe(a);
    const empty = initialGraphState(t);
    expect(graphReducer(empty, { type: "event", topic: t, event: { kind: "diff", diff: diffGraphs(a, b), computedAt: 2 } })).toBe(empty);
  });

  it("keeps the graph on an error event, clears the error with the next data, and starts over for another topic", () => {
    let s = graphReducer(initialGraphState(t), { type: "event", topic: t, event: { kind: "snapshot", graph: a, computedAt: 1 } });
    s = graphReducer(s, { type: "event", topic: t, event: { kind: "error", error: { code: "Unavailable", message: "Prometheus down" }, computedAt: 2 } });
    expect(s.graph).toBe(a);
    expect(s.error?.code).toBe("Unavailable");
    s = graphReducer(s, { type: "event", topic: t, event: { kind: "diff", diff: diffGraphs(a, b), computedAt: 3 } });
    expect(s.error).toBeNull();
    const other = graphReducer(s, { type: "event", topic: "graph:s:5m:0:ns", event: { kind: "error", error: { code: "Forbidden", message: "no" }, computedAt: 4 } });
    expect(other.graph).toBeNull();
  });
});
