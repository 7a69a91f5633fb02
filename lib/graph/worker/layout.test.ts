import { describe, expect, it } from "vitest";
import { buildGraph } from "../build-graph";
import { bookinfoFixture } from "../testing/fixtures";
import { syntheticPromResults } from "../testing/synthetic";
import { computeLayout } from "./compute";
import { layeredLayout, placeWithGaps, type Point } from "./layered";
import { placeNodes } from "./place";

const sized = (ids: readonly string[]) => ids.map((id) => ({ id, width: 40, height: 40 }));

function overlaps(nodes: readonly { id: string; width: number; height: number }[], pos: ReadonlyMap<string, Point>): string[] {
  const out: string[] = [];
  for (let i = 0; i < nodes.length; i++) {
    for (let j = i + 1; j < nodes.length; j++) {
      const a = nodes[i]!;
      const b = nodes[j]!;
      const pa = pos.get(a.id)!;
      const pb = pos.get(b.id)!;
      if (Math.abs(pa.x - pb.x) < (a.width + b.width) / 2 && Math.abs(pa.y - pb.y) < (a.height + b.height) / 2) out.push(`${a.id}/${b.id}`);
    }
  }
  return out;
}

describe("placeWithGaps", () => {
  it("keeps order and gaps and stays as close as possible to the wishes", () => {
    expect(placeWithGaps([0, 100, 200], [1, 1, 1], [10, 10])).toEqual([0, 100, 200]);
    expect(placeWithGaps([0, 0, 0], [1, 1, 1], [10, 10])).toEqual([-10, 0, 10]);
    const ys = placeWithGaps([50, 0], [1, 3], [20]);
    expect(ys[1]! - ys[0]!).toBeCloseTo(20);
    expect(ys[0]).toBeCloseTo(-2.5); // the heavier wish (0) pulls more
  });
});

describe("layeredLayout", () => {
  const g = buildGraph(bookinfoFixture, { type: "versionedApp" });
  const nodes = sized(g.nodes.map((n) => n.id));

  it("lays Bookinfo out left to right without overlaps", () => {
    const { positions } = layeredLayout(nodes, g.edges);
    expect(positions.size).toBe(nodes.length);
    expect(overlaps(nodes, positions)).toEqual([]);
    for (const e of g.edges) expect(positions.get(e.source)!.x, e.id).toBeLessThan(positions.get(e.target)!.x);
    const x = (id: string) => positions.get(id)!.x;
    expect(x("gw:istio-system/istio-ingressgateway")).toBeLessThan(x("vapp:bookinfo/productpage/v1"));
    expect(x("vapp:bookinfo/productpage/v1")).toBeLessThan(x("vapp:bookinfo/ratings/v1"));
  });

  it("is deterministic, survives cycles, self loops and unknown ids, and packs components", () => {
    const cyc = [
      { source: "a", target: "b" },
      { source: "b", target: "c" },
      { source: "c", target: "a" },
      { source: "a", target: "a" },
      { source: "a", target: "ghost" },
      { source: "x", target: "y" },
    ];
    const n = sized(["a", "b", "c", "x", "y", "lonely"]);
    const r1 = layeredLayout(n, cyc);
    expect(layeredLayout(n, cyc)).toEqual(r1);
    expect(overlaps(n, r1.positions)).toEqual([]);
    expect(r1.width).toBeGreaterThan(0);
  });

  it("handles a thousand nodes without overlaps", () => {
    const big = buildGraph(syntheticPromResults({ workloads: 650, seed: 2 }), { type: "workload" });
    const n = sized(big.nodes.map((x) => x.id));
    expect(n.length).toBeGreaterThan(900);
    const { positions } = layeredLayout(n, big.edges);
    expect(overlaps(n, positions)).toEqual([]);
  });
});

describe("placeNodes", () => {
  const g = buildGraph(bookinfoFixture, { type: "versionedApp" });
  const nodes = sized(g.nodes.map((n) => n.id));
  const first = placeNodes(nodes, g.edges, new Map());

  it("lays out in full when nothing has a position yet, and leaves a known graph alone", () => {
    expect(first.mode).toBe("full");
    const again = placeNodes(nodes, g.edges, first.positions);
    expect(again).toMatchObject({ mode: "unchanged", placed: 0 });
    expect(again.positions).toEqual(first.positions);
    expect(placeNodes(nodes, g.edges, first.positions, { full: true }).mode).toBe("full");
  });

  it("keeps existing positions and puts a new version next to its service", () => {
    const v3 = "vapp:bookinfo/reviews/v3";
    const more = [...nodes, { id: v3, width: 40, height: 40 }];
    const edges = [...g.edges, { source: "svc:bookinfo/reviews", target: v3 }];
    const r = placeNodes(more, edges, first.positions);
    expect(r).toMatchObject({ mode: "incremental", placed: 1 });
    for (const [id, p] of first.positions) expect(r.positions.get(id)).toEqual(p);
    const svc = r.positions.get("svc:bookinfo/reviews")!;
    const p = r.positions.get(v3)!;
    expect(p.x).toBeGreaterThan(svc.x);
    expect(Math.abs(p.y - svc.y)).toBeLessThan(400);
    expect(overlaps(more, r.positions)).toEqual([]);
  });

  it("places an island of new nodes below the existing ones", () => {
    const island = sized(["i:a", "i:b", "i:c"]);
    const r = placeNodes([...nodes, ...island], [...g.edges, { source: "i:a", target: "i:b" }, { source: "i:b", target: "i:c" }], first.positions);
    const maxY = Math.max(...[...first.positions.values()].map((p) => p.y));
    for (const n of island) expect(r.positions.get(n.id)!.y).toBeGreaterThan(maxY);
    expect(r.positions.get("i:a")!.x).toBeLessThan(r.positions.get("i:c")!.x);
  });
});

describe("placeNodes hints", () => {
  it("puts a returning node back where it was when the spot is free, elsewhere when taken", () => {
    const nodes = sized(["a", "b", "c"]);
    const edges = [{ source: "a", target: "b" }, { source: "a", target: "c" }];
    const fixed = new Map([["a", { x: 0, y: 0 }], ["b", { x: 200, y: 0 }]]);
    expect(placeNodes(nodes, edges, fixed, { hints: new Map([["c", { x: 200, y: 300 }]]) }).positions.get("c")).toEqual({ x: 200, y: 300 });
    expect(placeNodes(nodes, edges, fixed, { hints: new Map([["c", { x: 205, y: 5 }]]) }).positions.get("c")).not.toEqual({ x: 205, y: 5 });
  });
});

describe("computeLayout (the worker's protocol)", () => {
  it("answers a request with positions in request order", () => {
    const ids = ["a", "b", "c"];
    const res = computeLayout({
      type: "layout",
      seq: 7,
      ids,
      sizes: new Float64Array([40, 40, 40, 40, 40, 40]),
      edges: new Uint32Array([0, 1, 1, 2]),
      fixedIds: ["a", "b"],
      fixedXY: new Float64Array([10, 20, 300, 20]),
      hintIds: [],
      hintXY: new Float64Array(0),
      full: false,
    });
    expect(res).toMatchObject({ type: "layout", seq: 7, mode: "incremental", placed: 1 });
    expect(Array.from(res.xy.slice(0, 4))).toEqual([10, 20, 300, 20]);
    expect(res.xy[4]).toBeGreaterThan(300);
  });
});
