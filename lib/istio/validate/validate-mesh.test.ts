import { describe, expect, it } from "vitest";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import type { MeshSnapshot } from "@/lib/istio/model/snapshot";
import { demo, demoSnapshot, shopWith, wholeWorld, type DemoFile } from "@/lib/istio/model/testing/demo-snapshot";
import { validateMesh } from "./validate-mesh";
import { validationSchema, type Validation } from "./schema";

function validate(snapshot: MeshSnapshot): Validation[] {
  const out = validateMesh(buildMeshModel(snapshot));
  for (const v of out) validationSchema.parse(v);
  return out;
}

const serious = (vs: Validation[]) => vs.filter((v) => v.severity !== "info");
const brief = (vs: Validation[]) => vs.map((v) => `${v.severity} ${v.code} ${v.object.kind} ${v.object.namespace}/${v.object.name} ${v.path}`);

function one<T>(items: readonly T[], pick: (t: T) => boolean, what: string): T {
  const found = items.filter(pick);
  if (found.length !== 1 || !found[0]) throw new Error(`expected one ${what}, found ${found.length}`);
  return found[0];
}

const withObjects = (snap: MeshSnapshot, fn: (s: MeshSnapshot) => void): MeshSnapshot => {
  const copy = structuredClone(snap);
  fn(copy);
  return copy;
};

describe("validateMesh on the demo world", () => {
  const clean: Record<string, DemoFile[]> = {
    "shop (reviews 80/20)": demo.shop,
    "shop all-v1": shopWith("all-v1.yaml"),
    "shop user route": shopWith("user-route.yaml"),
    "shop abort fault for alex": shopWith("all-v1.yaml", "user-route.yaml", "abort-fault.yaml"),
    "shop delay fault for alex": shopWith("all-v1.yaml", "user-route.yaml", "delay-fault.yaml"),
    "shop 50/50 v1/v3": shopWith("all-v1.yaml", "shift-50-50.yaml"),
    "demo-staged": demo.staged,
    "demo-bluegreen": demo.blueGreen,
    "demo-hosts": demo.hosts,
    "demo-canary (Rollout present)": demo.canary,
    "demo-argo-subset (Rollout present)": demo.argoSubset,
    "demo-gateway-api": demo.gatewayApi,
    "demo-tcp": demo.tcp,
    "the whole world together": wholeWorld,
  };
  for (const [name, files] of Object.entries(clean)) {
    it(`${name}: no error, no warning`, () => {
      expect(brief(serious(validate(demoSnapshot(files))))).toEqual([]);
    });
  }

  it("shop: a subset without pods nobody routes to is only informational", () => {
    const snap = withObjects(demoSnapshot(demo.shop), (s) => {
      s.pods = s.pods.filter((p) => p.metadata.labels?.app !== "reviews" || p.metadata.labels.version !== "v3");
    });
    expect(brief(validate(snap))).toEqual(["info DR_SUBSET_NO_PODS DestinationRule demo-shop/reviews spec.subsets[2].labels"]);
  });

  it("Argo canaries before the controller touched anything are clean too", () => {
    for (const files of [demo.canary, demo.argoSubset]) expect(brief(serious(validate(demoSnapshot(files, { argoController: false }))))).toEqual([]);
  });
});

describe("validateMesh finds real problems in edited variants", () => {
  it("a match-less abort rule first: the rule behind it is unreachable", () => {
    const snap = withObjects(demoSnapshot(shopWith("abort-fault.yaml")), (s) => {
      const first = one(s.virtualServices, (x) => x.metadata.name === "ratings", "VS").spec.http?.[0];
      if (first) delete first.match;
    });
    const v = validate(snap);
    expect(brief(serious(v))).toEqual(["warning VS_RULE_SHADOWED VirtualService demo-shop/ratings spec.http[1]"]);
    expect(v.find((x) => x.code === "VS_RULE_SHADOWED")?.message).toContain('rule 0 ("abort-alex") takes all its requests first');
  });
});

