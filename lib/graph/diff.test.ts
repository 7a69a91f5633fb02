import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildGraph } from "./build-graph";
import { DiffMismatchError, applyDiff, deepEqual, diffGraphs, isEmptyDiff } from "./diff";
import { bookinfoFixture } from "./testing/fixtures";
import { syntheticPromResults } from "./testing/synthetic";
import { HEALTH_STATES, type Graph, type GraphEdge, type GraphNode } from "./types";

const arbNode: fc.Arbitrary<GraphNode> = fc.record(
  {
    id: fc.constantFrom("a", "b", "c", "d", "e", "f"),
    kind: fc.constantFrom("workload" as const, "service" as const, "unknown" as const),
    name: fc.string({ maxLength: 4 }),
    namespace: fc.constantFrom("x", "y"),
    version: fc.constantFrom("v1", "v2"),
    rpsIn: fc.double({ min: 0, max: 100, noNaN: true }),
    rpsOut: fc.double({ min: 0, max: 100, noNaN: true }),
    errorPct: fc.constantFrom(0, 1.5, 50),
    health: fc.constantFrom(...HEALTH_STATES),
    badges: fc.array(fc.record({ kind: fc.constantFrom("fault" as const, "mirror" as const) }), { maxLength: 2 }),
    outside: fc.constant(true as const),
  },
  { requiredKeys: ["id", "kind", "name", "namespace", "rpsIn", "rpsOut", "errorPct", "health"] },
);

const arbEdge: fc.Arbitrary<GraphEdge> = fc
  .record(
    {
      source: fc.constantFrom("a", "b", "c"),
      target: fc.constantFrom("d", "e", "f"),
      protocols: fc.constantFrom(["http"], ["grpc", "http"]),
      rps: fc.double({ min: 0, max: 100, noNaN: true }),
      errorPct: fc.constantFrom(0, 2, 20),
      clientErrorPct: fc.constantFrom(0, 2),
      sharePct: fc.constantFrom(10, 100),
      p95Ms: fc.constantFrom(4.2, 120),
      codes: fc.dictionary(fc.constantFrom("200", "404", "503"), fc.double({ min: 0, max: 10, noNaN: true })),
      flags: fc.dictionary(fc.constantFrom("NR", "UH"), fc.constant(1)),
      health: fc.constantFrom(...HEALTH_STATES),
    },
    { requiredKeys: ["source", "target", "protocols", "rps", "errorPct", "clientErrorPct", "sharePct", "codes", "health"] },
  )
  .map((e) => ({ ...e, id: `${e.source}->${e.target}` }));

const byId = <T extends { id: string }>(xs: T[]): T[] => [...new Map(xs.map((x) => [x.id, x])).values()].sort((a, b) => (a.id < b.id ? -1 : 1));
const arbGraph: fc.Arbitrary<Graph> = fc.record({
  type: fc.constantFrom("workload" as const, "app" as const),
  timestamp: fc.integer({ min: 0, max: 5 }),
  nodes: fc.array(arbNode, { maxLength: 6 }).map(byId),
  edges: fc.array(arbEdge, { maxLength: 9 }).map(byId),
});

describe("diffGraphs / applyDiff", () => {
  it("applyDiff(a, diffGraphs(a, b)) rebuilds b", () => {
    fc.assert(
      fc.property(arbGraph, arbGraph, (a, b) => {
        expect(applyDiff(a, diffGraphs(a, b))).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });

  it("a graph against itself is an empty diff", () => {
    fc.assert(
      fc.property(arbGraph, (a) => {
        expect(isEmptyDiff(diffGraphs(a, structuredClone(a)))).toBe(true);
      }),
    );
  });

  it("sends only changed fields, and removed optional fields as unset", () => {
    const a = buildGraph(bookinfoFixture, { type: "versionedApp" });
    const changedNode = { ...a.nodes[0]!, rpsOut: 99, badges: [{ kind: "fault" as const }] };
    const { p95Ms: _p95, ...withoutP95 } = a.edges[0]!;
    const b: Graph = {
      ...a,
      timestamp: a.timestamp + 15,
      nodes: [changedNode, ...a.nodes.slice(1)],
      edges: [{ ...withoutP95, rps: 1 }, ...a.edges.slice(2)],
    };
    const d = diffGraphs(a, b);
    expect(d.nodes).toEqual({ added: [], removed: [], changed: [{ id: changedNode.id, set: { rpsOut: 99, badges: [{ kind: "fault" }] } }] });
    expect(d.edges.changed).toEqual([{ id: a.edges[0]!.id, set: { rps: 1 }, unset: ["p95Ms"] }]);
    expect(d.edges.removed).toEqual([a.edges[1]!.id]);
    expect(applyDiff(a, d)).toEqual(b);
    // A diff travels as JSON.
    expect(applyDiff(a, JSON.parse(JSON.stringify(d)))).toEqual(b);
  });

  it("is small between two refreshes of a large graph", () => {
    const a = buildGraph(syntheticPromResults({ workloads: 300, seed: 4 }), { type: "workload" });
    const b = buildGraph(syntheticPromResults({ workloads: 300, seed: 4, rateScale: 1.0004 }), { type: "workload" });
    const d = diffGraphs(a, b);
    expect(d.nodes.added).toEqual([]);
    expect(d.edges.removed).toEqual([]);
    expect(applyDiff(a, d)).toEqual(b);
    // Rounding to 4 significant digits keeps tiny rate jitter out of most edges.
    expect(d.edges.changed.length).toBeLessThan(a.edges.length);
    expect(JSON.stringify(d).length).toBeLessThan(JSON.stringify(b).length / 2);
  });

  it("refuses a diff made against another snapshot", () => {
    const a = buildGraph(bookinfoFixture, { type: "app" });
    const d = diffGraphs({ ...a, timestamp: 1 }, a);
    expect(() => applyDiff({ ...a, timestamp: 2 }, d)).toThrow(DiffMismatchError);
    expect(() => applyDiff({ ...a, nodes: [] }, { ...diffGraphs(a, a), nodes: { added: [], removed: ["nope"], changed: [] } })).toThrow(/nope/);
  });

  it("deepEqual compares JSON-like values", () => {
    expect(deepEqual({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toBe(true);
    expect(deepEqual({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
    expect(deepEqual(Number.NaN, Number.NaN)).toBe(true);
  });
});
