import { describe, expect, it } from "vitest";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import type { MeshSnapshot } from "@/lib/istio/model/snapshot";
import { bookinfoWith, scenarioSnapshot, scenarios, type ScenarioFile } from "@/lib/istio/model/testing/scenario-snapshot";
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

describe("validateMesh on correct scenarios", () => {
  const clean: Record<string, ScenarioFile[]> = {
    "bookinfo (destination-rule-all + virtual-service-all-v1)": scenarios.bookinfo,
    "bookinfo reviews 80/20": bookinfoWith("virtual-service-reviews-80-20.yaml"),
    "bookinfo jason v2/v3": bookinfoWith("virtual-service-reviews-jason-v2-v3.yaml"),
    "bookinfo ratings test abort": bookinfoWith("virtual-service-ratings-test-abort.yaml"),
    "bookinfo ratings test delay": bookinfoWith("virtual-service-ratings-test-delay.yaml"),
    "bookinfo egress to googleapis": bookinfoWith("egress-rule-google-apis.yaml"),
    "bookinfo mTLS rules": bookinfoWith("destination-rule-all-mtls.yaml"),
    "rio-staged": scenarios.rioStaged,
    "blue-green": scenarios.blueGreen,
    "helm-canary": scenarios.helmCanary,
    "rollouts-demo (Rollout present)": scenarios.rolloutsDemo,
    "argo istio-subset-split (Rollout present)": scenarios.istioSubsetSplit,
    "argo istio-mirror (Rollout present)": scenarios.istioMirror,
    "the lab's base set together": [
      ...scenarios.helmCanary,
      ...scenarios.blueGreen,
      ...scenarios.rolloutsDemo,
      ...scenarios.rioStaged,
      ...bookinfoWith("virtual-service-reviews-80-20.yaml"),
      ...scenarios.istioSubsetSplit,
      ...scenarios.istioMirror,
    ],
  };
  for (const [name, files] of Object.entries(clean)) {
    it(`${name}: no error, no warning`, () => {
      expect(brief(serious(validate(scenarioSnapshot(files))))).toEqual([]);
    });
  }

  it("bookinfo: subsets without pods nobody routes to are only informational", () => {
    expect(brief(validate(scenarioSnapshot(scenarios.bookinfo)))).toEqual([
      "info DR_SUBSET_NO_PODS DestinationRule bookinfo/details spec.subsets[1].labels",
      "info DR_SUBSET_NO_PODS DestinationRule bookinfo/ratings spec.subsets[1].labels",
      "info DR_SUBSET_NO_PODS DestinationRule bookinfo/ratings spec.subsets[2].labels",
      "info DR_SUBSET_NO_PODS DestinationRule bookinfo/ratings spec.subsets[3].labels",
    ]);
  });

  it("Argo examples before the controller touched anything are clean too", () => {
    for (const files of [scenarios.rolloutsDemo, scenarios.istioSubsetSplit]) expect(brief(serious(validate(scenarioSnapshot(files, { argoController: false }))))).toEqual([]);
  });
});

describe("validateMesh finds real problems in the scenario files", () => {
  it("fault-injection-details-v1: the second rule is unreachable behind the match-less abort rule", () => {
    const v = validate(scenarioSnapshot(bookinfoWith("fault-injection-details-v1.yaml")));
    expect(brief(serious(v))).toEqual(["warning VS_RULE_SHADOWED VirtualService bookinfo/details spec.http[1]"]);
    expect(v.find((x) => x.code === "VS_RULE_SHADOWED")?.message).toContain("rule 0 takes all its requests first");
  });
  it("certmanager-gateway: cert-manager-resolver does not exist in the scenario", () => {
    const v = validate(scenarioSnapshot([{ file: "bookinfo/networking/certmanager-gateway.yaml", namespace: "bookinfo" }]));
    expect(brief(serious(v))).toEqual([
      "error VS_HOST_NOT_FOUND VirtualService istio-system/cert-manager spec.http[0].route[0].destination.host",
    ]);
  });
});

