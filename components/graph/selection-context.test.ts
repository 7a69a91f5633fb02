import { describe, expect, it } from "vitest";
import { buildGraph } from "@/lib/graph/build-graph";
import { shopFixture } from "@/lib/graph/testing/fixtures";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import { demo, demoSnapshot } from "@/lib/istio/model/testing/demo-snapshot";
import { selectionContext, serviceOfNode } from "./selection-context";

const model = buildMeshModel(demoSnapshot([...demo.shop, ...demo.argoSubset]));
const graph = buildGraph(shopFixture, { type: "versionedApp", namespaces: ["demo-shop"] });

describe("selectionContext", () => {
  it("maps a versioned app node to its Service with the routing that targets it", () => {
    const ctx = selectionContext(graph, { kind: "node", id: "vapp:demo-shop/reviews/v2" }, model);
    expect(ctx?.service).toEqual({ namespace: "demo-shop", name: "reviews" });
    expect(ctx?.virtualServices.map((v) => v.name)).toEqual(["reviews"]);
    expect(ctx?.destinationRules.map((d) => d.name)).toEqual(["reviews"]);
    expect(ctx?.rollout).toBeNull();
  });

  it("describes an edge by its target and its ends", () => {
    const edge = graph.edges.find((e) => e.target === "svc:demo-shop/ratings");
    if (!edge) throw new Error("fixture has no edge to ratings");
    const ctx = selectionContext(graph, { kind: "edge", id: edge.id }, model);
    expect(ctx?.edge?.id).toBe(edge.id);
    expect(ctx?.target?.id).toBe("svc:demo-shop/ratings");
    expect(ctx?.service).toEqual({ namespace: "demo-shop", name: "ratings" });
  });

  it("finds the Rollout owning a workload node, and nothing for unknown nodes or stale selections", () => {
    const r = model.rollouts[0];
    if (!r) throw new Error("no Rollout in the demo world");
    const node = { id: `wl:${r.namespace}/${r.name}`, kind: "workload" as const, name: r.name, namespace: r.namespace, rpsIn: 1, rpsOut: 0, errorPct: 0, health: "healthy" as const };
    const g = { type: "workload" as const, timestamp: 1, nodes: [node], edges: [] };
    expect(selectionContext(g, { kind: "node", id: node.id }, model)?.rollout).toEqual({ namespace: r.namespace, name: r.name });
    expect(serviceOfNode({ ...node, id: "unknown", kind: "unknown", name: "unknown" }, model)).toBeNull();
    expect(selectionContext(graph, { kind: "node", id: "svc:nowhere/x" }, model)).toBeNull();
  });
});
