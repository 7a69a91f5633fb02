import { describe, expect, it } from "vitest";
import { buildGraph } from "@/lib/graph/build-graph";
import { bookinfoFixture } from "@/lib/graph/testing/fixtures";
import { syntheticGraph } from "@/lib/graph/testing/sized-graph";
import { layeredLayout } from "@/lib/graph/worker/layered";
import type { Graph } from "@/lib/graph/types";
import { formatEdgeLabel, formatPct, formatRps } from "./format";
import { buildHitIndex, distanceToEdge } from "./hit-test";
import { edgesOf, firstNode, nearestInDirection } from "./keyboard-nav";
import { buildScene, edgeWidth, pointAt, type Scene } from "./scene";
import { drawDots, planDots } from "./traffic-dots";
import { fitView, panToShow, toWorld, visibleWorld, zoomAt } from "./viewport";

function sceneOf(g: Graph): Scene {
  const { positions } = layeredLayout(g.nodes.map((n) => ({ id: n.id, width: 44, height: 84 })), g.edges, { rankSep: 150, nodeSep: 20 });
  return buildScene(g, positions);
}

const bookinfo = buildGraph(bookinfoFixture, { type: "versionedApp" });
const scene = sceneOf(bookinfo);

describe("scene", () => {
  it("joins nodes with positions and skips what has none yet", () => {
    expect(scene.nodes).toHaveLength(bookinfo.nodes.length);
    expect(scene.edges).toHaveLength(bookinfo.edges.length);
    const partial = buildScene(bookinfo, new Map([[bookinfo.nodes[0]!.id, { x: 0, y: 0 }]]));
    expect(partial.nodes).toHaveLength(1);
    expect(partial.edges).toHaveLength(0);
  });

  it("trims edges to the node outlines and scales width by rate", () => {
    const e = scene.edges[0]!;
    const start = { x: 0, y: 0 };
    pointAt(e, 0, start);
    expect(Math.hypot(start.x - e.source.x, start.y - e.source.y)).toBeCloseTo(e.source.r, 5);
    expect(edgeWidth(0, 10)).toBe(1);
    expect(edgeWidth(10, 10)).toBeCloseTo(6);
    expect(edgeWidth(1, 10)).toBeGreaterThan(1);
  });
});

describe("hit testing", () => {
  const hits = buildHitIndex(scene);
  it("finds the node under the pointer, then the edge near it", () => {
    const n = scene.nodes[3]!;
    expect(hits.nodeAt(n.x + 3, n.y - 3, 2)?.node.id).toBe(n.node.id);
    const e = scene.edges.find((x) => !x.loop)!;
    const mid = { x: 0, y: 0 };
    pointAt(e, 0.5, mid);
    expect(hits.nodeAt(mid.x, mid.y, 2)).toBeNull();
    expect(hits.edgeAt(mid.x + 1, mid.y, 4)?.edge.id).toBe(e.edge.id);
    expect(distanceToEdge(e, mid.x, mid.y)).toBeLessThan(0.5);
    expect(hits.edgeAt(mid.x + 500, mid.y + 500, 4)).toBeNull();
  });
});

describe("keyboard navigation", () => {
  it("starts at the top-left node and moves right along the flow", () => {
    const start = firstNode(scene)!;
    expect(start.node.id).toBe("gw:istio-system/istio-ingressgateway");
    const next = nearestInDirection(scene, start, "right")!;
    expect(next.node.id).toBe("svc:bookinfo/productpage");
    expect(nearestInDirection(scene, start, "left")).toBeNull();
  });

  it("lists a node's edges, outgoing first", () => {
    expect(edgesOf(scene, "vapp:bookinfo/productpage/v1")).toEqual([
      "vapp:bookinfo/productpage/v1->svc:bookinfo/details",
      "vapp:bookinfo/productpage/v1->svc:bookinfo/reviews",
      "svc:bookinfo/productpage->vapp:bookinfo/productpage/v1",
    ]);
  });
});

