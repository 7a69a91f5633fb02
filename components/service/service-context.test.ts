import { describe, expect, it } from "vitest";
import type { TrafficView } from "@/lib/api/traffic";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import { demo, demoSnapshot } from "@/lib/istio/model/testing/demo-snapshot";
import { validateMesh } from "@/lib/istio/validate/validate-mesh";
import { serviceContext } from "./service-context";

function view(files: Parameters<typeof demoSnapshot>[0]): TrafficView {
  const model = buildMeshModel(demoSnapshot(files));
  return {
    revision: 1,
    generatedAt: "2026-01-01T00:00:00.000Z",
    namespaces: model.namespaces,
    services: model.services,
    workloads: model.workloads,
    rollouts: model.rollouts,
    virtualServices: model.virtualServices,
    destinationRules: model.destinationRules,
    gateways: model.gateways,
    httpRoutes: model.httpRoutes,
    validations: validateMesh(model),
    observed: { status: "not-configured", message: "" },
    degraded: [],
  };
}

describe("serviceContext", () => {
  it("gathers the reviews VirtualService, its DestinationRule and their objects", () => {
    const ctx = serviceContext(view(demo.shop), { namespace: "demo-shop", name: "reviews" });
    expect(ctx?.virtualServices.map((v) => v.name)).toEqual(["reviews"]);
    expect(ctx?.destinationRules.map((d) => d.name)).toEqual(["reviews"]);
    expect(ctx?.objects.map((o) => `${o.kind}/${o.name}`)).toEqual(["Service/reviews", "VirtualService/reviews", "DestinationRule/reviews"]);
  });

  it("includes the gateway-bound VirtualService of a host-level canary and its Gateway", () => {
    const ctx = serviceContext(view(demo.hosts), { namespace: "demo-hosts", name: "greeter-r2" });
    expect(ctx?.virtualServices.map((v) => v.name)).toEqual(["greeter"]);
    expect(ctx?.gateways.map((g) => g.name)).toEqual(["greeter-gateway"]);
  });

  it("is null for a Service that is not in the view", () => {
    expect(serviceContext(view(demo.hosts), { namespace: "demo-hosts", name: "nope" })).toBeNull();
  });
});