describe("validateMesh on broken variants", () => {
  const bookinfo8020 = scenarioSnapshot(bookinfoWith("virtual-service-reviews-80-20.yaml"));

  it("renamed subset → VS_SUBSET_NOT_FOUND (KIA1107) on the route", () => {
    const snap = withObjects(bookinfo8020, (s) => {
      const subset = one(one(s.destinationRules, (d) => d.metadata.name === "reviews", "DR").spec.subsets ?? [], (x) => x.name === "v2", "subset");
      subset.name = "version-2";
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual(["error VS_SUBSET_NOT_FOUND VirtualService bookinfo/reviews spec.http[0].route[1].destination.subset"]);
    expect(v[0]).toMatchObject({ kialiCode: "KIA1107", related: [{ kind: "DestinationRule", namespace: "bookinfo", name: "reviews" }] });
    expect(v[0]?.message).toContain('DestinationRule bookinfo/reviews has no subset "v2"');
  });

  it("deleted Service → VS_HOST_NOT_FOUND (KIA1101) and DR_HOST_NOT_FOUND (KIA0202)", () => {
    const snap = withObjects(bookinfo8020, (s) => {
      s.services = s.services.filter((x) => x.metadata.name !== "details");
    });
    expect(brief(serious(validate(snap)))).toEqual([
      "error VS_HOST_NOT_FOUND VirtualService bookinfo/details spec.http[0].route[0].destination.host",
      "warning DR_HOST_NOT_FOUND DestinationRule bookinfo/details spec.host",
    ]);
  });

  it("second VirtualService for the same host → VS_MULTIPLE_FOR_HOST (KIA1106) on both, not across different gateways", () => {
    const snap = withObjects(bookinfo8020, (s) => {
      const copy = structuredClone(one(s.virtualServices, (x) => x.metadata.name === "reviews", "VS"));
      copy.metadata.name = "reviews-hotfix";
      copy.spec.hosts = ["reviews.bookinfo.svc.cluster.local"];
      s.virtualServices.push(copy);
      const gwCopy = structuredClone(one(s.virtualServices, (x) => x.metadata.name === "bookinfo", "VS"));
      gwCopy.metadata.name = "bookinfo-mesh";
      gwCopy.spec.gateways = ["mesh"];
      gwCopy.spec.hosts = ["productpage"];
      s.virtualServices.push(gwCopy);
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual([
      "warning VS_MULTIPLE_FOR_HOST VirtualService bookinfo/bookinfo-mesh spec.hosts[0]",
      "warning VS_MULTIPLE_FOR_HOST VirtualService bookinfo/productpage spec.hosts[0]",
      "warning VS_MULTIPLE_FOR_HOST VirtualService bookinfo/reviews spec.hosts[0]",
      "warning VS_MULTIPLE_FOR_HOST VirtualService bookinfo/reviews-hotfix spec.hosts[0]",
    ]);
    expect(one(v, (x) => x.object.name === "reviews", "finding").related).toEqual([{ kind: "VirtualService", namespace: "bookinfo", name: "reviews-hotfix" }]);
    // the gateway-bound bookinfo VS (host *) does not clash with mesh VirtualServices
    expect(v.some((x) => x.object.name === "bookinfo")).toBe(false);
  });

  it("catch-all first → the test route behind it is VS_RULE_SHADOWED", () => {
    const snap = withObjects(scenarioSnapshot(scenarios.blueGreen), (s) => {
      const nginx = one(s.virtualServices, (x) => x.metadata.name === "nginx", "VS");
      nginx.spec.http = [...(nginx.spec.http ?? [])].reverse();
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual(["warning VS_RULE_SHADOWED VirtualService sample-ns/nginx spec.http[1]"]);
  });

  it("a subset scaled to zero → DR_SUBSET_NO_PODS (KIA0203) and VS_DESTINATION_NO_READY_PODS", () => {
    const snap = withObjects(bookinfo8020, (s) => {
      s.pods = s.pods.filter((p) => p.metadata.labels?.app !== "reviews" || p.metadata.labels.version !== "v2");
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual([
      "error DR_SUBSET_NO_PODS DestinationRule bookinfo/reviews spec.subsets[1].labels",
      "error VS_DESTINATION_NO_READY_PODS VirtualService bookinfo/reviews spec.http[0].route[1].destination",
    ]);
    expect(v[0]?.message).toContain("bookinfo/reviews spec.http[0].route[1].destination (20%)");
  });

  it("pods present but not ready → VS_DESTINATION_NO_READY_PODS only", () => {
    const snap = withObjects(bookinfo8020, (s) => {
      for (const p of s.pods) if (p.metadata.labels?.version === "v2" && p.metadata.labels.app === "reviews") p.status = { phase: "Running", conditions: [{ type: "Ready", status: "False" }] };
    });
    expect(brief(serious(validate(snap)))).toEqual(["error VS_DESTINATION_NO_READY_PODS VirtualService bookinfo/reviews spec.http[0].route[1].destination"]);
  });

  it("test route to a subset without ready pods → VS_TEST_ROUTE_NO_READY_PODS (and the subset warning)", () => {
    const snap = withObjects(scenarioSnapshot(bookinfoWith("virtual-service-reviews-jason-v2-v3.yaml")), (s) => {
      s.pods = s.pods.filter((p) => p.metadata.labels?.app !== "reviews" || p.metadata.labels.version !== "v2");
    });
    expect(brief(serious(validate(snap)))).toEqual([
      "warning DR_SUBSET_NO_PODS DestinationRule bookinfo/reviews spec.subsets[1].labels",
      "warning VS_TEST_ROUTE_NO_READY_PODS VirtualService bookinfo/reviews spec.http[0].route[0].destination",
    ]);
  });

  it("missing Gateway → VS_GATEWAY_NOT_FOUND (KIA1102); selector without pods → GATEWAY_NO_WORKLOAD (KIA0302)", () => {
    const snap = withObjects(bookinfo8020, (s) => {
      one(s.virtualServices, (x) => x.metadata.name === "bookinfo", "VS").spec.gateways = ["bookinfo/bookinfo-gw"];
      one(s.gateways, (x) => x.metadata.name === "bookinfo-gateway", "GW").spec.selector = { istio: "ingress" };
    });
    expect(brief(serious(validate(snap)))).toEqual([
      "error VS_GATEWAY_NOT_FOUND VirtualService bookinfo/bookinfo spec.gateways[0]",
      "warning GATEWAY_NO_WORKLOAD Gateway bookinfo/bookinfo-gateway spec.selector",
    ]);
  });

  it("all weights 0 → VS_ROUTE_ALL_WEIGHTS_ZERO; repeated destination → VS_REPEATED_DESTINATION (KIA1105)", () => {
    const zero = withObjects(bookinfo8020, (s) => {
      for (const d of one(s.virtualServices, (x) => x.metadata.name === "reviews", "VS").spec.http?.[0]?.route ?? []) d.weight = 0;
    });
    expect(brief(serious(validate(zero)))).toEqual(["error VS_ROUTE_ALL_WEIGHTS_ZERO VirtualService bookinfo/reviews spec.http[0].route"]);
    const repeated = withObjects(bookinfo8020, (s) => {
      const route = one(s.virtualServices, (x) => x.metadata.name === "reviews", "VS").spec.http?.[0]?.route ?? [];
      route.push({ destination: { host: "reviews", subset: "v1" }, weight: 5 });
    });
    expect(brief(serious(validate(repeated)))).toEqual(["warning VS_REPEATED_DESTINATION VirtualService bookinfo/reviews spec.http[0].route[2]"]);
  });

  it("second DestinationRule for the host → DR_MULTIPLE_FOR_HOST (KIA0201) on both", () => {
    const snap = withObjects(bookinfo8020, (s) => {
      const copy = structuredClone(one(s.destinationRules, (x) => x.metadata.name === "reviews", "DR"));
      copy.metadata.name = "reviews-lb";
      copy.spec.host = "reviews.bookinfo.svc.cluster.local";
      s.destinationRules.push(copy);
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual(["warning DR_MULTIPLE_FOR_HOST DestinationRule bookinfo/reviews spec.host", "warning DR_MULTIPLE_FOR_HOST DestinationRule bookinfo/reviews-lb spec.host"]);
    expect(v[0]?.message).toContain("only the oldest rule counts");
  });

  it("gateway VirtualService whose host the Gateway does not serve → VS_HOST_NOT_ON_GATEWAY", () => {
    const snap = withObjects(scenarioSnapshot(scenarios.helmCanary), (s) => {
      one(s.virtualServices, () => true, "VS").spec.hosts = ["shop.example.com"];
    });
    expect(brief(serious(validate(snap)))).toEqual(["warning VS_HOST_NOT_ON_GATEWAY VirtualService default/exciting-lemur-sample-gateway spec.gateways[0]"]);
  });

  it("name.namespace destination → VS_HOST_NOT_FOUND with a hint, because Istio does not expand it", () => {
    const snap = withObjects(bookinfo8020, (s) => {
      const dest = one(s.virtualServices, (x) => x.metadata.name === "details", "VS").spec.http?.[0]?.route?.[0]?.destination;
      if (dest) dest.host = "details.bookinfo";
    });
    const v = serious(validate(snap));
    expect(brief(v)).toEqual(["error VS_HOST_NOT_FOUND VirtualService bookinfo/details spec.http[0].route[0].destination.host"]);
    expect(v[0]?.message).toContain("details.bookinfo.svc.cluster.local");
  });
});

describe("validateMesh and Argo Rollouts (no Kiali false alarms)", () => {
  it("canary subset with the controller's hash, no pods and weight 0 between rollouts → nothing", () => {
    const snap = withObjects(scenarioSnapshot(scenarios.istioSubsetSplit), (s) => {
      const canary = one(s.destinationRules[0]?.spec.subsets ?? [], (x) => x.name === "canary", "subset");
      canary.labels = { ...canary.labels, "rollouts-pod-template-hash": "6b9f8c7d5c" };
    });
    expect(brief(validate(snap))).toEqual([]);
  });

  it("the same canary subset at weight 20 is a real outage", () => {
    const snap = withObjects(scenarioSnapshot(scenarios.istioSubsetSplit), (s) => {
      const canary = one(s.destinationRules[0]?.spec.subsets ?? [], (x) => x.name === "canary", "subset");
      canary.labels = { ...canary.labels, "rollouts-pod-template-hash": "6b9f8c7d5c" };
      const route = s.virtualServices[0]?.spec.http?.[0]?.route ?? [];
      for (const d of route) d.weight = d.destination.subset === "canary" ? 20 : 80;
    });
    expect(brief(serious(validate(snap)))).toEqual([
      "error DR_SUBSET_NO_PODS DestinationRule argo-subset/istio-subset-split-destrule spec.subsets[1].labels",
      "error VS_DESTINATION_NO_READY_PODS VirtualService argo-subset/istio-subset-split-vsvc spec.http[0].route[1].destination",
    ]);
  });

  it("host-level canary Service selecting no pod at weight 0 → nothing", () => {
    const snap = withObjects(scenarioSnapshot(scenarios.rolloutsDemo), (s) => {
      const svc = one(s.services, (x) => x.metadata.name === "rollouts-demo-canary", "Service");
      svc.spec.selector = { ...svc.spec.selector, "rollouts-pod-template-hash": "6b9f8c7d5c" };
    });
    expect(brief(validate(snap))).toEqual([]);
  });
});
