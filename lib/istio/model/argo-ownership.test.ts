import { describe, expect, it } from "vitest";
import { argoClaims, managedRouteIndexes } from "./argo-ownership";
import type { RolloutModel } from "./schema";

const model = (r: Partial<RolloutModel> = {}): RolloutModel => ({
  namespace: "a",
  name: "demo",
  phase: null,
  strategy: "canary",
  stableHash: null,
  currentHash: null,
  canaryWeight: null,
  canaryService: null,
  stableService: null,
  virtualServices: [],
  destinationRule: null,
  managedRoutes: [],
  httpRoutes: [],
  ...r,
});
const vsRef = { namespace: "a", name: "web", routes: [], tlsRoutes: [], tcpRoutes: [] };
const annotated = { annotations: { "argo-rollouts.argoproj.io/managed-by-rollouts": "demo" } };

describe("argoClaims: ownership from live references", () => {
  it("a Rollout referencing the VirtualService claims the routes Argo writes in it", () => {
    const claims = argoClaims({ kind: "VirtualService", namespace: "a", name: "web", metadata: {}, spec: { tls: [{ match: [{ port: 443 }] }] } }, [model({ virtualServices: [vsRef] })]);
    expect(claims).toMatchObject([{ rollout: "demo", namespace: "a", routes: { http: [], tls: [0], tcp: [], error: null } }]);
    expect(managedRouteIndexes(claims).tls.get(0)).toBe("demo");
  });

  it("no reference, no owner: a leftover annotation (or field manager) does not count when Rollouts are known", () => {
    expect(argoClaims({ kind: "DestinationRule", namespace: "a", name: "web", metadata: annotated }, [model()])).toEqual([]);
    expect(argoClaims({ kind: "DestinationRule", namespace: "a", name: "web", metadata: {} }, [model({ destinationRule: { namespace: "a", name: "web", canarySubsetName: "c", stableSubsetName: "s" } })])).toMatchObject([{ rollout: "demo", routes: null }]);
  });

  it("the annotation Argo keeps current names the owner when Rollouts cannot be read", () => {
    expect(argoClaims({ kind: "DestinationRule", namespace: "a", name: "web", metadata: annotated }, null)).toMatchObject([{ rollout: "demo", routes: null }]);
    expect(argoClaims({ kind: "VirtualService", namespace: "a", name: "web", metadata: {} }, null)).toEqual([]);
  });

  it("HTTPRoutes of the gatewayAPI plugin are claimed whole", () => {
    expect(argoClaims({ kind: "HTTPRoute", namespace: "a", name: "r", metadata: {} }, [model({ httpRoutes: [{ namespace: "a", name: "r" }] })])).toMatchObject([{ routes: null }]);
  });
});