describe("viewport", () => {
  it("fits, zooms about a point and converts coordinates", () => {
    const v = fitView({ minX: 0, minY: 0, maxX: 1000, maxY: 500 }, 1040, 580);
    expect(v.k).toBeCloseTo(0.96);
    const w = toWorld(v, 520, 290);
    expect(w.x).toBeCloseTo(500);
    expect(w.y).toBeCloseTo(250);
    const z = zoomAt(v, 100, 100, 2);
    const before = toWorld(v, 100, 100);
    const after = toWorld(z, 100, 100);
    expect(after.x).toBeCloseTo(before.x);
    expect(after.y).toBeCloseTo(before.y);
    const vis = visibleWorld({ x: 0, y: 0, k: 2 }, 200, 100);
    expect([vis.minX, vis.minY, vis.maxX, vis.maxY].map((n) => n + 0)).toEqual([0, 0, 100, 50]);
    expect(panToShow({ x: 0, y: 0, k: 1 }, 50, 50, 400, 300)).toEqual({ x: 10, y: 10, k: 1 });
    expect(panToShow({ x: 0, y: 0, k: 1 }, 200, 150, 400, 300)).toEqual({ x: 0, y: 0, k: 1 });
  });
});

describe("traffic dots", () => {
  const big = sceneOf(syntheticGraph({ nodes: 400, maxEdges: 500, seed: 5 }));

  it("plans dots in proportion to traffic, within the budget", () => {
    const plan = planDots(big, 1500);
    expect(plan.total).toBeLessThanOrEqual(1500);
    expect(plan.total).toBeGreaterThan(500);
    const counts = new Map<number, number>();
    plan.edges.forEach((e, i) => counts.set(e, plan.counts[i]!));
    const byRps = big.edges.filter((e) => e.edge.rps > 0 && counts.has(e.index)).sort((a, b) => a.edge.rps / a.length - b.edge.rps / b.length);
    const lo = byRps[0]!;
    const hi = byRps.at(-1)!;
    expect(counts.get(hi.index)!).toBeGreaterThanOrEqual(counts.get(lo.index)!);
  });

  it("shows the busiest edges first when the budget is below one dot per edge", () => {
    const plan = planDots(big, 50);
    expect(plan.total).toBe(50);
    const chosen = new Set(Array.from(plan.edges));
    const minChosen = Math.min(...big.edges.filter((e) => chosen.has(e.index)).map((e) => e.edge.rps));
    const maxLeft = Math.max(...big.edges.filter((e) => !chosen.has(e.index)).map((e) => e.edge.rps));
    expect(minChosen).toBeGreaterThanOrEqual(maxLeft);
    expect(planDots(big, 0).total).toBe(0);
  });

  it("marks error dots in proportion to the error share, and draws only visible ones", () => {
    const plan = planDots(scene, 1500);
    const failing = scene.edges.findIndex((e) => e.edge.errorPct > 10);
    const i = Array.from(plan.edges).indexOf(failing);
    expect(plan.errors[i]!).toBeGreaterThan(0);
    expect(plan.errors[i]! / plan.counts[i]!).toBeCloseTo(scene.edges[failing]!.edge.errorPct / 100, 0);
    let arcs = 0;
    const ctx = { beginPath() {}, moveTo() {}, arc: () => arcs++, fill() {}, fillStyle: "" } as unknown as CanvasRenderingContext2D;
    const all = drawDots(ctx, scene, plan, { x: 0, y: 0, k: 1 }, { minX: -1e6, minY: -1e6, maxX: 1e6, maxY: 1e6 }, 12.5, { ok: "g", error: "r" });
    expect(all).toBe(plan.total);
    expect(arcs).toBe(plan.total);
    expect(drawDots(ctx, scene, plan, { x: 0, y: 0, k: 1 }, { minX: 1e6, minY: 1e6, maxX: 2e6, maxY: 2e6 }, 12.5, { ok: "g", error: "r" })).toBe(0);
  });
});

describe("format", () => {
  it("writes compact figures", () => {
    expect([0, 0.004, 1.234, 12.34, 1234.5].map(formatRps)).toEqual(["0", "<0.01", "1.23", "12.3", "1235"]);
    expect([0, 0.05, 1.25, 45.6].map(formatPct)).toEqual(["0%", "<0.1%", "1.3%", "46%"]);
    const e = bookinfo.edges.find((x) => x.errorPct > 0)!;
    expect(formatEdgeLabel(e)).toMatch(/^\d+\.\d+ rps · \d+% err · p95 [\d.]+ ms$/);
  });
});

describe("centerOn", () => {
  it("puts the world point at the viewport centre and keeps the zoom", async () => {
    const { centerOn, toWorld } = await import("./viewport");
    const v = centerOn({ x: 13, y: -7, k: 0.5 }, 100, 40, 800, 600);
    expect(v.k).toBe(0.5);
    expect(toWorld(v, 400, 300)).toEqual({ x: 100, y: 40 });
  });
});
