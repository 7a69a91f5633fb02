import { describe, expect, it } from "vitest";
import { buildGraph } from "@/lib/graph/build-graph";
import { bookinfoFixture } from "@/lib/graph/testing/fixtures";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import { bookinfoWith, scenarioSnapshot, scenarios } from "@/lib/istio/model/testing/scenario-snapshot";
import { selectionContext, serviceOfNode } from "./selection-context";

const model = buildMeshModel(scenarioSnapshot([...bookinfoWith("virtual-service-reviews-80-20.yaml"), ...scenarios.istioSubsetSplit]));
const graph = buildGraph(bookinfoFixture, { type: "versionedApp", namespaces: ["bookinfo"] });

describe("selectionContext", () => {
  it("maps a versioned app node to its Service with the routing that targets it", () => {
    const ctx = selectionContext(graph, { kind: "node", id: "vapp:bookinfo/reviews/v2" }, model);
    expect(ctx?.service).toEqual({ namespace: "bookinfo", name: "reviews" });
    expect(ctx?.virtualServices.map((v) => v.name)).toEqual(["reviews"]);
    expect(ctx?.destinationRules.map((d) => d.name)).toEqual(["reviews"]);
    expect(ctx?.rollout).toBeNull();
  });

  it("describes an edge by its target and its ends", () => {
    const edge = graph.edges.find((e) => e.target === "svc:bookinfo/ratings");
    if (!edge) throw new Error("fixture has no edge to ratings");
    const ctx = selectionContext(graph, { kind: "edge", id: edge.id }, model);
    expect(ctx?.edge?.id).toBe(edge.id);
    expect(ctx?.target?.id).toBe("svc:bookinfo/ratings");
    expect(ctx?.service).toEqual({ namespace: "bookinfo", name: "ratings" });
  });

  it("finds the Rollout owning a workload node, and nothing for unknown nodes or stale selections", () => {
    const r = model.rollouts[0];
    if (!r) throw new Error("no Rollout in the scenario");
    const node = { id: `wl:${r.namespace}/${r.name}`, kind: "workload" as const, name: r.name, namespace: r.namespace, rpsIn: 1, rpsOut: 0, errorPct: 0, health: "healthy" as const };
    const g = { type: "workload" as const, timestamp: 1, nodes: [node], edges: [] };
    expect(selectionContext(g, { kind: "node", id: node.id }, model)?.rollout).toEqual({ namespace: r.namespace, name: r.name });
    expect(serviceOfNode({ ...node, id: "unknown", kind: "unknown", name: "unknown" }, model)).toBeNull();
    expect(selectionContext(graph, { kind: "node", id: "svc:nowhere/x" }, model)).toBeNull();
  });
});
