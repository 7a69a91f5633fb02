import { describe, expect, it } from "vitest";
import { buildGraph } from "@/lib/graph/build-graph";
import { shopFixture } from "@/lib/graph/testing/fixtures";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import { demo, demoSnapshot, shopWith } from "@/lib/istio/model/testing/demo-snapshot";
import type { MeshSnapshot } from "@/lib/istio/model/snapshot";
import { circuitBreakerDetail, graphConfig } from "./graph-config";

const drSpecs = (s: MeshSnapshot) => s.destinationRules.map((d) => ({ namespace: d.metadata.namespace ?? "", name: d.metadata.name, spec: d.spec }));

function configOf(files: Parameters<typeof demoSnapshot>[0], namespaces: string[] = [], options?: Parameters<typeof demoSnapshot>[1]) {
  const snapshot = demoSnapshot(files, options);
  return graphConfig(buildMeshModel(snapshot), drSpecs(snapshot), namespaces);
}

const badgesOf = (c: ReturnType<typeof graphConfig>, kind: string, ns: string, name: string) =>
  c.badges.filter((b) => b.kind === kind && b.namespace === ns && b.name === name).flatMap((b) => b.badges);

describe("graphConfig", () => {
  it("badges the shop's reviews split, alex's header route and the ratings fault on their Services", () => {
    const split = configOf(demo.shop, ["demo-shop"]);
    expect(badgesOf(split, "service", "demo-shop", "reviews")).toEqual([{ kind: "trafficSplit", detail: "v1 80 % · v2 20 %" }]);
    expect(badgesOf(split, "service", "demo-shop", "catalog")).toEqual([]);

    const alex = configOf(shopWith("user-route.yaml", "abort-fault.yaml"), ["demo-shop"]);
    expect(badgesOf(alex, "service", "demo-shop", "reviews").map((b) => b.kind)).toEqual(["headerRoute"]);
    const ratings = badgesOf(alex, "service", "demo-shop", "ratings");
    expect(ratings.find((b) => b.kind === "fault")?.detail).toMatch(/^abort 500 100 % \(header match\)$/);
  });

  it("lists every Service and workload as inventory, workloads with their app (the Service selecting them) and version", () => {
    const c = configOf(demo.shop, ["demo-shop"]);
    expect(c.inventory).toContainEqual({ kind: "service", namespace: "demo-shop", name: "reviews" });
    expect(c.inventory).toContainEqual({ kind: "workload", namespace: "demo-shop", name: "reviews-v3", app: "reviews", version: "v3" });
    expect(c.inventory.every((i) => i.namespace === "demo-shop")).toBe(true);
    expect(c.gateways).toContainEqual({ namespace: "istio-system", workload: "istio-ingressgateway" });
  });

  it("badges workloads whose pods lack the sidecar, and Rollouts in progress on their workload and Services", () => {
    const plain = configOf(demo.shop, ["demo-shop"], { injectedNamespaces: [] });
    expect(badgesOf(plain, "workload", "demo-shop", "front-v1")[0]?.kind).toBe("missingSidecar");
    const injected = configOf(demo.shop, ["demo-shop"]);
    expect(injected.badges.some((b) => b.badges.some((x) => x.kind === "missingSidecar"))).toBe(false);

    const rollout = configOf(demo.argoSubset, ["demo-argo-subset"]);
    const kinds = rollout.badges.flatMap((b) => b.badges.map((x) => x.kind));
    // A freshly applied Rollout is fully promoted (no canary yet): not in progress.
    expect(kinds).not.toContain("rollout");
  });

  it("reads circuit breakers from the DestinationRule's or a subset's traffic policy", () => {
    expect(circuitBreakerDetail({ host: "r", trafficPolicy: { outlierDetection: { consecutive5xxErrors: 1 } } })).toBe("outlier detection");
    expect(circuitBreakerDetail({ host: "r", subsets: [{ name: "v1", trafficPolicy: { connectionPool: { tcp: { maxConnections: 1 } } } }] })).toBe("connection pool");
    expect(circuitBreakerDetail({ host: "r", trafficPolicy: { tls: { mode: "ISTIO_MUTUAL" } } })).toBeNull();
    expect(circuitBreakerDetail(null)).toBeNull();
  });

  it("feeds the builder: badges land on the recorded shop graph's reviews service node, idle inventory adds nodes", () => {
    const c = configOf(demo.shop, ["demo-shop"]);
    const busy = buildGraph(shopFixture, { type: "versionedApp", namespaces: ["demo-shop"], badges: c.badges, gateways: c.gateways });
    expect(busy.nodes.find((n) => n.id === "svc:demo-shop/reviews")?.badges?.[0]?.kind).toBe("trafficSplit");
    const idle = buildGraph(shopFixture, { type: "versionedApp", namespaces: ["demo-shop"], inventory: c.inventory, includeIdleNodes: true, includeIdleEdges: true });
    expect(idle.nodes.length).toBeGreaterThanOrEqual(busy.nodes.length);
    expect(idle.nodes.map((n) => n.id)).toContain("vapp:demo-shop/reviews/v3");
  });
});

describe("rolloutInProgress", () => {
  const snapshot = demoSnapshot(demo.argoSubset);
  const base = buildMeshModel(snapshot).rollouts[0];
  it("is true while paused, progressing or degraded, or while a new revision is not yet stable", async () => {
    const { rolloutInProgress } = await import("./graph-config");
    if (!base) throw new Error("the demo world's argo-subset has no Rollout");
    expect(rolloutInProgress({ ...base, phase: "Healthy", currentHash: "a", stableHash: "a" })).toBe(false);
    expect(rolloutInProgress({ ...base, phase: "Paused", currentHash: "a", stableHash: "a" })).toBe(true);
    expect(rolloutInProgress({ ...base, phase: "Healthy", currentHash: "b", stableHash: "a" })).toBe(true);
    const model = buildMeshModel(snapshot);
    const paused = graphConfig({ ...model, rollouts: model.rollouts.map((r) => ({ ...r, phase: "Paused", canaryWeight: 10 })) }, drSpecs(snapshot), ["demo-argo-subset"]);
    const onWorkload = paused.badges.find((b) => b.kind === "workload" && b.name === base.name);
    expect(onWorkload?.badges[0]).toEqual({ kind: "rollout", detail: `${base.name}: Paused · canary 10 %` });
  });
});
