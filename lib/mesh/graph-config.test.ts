import { describe, expect, it } from "vitest";
import { buildGraph } from "@/lib/graph/build-graph";
import { bookinfoFixture } from "@/lib/graph/testing/fixtures";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import { bookinfoWith, scenarioSnapshot, scenarios } from "@/lib/istio/model/testing/scenario-snapshot";
import type { MeshSnapshot } from "@/lib/istio/model/snapshot";
import { circuitBreakerDetail, graphConfig } from "./graph-config";

const drSpecs = (s: MeshSnapshot) => s.destinationRules.map((d) => ({ namespace: d.metadata.namespace ?? "", name: d.metadata.name, spec: d.spec }));

function configOf(files: Parameters<typeof scenarioSnapshot>[0], namespaces: string[] = [], options?: Parameters<typeof scenarioSnapshot>[1]) {
  const snapshot = scenarioSnapshot(files, options);
  return graphConfig(buildMeshModel(snapshot), drSpecs(snapshot), namespaces);
}

const badgesOf = (c: ReturnType<typeof graphConfig>, kind: string, ns: string, name: string) =>
  c.badges.filter((b) => b.kind === kind && b.namespace === ns && b.name === name).flatMap((b) => b.badges);

describe("graphConfig", () => {
  it("badges Bookinfo's reviews split, the jason header route and the ratings fault on their Services", () => {
    const split = configOf(bookinfoWith("virtual-service-reviews-80-20.yaml"), ["bookinfo"]);
    expect(badgesOf(split, "service", "bookinfo", "reviews")).toEqual([{ kind: "trafficSplit", detail: "v1 80 % · v2 20 %" }]);
    expect(badgesOf(split, "service", "bookinfo", "details")).toEqual([]);

    const jason = configOf(bookinfoWith("virtual-service-reviews-test-v2.yaml", "virtual-service-ratings-test-abort.yaml"), ["bookinfo"]);
    expect(badgesOf(jason, "service", "bookinfo", "reviews").map((b) => b.kind)).toEqual(["headerRoute"]);
    const ratings = badgesOf(jason, "service", "bookinfo", "ratings");
    expect(ratings.find((b) => b.kind === "fault")?.detail).toMatch(/^abort 500 100 % \(header match\)$/);
  });

  it("lists every Service and workload as inventory, workloads with their app (the Service selecting them) and version", () => {
    const c = configOf(scenarios.bookinfo, ["bookinfo"]);
    expect(c.inventory).toContainEqual({ kind: "service", namespace: "bookinfo", name: "reviews" });
    expect(c.inventory).toContainEqual({ kind: "workload", namespace: "bookinfo", name: "reviews-v3", app: "reviews", version: "v3" });
    expect(c.inventory.every((i) => i.namespace === "bookinfo")).toBe(true);
    expect(c.gateways).toContainEqual({ namespace: "istio-system", workload: "istio-ingressgateway" });
  });

  it("badges workloads whose pods lack the sidecar, and Rollouts in progress on their workload and Services", () => {
    const plain = configOf(scenarios.bookinfo, ["bookinfo"], { injectedNamespaces: [] });
    expect(badgesOf(plain, "workload", "bookinfo", "productpage-v1")[0]?.kind).toBe("missingSidecar");
    const injected = configOf(scenarios.bookinfo, ["bookinfo"]);
    expect(injected.badges.some((b) => b.badges.some((x) => x.kind === "missingSidecar"))).toBe(false);

    const rollout = configOf(scenarios.istioSubsetSplit, ["argo-subset"]);
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

  it("feeds the builder: badges land on the recorded Bookinfo graph's reviews service node, idle inventory adds nodes", () => {
    const c = configOf(bookinfoWith("virtual-service-reviews-80-20.yaml"), ["bookinfo"]);
    const busy = buildGraph(bookinfoFixture, { type: "versionedApp", namespaces: ["bookinfo"], badges: c.badges, gateways: c.gateways });
    expect(busy.nodes.find((n) => n.id === "svc:bookinfo/reviews")?.badges?.[0]?.kind).toBe("trafficSplit");
    const idle = buildGraph(bookinfoFixture, { type: "versionedApp", namespaces: ["bookinfo"], inventory: c.inventory, includeIdleNodes: true, includeIdleEdges: true });
    expect(idle.nodes.length).toBeGreaterThanOrEqual(busy.nodes.length);
    expect(idle.nodes.map((n) => n.id)).toContain("vapp:bookinfo/reviews/v3");
  });
});

describe("rolloutInProgress", () => {
  const snapshot = scenarioSnapshot(scenarios.istioSubsetSplit);
  const base = buildMeshModel(snapshot).rollouts[0];
  it("is true while paused, progressing or degraded, or while a new revision is not yet stable", async () => {
    const { rolloutInProgress } = await import("./graph-config");
    if (!base) throw new Error("scenario has no Rollout");
    expect(rolloutInProgress({ ...base, phase: "Healthy", currentHash: "a", stableHash: "a" })).toBe(false);
    expect(rolloutInProgress({ ...base, phase: "Paused", currentHash: "a", stableHash: "a" })).toBe(true);
    expect(rolloutInProgress({ ...base, phase: "Healthy", currentHash: "b", stableHash: "a" })).toBe(true);
    const model = buildMeshModel(snapshot);
    const paused = graphConfig({ ...model, rollouts: model.rollouts.map((r) => ({ ...r, phase: "Paused", canaryWeight: 10 })) }, drSpecs(snapshot), ["argo-subset"]);
    const onWorkload = paused.badges.find((b) => b.kind === "workload" && b.name === base.name);
    expect(onWorkload?.badges[0]).toEqual({ kind: "rollout", detail: `${base.name}: Paused · canary 10 %` });
  });
});
