import { describe, expect, it } from "vitest";
import { fixtureNow, loadFixture } from "../fixtures/load";
import { testRollout } from "../test-objects";
import { buildRolloutView } from "./build";
import { splitArgoRef, trafficRoutingView } from "./traffic";

describe("trafficRoutingView", () => {
  it("host-level Istio (rollouts-demo): the VirtualService route and both Services", () => {
    const f = loadFixture("canary-paused");
    const t = buildRolloutView(f, fixtureNow(f)).trafficRouting;
    expect(t).toMatchObject({ kind: "istio-host", providers: ["istio"], canaryService: "rollouts-demo-canary", stableService: "rollouts-demo-stable", canarySubset: null });
    expect(t?.resources.map((r) => [r.kind, r.name, r.routes])).toEqual([
      ["VirtualService", "rollouts-demo-vsvc", ["primary"]],
      ["Service", "rollouts-demo-canary", []],
      ["Service", "rollouts-demo-stable", []],
    ]);
    expect(t?.resources[0]?.lockReason).toContain('the weights of route "primary"');
    expect(t?.resources[0]?.lockReason).toContain("Rollout meshdeck-fixtures/rollouts-demo");
  });

  it("subset-level Istio (istio-subset-split): the VirtualService and the DestinationRule subsets", () => {
    const f = loadFixture("subset-paused");
    const t = buildRolloutView(f, fixtureNow(f)).trafficRouting;
    expect(t).toMatchObject({ kind: "istio-subset", canarySubset: "canary", stableSubset: "stable", canaryService: null });
    expect(t?.resources.map((r) => `${r.kind}/${r.namespace}/${r.name}`)).toEqual(["VirtualService/meshdeck-fixtures/istio-subset-split-vsvc", "DestinationRule/meshdeck-fixtures/istio-subset-split-destrule"]);
    expect(t?.resources[1]?.lockReason).toContain('subsets "canary", "stable"');
  });

  it("blue-green: the active and preview Services", () => {
    const f = loadFixture("bluegreen-paused");
    expect(buildRolloutView(f, fixtureNow(f)).trafficRouting?.resources.map((r) => r.name)).toEqual(["bluegreen-active", "bluegreen-preview"]);
  });

  it("reads name.namespace references, several VirtualServices, managed routes and plugins", () => {
    const r = testRollout({
      spec: {
        strategy: {
          canary: {
            trafficRouting: {
              istio: { virtualServices: [{ name: "a.other", routes: ["r1"], tlsRoutes: [{ port: 443, sniHosts: ["a.example"] }], tcpRoutes: [{ port: 5000 }] }, { name: "b" }] },
              managedRoutes: [{ name: "hdr" }],
              plugins: { "argoproj-labs/gatewayAPI": {} },
              maxTrafficWeight: 1000,
            },
          },
        },
      },
    });
    const t = trafficRoutingView(r);
    expect(t?.kind).toBe("istio-host");
    expect(t?.providers).toEqual(["istio", "plugin:argoproj-labs/gatewayAPI"]);
    expect(t?.maxWeight).toBe(1000);
    expect(t?.resources.map((x) => [x.namespace, x.name, x.routes])).toEqual([
      ["other", "a", ["r1", "hdr"]],
      ["ns", "b", ["hdr"]],
    ]);
    expect(t?.resources[0]?.lockReason).toContain('route "r1", the TLS routes matching port 443 SNI a.example and the TCP routes matching port 5000');
    expect(t?.resources[1]?.lockReason).toContain("its only (or first unnamed) HTTP route, its only TLS route (if any) and its only TCP route (if any)");
    expect(trafficRoutingView(testRollout({ spec: { strategy: { canary: { trafficRouting: { nginx: { stableIngress: "i" } } } } } }))?.kind).toBe("other");
    expect(trafficRoutingView(testRollout())?.kind).toBe("none");
    expect(splitArgoRef("vs.", "d")).toEqual({ name: "vs", namespace: "d" });
  });
});
