import { describe, expect, it } from "vitest";
import { rolloutWire } from "./rollout-wire";
import { rolloutModel, rolloutRole, splitArgoRef } from "./rollouts";

describe("splitArgoRef", () => {
  it("reads name and name.namespace", () => {
    expect(splitArgoRef("vsvc", "ns")).toEqual({ namespace: "ns", name: "vsvc" });
    expect(splitArgoRef("vsvc.other", "ns")).toEqual({ namespace: "other", name: "vsvc" });
  });
});

describe("rolloutModel", () => {
  it("collects traffic routing references and status hashes", () => {
    const r = rolloutWire.parse({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Rollout",
      metadata: { name: "app", namespace: "ns" },
      spec: {
        strategy: {
          canary: {
            canaryService: "app-canary",
            stableService: "app-stable",
            trafficRouting: {
              istio: { virtualService: { name: "vs1", routes: ["primary"] }, virtualServices: [{ name: "vs2.other" }], destinationRule: { name: "dr", canarySubsetName: "canary", stableSubsetName: "stable" } },
              managedRoutes: [{ name: "header-route" }],
            },
          },
        },
      },
      status: { phase: "Paused", stableRS: "aaa", currentPodHash: "bbb", canary: { weights: { canary: { weight: 20, podTemplateHash: "bbb" } } } },
    });
    const m = rolloutModel(r);
    expect(m.virtualServices).toEqual([
      { namespace: "ns", name: "vs1", routes: ["primary"], tlsRoutes: [], tcpRoutes: [] },
      { namespace: "other", name: "vs2", routes: [], tlsRoutes: [], tcpRoutes: [] },
    ]);
    expect(m.destinationRule).toEqual({ namespace: "ns", name: "dr", canarySubsetName: "canary", stableSubsetName: "stable" });
    expect(m.canaryWeight).toBe(20);
    expect(m.managedRoutes).toEqual(["header-route"]);
    expect(rolloutRole(m, "aaa")).toBe("stable");
    expect(rolloutRole(m, "bbb")).toBe("canary");
    expect(rolloutRole(m, "ccc")).toBe("previous");
  });
});

describe("rolloutModel with ping-pong", () => {
  it("gives the ping and pong Services their roles now (status.canary.stablePingPong)", () => {
    const r = (stablePingPong?: string) =>
      rolloutWire.parse({
        apiVersion: "argoproj.io/v1alpha1",
        kind: "Rollout",
        metadata: { name: "web", namespace: "ns" },
        spec: { strategy: { canary: { pingPong: { pingService: "web-ping", pongService: "web-pong" }, trafficRouting: { istio: { virtualService: { name: "web" } } } } } },
        status: stablePingPong ? { canary: { stablePingPong } } : {},
      });
    expect(rolloutModel(r())).toMatchObject({ stableService: "web-pong", canaryService: "web-ping" });
    expect(rolloutModel(r("ping"))).toMatchObject({ stableService: "web-ping", canaryService: "web-pong" });
    expect(rolloutModel(r("pong"))).toMatchObject({ stableService: "web-pong", canaryService: "web-ping" });
  });
});