describe("validateMesh on broken variants", () => {
  // The shop with every service routed (all-v1), then reviews back at 80/20.
  const shop8020 = demoSnapshot(shopWith("all-v1.yaml", "shift-80-20.yaml"));

  it("renamed subset → VS_SUBSET_NOT_FOUND (KIA1107) on the route", () => {
    const snap = withObjects(shop8020, (s) => {
      const subset = one(one(s.destinationRules, (d) => d.metadata.name === "reviews", "DR").spec.subsets ?? [], (x) => x.name === "v2", "subset");
      subset.name = "version-2";
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual(["error VS_SUBSET_NOT_FOUND VirtualService demo-shop/reviews spec.http[0].route[1].destination.subset"]);
    expect(v[0]).toMatchObject({ kialiCode: "KIA1107", related: [{ kind: "DestinationRule", namespace: "demo-shop", name: "reviews" }] });
    expect(v[0]?.message).toContain('DestinationRule demo-shop/reviews has no subset "v2"');
  });

  it("deleted Service → VS_HOST_NOT_FOUND (KIA1101) and DR_HOST_NOT_FOUND (KIA0202)", () => {
    const snap = withObjects(shop8020, (s) => {
      s.services = s.services.filter((x) => x.metadata.name !== "catalog");
    });
    expect(brief(serious(validate(snap)))).toEqual([
      "error VS_HOST_NOT_FOUND VirtualService demo-shop/catalog spec.http[0].route[0].destination.host",
      "warning DR_HOST_NOT_FOUND DestinationRule demo-shop/catalog spec.host",
    ]);
  });

  it("second VirtualService for the same host → VS_MULTIPLE_FOR_HOST (KIA1106) on both, not across different gateways", () => {
    const snap = withObjects(shop8020, (s) => {
      const copy = structuredClone(one(s.virtualServices, (x) => x.metadata.name === "reviews", "VS"));
      copy.metadata.name = "reviews-hotfix";
      copy.spec.hosts = ["reviews.demo-shop.svc.cluster.local"];
      s.virtualServices.push(copy);
      const gwCopy = structuredClone(one(s.virtualServices, (x) => x.metadata.name === "shop", "VS"));
      gwCopy.metadata.name = "shop-mesh";
      gwCopy.spec.gateways = ["mesh"];
      gwCopy.spec.hosts = ["front"];
      s.virtualServices.push(gwCopy);
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual([
      "warning VS_MULTIPLE_FOR_HOST VirtualService demo-shop/front spec.hosts[0]",
      "warning VS_MULTIPLE_FOR_HOST VirtualService demo-shop/reviews spec.hosts[0]",
      "warning VS_MULTIPLE_FOR_HOST VirtualService demo-shop/reviews-hotfix spec.hosts[0]",
      "warning VS_MULTIPLE_FOR_HOST VirtualService demo-shop/shop-mesh spec.hosts[0]",
    ]);
    expect(one(v, (x) => x.object.name === "reviews", "finding").related).toEqual([{ kind: "VirtualService", namespace: "demo-shop", name: "reviews-hotfix" }]);
    // the gateway-bound shop VS (host shop.demo.local) does not clash with mesh VirtualServices
    expect(v.some((x) => x.object.name === "shop")).toBe(false);
  });

  it("catch-all first → the test route behind it is VS_RULE_SHADOWED", () => {
    const snap = withObjects(demoSnapshot(demo.blueGreen), (s) => {
      const checkout = one(s.virtualServices, (x) => x.metadata.name === "checkout", "VS");
      checkout.spec.http = [...(checkout.spec.http ?? [])].reverse();
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual(["warning VS_RULE_SHADOWED VirtualService demo-bluegreen/checkout spec.http[1]"]);
  });

  it("a subset scaled to zero → DR_SUBSET_NO_PODS (KIA0203) and VS_DESTINATION_NO_READY_PODS", () => {
    const snap = withObjects(shop8020, (s) => {
      s.pods = s.pods.filter((p) => p.metadata.labels?.app !== "reviews" || p.metadata.labels.version !== "v2");
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual([
      "error DR_SUBSET_NO_PODS DestinationRule demo-shop/reviews spec.subsets[1].labels",
      "error VS_DESTINATION_NO_READY_PODS VirtualService demo-shop/reviews spec.http[0].route[1].destination",
    ]);
    expect(v[0]?.message).toContain("demo-shop/reviews spec.http[0].route[1].destination (20%)");
  });

  it("pods present but not ready → VS_DESTINATION_NO_READY_PODS only", () => {
    const snap = withObjects(shop8020, (s) => {
      for (const p of s.pods) if (p.metadata.labels?.version === "v2" && p.metadata.labels.app === "reviews") p.status = { phase: "Running", conditions: [{ type: "Ready", status: "False" }] };
    });
    expect(brief(serious(validate(snap)))).toEqual(["error VS_DESTINATION_NO_READY_PODS VirtualService demo-shop/reviews spec.http[0].route[1].destination"]);
  });

  it("test route to a subset without ready pods → VS_TEST_ROUTE_NO_READY_PODS (and the subset warning)", () => {
    const snap = withObjects(demoSnapshot(shopWith("user-route.yaml")), (s) => {
      s.pods = s.pods.filter((p) => p.metadata.labels?.app !== "reviews" || p.metadata.labels.version !== "v2");
    });
    expect(brief(serious(validate(snap)))).toEqual([
      "warning DR_SUBSET_NO_PODS DestinationRule demo-shop/reviews spec.subsets[1].labels",
      "warning VS_TEST_ROUTE_NO_READY_PODS VirtualService demo-shop/reviews spec.http[0].route[0].destination",
    ]);
  });

  it("missing Gateway → VS_GATEWAY_NOT_FOUND (KIA1102); selector without pods → GATEWAY_NO_WORKLOAD (KIA0302)", () => {
    const snap = withObjects(shop8020, (s) => {
      one(s.virtualServices, (x) => x.metadata.name === "shop", "VS").spec.gateways = ["demo-shop/shop-gw"];
      one(s.gateways, (x) => x.metadata.name === "shop-gateway", "GW").spec.selector = { istio: "ingress" };
    });
    expect(brief(serious(validate(snap)))).toEqual([
      "error VS_GATEWAY_NOT_FOUND VirtualService demo-shop/shop spec.gateways[0]",
      "warning GATEWAY_NO_WORKLOAD Gateway demo-shop/shop-gateway spec.selector",
    ]);
  });

  it("all weights 0 → VS_ROUTE_ALL_WEIGHTS_ZERO; repeated destination → VS_REPEATED_DESTINATION (KIA1105)", () => {
    const zero = withObjects(shop8020, (s) => {
      for (const d of one(s.virtualServices, (x) => x.metadata.name === "reviews", "VS").spec.http?.[0]?.route ?? []) d.weight = 0;
    });
    expect(brief(serious(validate(zero)))).toEqual(["error VS_ROUTE_ALL_WEIGHTS_ZERO VirtualService demo-shop/reviews spec.http[0].route"]);
    const repeated = withObjects(shop8020, (s) => {
      const route = one(s.virtualServices, (x) => x.metadata.name === "reviews", "VS").spec.http?.[0]?.route ?? [];
      route.push({ destination: { host: "reviews", subset: "v1" }, weight: 5 });
    });
    expect(brief(serious(validate(repeated)))).toEqual(["warning VS_REPEATED_DESTINATION VirtualService demo-shop/reviews spec.http[0].route[2]"]);
  });

  it("second DestinationRule for the host → DR_MULTIPLE_FOR_HOST (KIA0201) on both", () => {
    const snap = withObjects(shop8020, (s) => {
      const copy = structuredClone(one(s.destinationRules, (x) => x.metadata.name === "reviews", "DR"));
      copy.metadata.name = "reviews-lb";
      copy.spec.host = "reviews.demo-shop.svc.cluster.local";
      s.destinationRules.push(copy);
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual(["warning DR_MULTIPLE_FOR_HOST DestinationRule demo-shop/reviews spec.host", "warning DR_MULTIPLE_FOR_HOST DestinationRule demo-shop/reviews-lb spec.host"]);
    expect(v[0]?.message).toContain("only the oldest rule counts");
  });

  it("gateway VirtualService whose host the Gateway does not serve → VS_HOST_NOT_ON_GATEWAY", () => {
    const snap = withObjects(demoSnapshot(demo.hosts), (s) => {
      one(s.virtualServices, () => true, "VS").spec.hosts = ["shop.example.com"];
    });
    expect(brief(serious(validate(snap)))).toEqual(["warning VS_HOST_NOT_ON_GATEWAY VirtualService demo-hosts/greeter spec.gateways[0]"]);
  });

  it("name.namespace destination → VS_HOST_NOT_FOUND with a hint, because Istio does not expand it", () => {
    const snap = withObjects(shop8020, (s) => {
      const dest = one(s.virtualServices, (x) => x.metadata.name === "catalog", "VS").spec.http?.[0]?.route?.[0]?.destination;
      if (dest) dest.host = "catalog.demo-shop";
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual(["error VS_HOST_NOT_FOUND VirtualService demo-shop/catalog spec.http[0].route[0].destination.host"]);
    expect(v[0]?.message).toContain("catalog.demo-shop.svc.cluster.local");
  });
});

describe("validateMesh and Argo Rollouts (no Kiali false alarms)", () => {
  it("canary subset with the controller's hash, no pods and weight 0 between rollouts → nothing", () => {
    const snap = withObjects(demoSnapshot(demo.argoSubset), (s) => {
      const canary = one(s.destinationRules[0]?.spec.subsets ?? [], (x) => x.name === "canary", "subset");
      canary.labels = { ...canary.labels, "rollouts-pod-template-hash": "6b9f8c7d5c" };
    });
    expect(brief(validate(snap))).toEqual([]);
  });

  it("the same canary subset at weight 20 is a real outage", () => {
    const snap = withObjects(demoSnapshot(demo.argoSubset), (s) => {
      const canary = one(s.destinationRules[0]?.spec.subsets ?? [], (x) => x.name === "canary", "subset");
      canary.labels = { ...canary.labels, "rollouts-pod-template-hash": "6b9f8c7d5c" };
      const route = s.virtualServices[0]?.spec.http?.[0]?.route ?? [];
      for (const d of route) d.weight = d.destination.subset === "canary" ? 20 : 80;
    });
    expect(brief(serious(validate(snap)))).toEqual([
      "error DR_SUBSET_NO_PODS DestinationRule demo-argo-subset/inventory spec.subsets[1].labels",
      "error VS_DESTINATION_NO_READY_PODS VirtualService demo-argo-subset/inventory spec.http[0].route[1].destination",
    ]);
  });

  it("host-level canary Service selecting no pod at weight 0 → nothing", () => {
    const snap = withObjects(demoSnapshot(demo.canary), (s) => {
      const svc = one(s.services, (x) => x.metadata.name === "payments-canary", "Service");
      svc.spec.selector = { ...svc.spec.selector, "rollouts-pod-template-hash": "6b9f8c7d5c" };
    });
    expect(brief(validate(snap))).toEqual([]);
  });
});
