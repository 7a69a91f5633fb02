import { describe, expect, it } from "vitest";
import { buildMeshModel } from "./build-model";
import { meshModelSchema, type MeshModel, type VirtualServiceModel } from "./schema";
import { demo, demoSnapshot, loadDemoFiles, shopWith, simulateCluster } from "./testing/demo-snapshot";

function vs(model: MeshModel, namespace: string, name: string): VirtualServiceModel {
  const found = model.virtualServices.find((v) => v.namespace === namespace && v.name === name);
  if (!found) throw new Error(`no VirtualService ${namespace}/${name}`);
  return found;
}

const rule = (v: VirtualServiceModel, i: number) => {
  const r = v.http[i];
  if (!r) throw new Error(`no rule ${i}`);
  return r;
};

/** A ServiceEntry and a VirtualService rewriting its port (the demo world has no egress of its own). */
const egress = [
  { apiVersion: "networking.istio.io/v1", kind: "ServiceEntry", metadata: { name: "payments-provider", namespace: "demo-shop" }, spec: { hosts: ["api.payments.example"], ports: [{ number: 443, name: "https", protocol: "HTTPS" }], resolution: "DNS", location: "MESH_EXTERNAL" } },
  {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "payments-provider", namespace: "demo-shop" },
    spec: { hosts: ["api.payments.example"], http: [{ match: [{ port: 80 }], route: [{ destination: { host: "api.payments.example", port: { number: 443 } } }] }] },
  },
];

describe("buildMeshModel on the demo shop (reviews 80/20, the abort variant for alex, an egress entry)", () => {
  const model = buildMeshModel(simulateCluster([...loadDemoFiles(shopWith("abort-fault.yaml")), ...egress]));

  it("is JSON-serialisable and matches its own schema", () => {
    expect(meshModelSchema.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it("resolves hosts, subsets and pods of reviews 80/20", () => {
    const reviews = vs(model, "demo-shop", "reviews");
    expect(reviews.hosts[0]).toMatchObject({ raw: "reviews", fqdn: "reviews.demo-shop.svc.cluster.local", kind: "service", service: { namespace: "demo-shop", name: "reviews" } });
    expect(reviews.gateways).toEqual([{ raw: "mesh", key: "mesh", resolution: "mesh", namespace: null, name: null }]);
    expect(reviews.owner).toMatchObject({ kind: "manual", weightsLocked: false });
    const r = rule(reviews, 0);
    expect(r).toMatchObject({ catchAll: true, testRoute: false, action: "route", weightTotal: 100, allWeightsZero: false });
    expect(r.destinations.map((d) => [d.subset?.name, d.subset?.status, d.share, d.backends?.ready, d.backends?.total, d.backends?.versions])).toEqual([
      ["v1", "found", 0.8, 1, 1, ["v1"]],
      ["v2", "found", 0.2, 1, 1, ["v2"]],
    ]);
    expect(r.destinations[0]?.subset?.destinationRule).toEqual({ namespace: "demo-shop", name: "reviews" });
    expect(r.destinations[0]?.backends?.pods[0]).toMatchObject({ sidecar: true, ready: true, workload: { kind: "Deployment", name: "reviews-v1" }, version: "v1", rollout: null });
  });

  it("types alex's abort rule and its fault", () => {
    const ratings = vs(model, "demo-shop", "ratings");
    const r0 = rule(ratings, 0);
    expect(r0.matches).toEqual([{ name: null, conditions: [{ kind: "header", name: "end-user", op: "exact", value: "alex", negated: false }] }]);
    expect(r0).toMatchObject({ catchAll: false, testRoute: true });
    expect(r0.fault).toEqual({ delay: null, abort: { httpStatus: 500, grpcStatus: null, http2Error: null, percent: 100 }, headerScoped: true });
    expect(rule(ratings, 1)).toMatchObject({ catchAll: true, fault: null });
  });

  it("resolves the gateway VirtualService and the ServiceEntry host", () => {
    const shop = vs(model, "demo-shop", "shop");
    expect(shop.hosts[0]?.kind).toBe("external");
    expect(shop.gateways[0]).toMatchObject({ key: "demo-shop/shop-gateway", resolution: "found" });
    expect(shop.meshBound).toBe(false);
    expect(rule(shop, 0).matches).toHaveLength(1);
    expect(rule(shop, 1).matches).toHaveLength(2);
    expect([rule(shop, 0).catchAll, rule(shop, 1).catchAll]).toEqual([false, false]);
    const provider = vs(model, "demo-shop", "payments-provider");
    expect(provider.hosts[0]).toMatchObject({ kind: "serviceEntry", serviceEntry: { namespace: "demo-shop", name: "payments-provider" } });
    expect(rule(provider, 0).destinations[0]).toMatchObject({ port: 443, backends: null, host: { kind: "serviceEntry" } });
    expect(rule(provider, 0).matches[0]?.conditions).toEqual([{ kind: "port", port: 80 }]);
  });

  it("summarises services, namespaces, gateways and workloads", () => {
    const reviews = model.services.find((s) => s.name === "reviews");
    expect(reviews).toMatchObject({ fqdn: "reviews.demo-shop.svc.cluster.local", selector: { app: "reviews" }, versionLabel: "version", multipleVersionsWithoutSubsets: false });
    expect(reviews?.backends.versions).toEqual(["v1", "v2", "v3"]);
    expect(reviews?.destinationRules).toEqual([{ namespace: "demo-shop", name: "reviews", hostMatch: "exact", subsets: ["v1", "v2", "v3"], hasWorkloadSelector: false }]);
    expect(model.namespaces.find((n) => n.name === "demo-shop")).toEqual({ name: "demo-shop", injection: "enabled", revision: null, ambient: false, pods: 6, podsWithoutSidecar: 0 });
    // Gateway pods run istio-proxy as their main container: they count as meshed.
    expect(model.namespaces.find((n) => n.name === "istio-system")).toMatchObject({ injection: "unset", pods: 1, podsWithoutSidecar: 0 });
    expect(model.gateways.find((g) => g.name === "shop-gateway")).toMatchObject({ pods: { total: 1, ready: 1 }, workloads: [{ namespace: "istio-system", kind: "Deployment", name: "istio-ingressgateway" }] });
    expect(model.workloads.find((w) => w.name === "reviews-v2")).toMatchObject({ kind: "Deployment", versions: ["v2"], total: 1, ready: 1, withSidecar: 1 });
  });

  it("offers version subsets for a multi-version Service without DestinationRule", () => {
    const bare = buildMeshModel(simulateCluster(loadDemoFiles(demo.shop).filter((o) => o.kind !== "DestinationRule" && o.kind !== "VirtualService")));
    expect(bare.services.find((s) => s.name === "reviews")?.multipleVersionsWithoutSubsets).toBe(true);
    expect(bare.services.find((s) => s.name === "ratings")?.multipleVersionsWithoutSubsets).toBe(false);
  });
});

describe("buildMeshModel on the rest of the demo world", () => {
  it("demo-staged: mesh + gateway binding, host:port forms, scoped match, 70/30 subsets", () => {
    // The route as the staged walkthrough scopes it: to port 80 of both bindings, with a host:port form.
    const objects = loadDemoFiles(demo.staged).map((o) =>
      o.kind === "VirtualService" ? { ...o, spec: { ...(o.spec as object), hosts: ["api", "api:80", "api.demo.local"], http: (o.spec as { http: object[] }).http.map((h) => ({ ...h, match: [{ port: 80, gateways: ["mesh", "api-gateway"] }] })) } } : o,
    );
    const m = buildMeshModel(simulateCluster(objects));
    const api = vs(m, "demo-staged", "api");
    expect(api.gateways.map((g) => [g.key, g.resolution])).toEqual([
      ["mesh", "mesh"],
      ["demo-staged/api-gateway", "found"],
    ]);
    expect(api.hosts.map((h) => [h.kind, h.fqdn, h.port])).toEqual([
      ["service", "api.demo-staged.svc.cluster.local", null],
      ["service", "api.demo-staged.svc.cluster.local", 80],
      ["external", "api.demo.local", null],
    ]);
    const r = rule(api, 0);
    expect(r.catchAll).toBe(false);
    expect(r.matches[0]?.conditions.map((c) => c.kind)).toEqual(["port", "gateways"]);
    expect(r.destinations.map((d) => [d.subset?.name, d.share, d.backends?.total])).toEqual([
      ["v1", 0.7, 2],
      ["v2", 0.3, 1],
    ]);
  });

  it("demo-bluegreen: header test route first, catch-all second", () => {
    const m = buildMeshModel(demoSnapshot(demo.blueGreen));
    const checkout = vs(m, "demo-bluegreen", "checkout");
    expect(rule(checkout, 0)).toMatchObject({ testRoute: true, catchAll: false });
    expect(rule(checkout, 0).destinations[0]).toMatchObject({ subset: { name: "green", status: "found" }, port: null, share: 1 });
    expect(rule(checkout, 1)).toMatchObject({ testRoute: false, catchAll: true });
    expect(rule(checkout, 1).destinations.map((d) => [d.subset?.name, d.share])).toEqual([
      ["blue", 1],
      ["green", 0],
    ]);
    expect(checkout.hosts[0]?.kind).toBe("external");
  });

  it("demo-hosts: host-level split between two Services", () => {
    const m = buildMeshModel(demoSnapshot(demo.hosts));
    const v = vs(m, "demo-hosts", "greeter");
    expect(rule(v, 0).destinations.map((d) => [d.host.service?.name, d.share, d.backends?.versions])).toEqual([
      ["greeter-r1", 0.5, ["1.4.0"]],
      ["greeter-r2", 0.5, ["1.5.0"]],
    ]);
  });

  it("demo-canary: Argo owns the VirtualService, its route and the canary/stable Services", () => {
    const m = buildMeshModel(demoSnapshot(demo.canary));
    const v = vs(m, "demo-canary", "payments");
    expect(v.owner).toMatchObject({ kind: "argo-rollouts", name: "payments", weightsLocked: true });
    const r = rule(v, 0);
    expect(r.managedBy).toEqual({ kind: "argo-rollouts", name: "payments" });
    expect(r.destinations.map((d) => [d.host.raw, d.rollout?.role, d.share])).toEqual([
      ["payments-stable", "stable", 1],
      ["payments-canary", "canary", 0],
    ]);
    expect(m.services.find((s) => s.name === "payments-canary")?.rollout).toEqual({ name: "payments", role: "canary" });
    const w = m.workloads.find((x) => x.kind === "Rollout");
    expect(w).toMatchObject({ name: "payments", total: 2, ready: 2 });
    expect(w?.revisions).toEqual([{ podTemplateHash: expect.any(String), role: "stable", total: 2, ready: 2 }]);
    expect(m.rollouts[0]).toMatchObject({ name: "payments", canaryService: "payments-canary", virtualServices: [{ namespace: "demo-canary", name: "payments", routes: ["primary"] }] });
  });

  it("demo-argo-subset: Argo owns the DestinationRule; its injected hash selects the Rollout's pods", () => {
    const m = buildMeshModel(demoSnapshot(demo.argoSubset));
    const dr = m.destinationRules[0];
    expect(dr?.owner).toMatchObject({ kind: "argo-rollouts", name: "inventory", weightsLocked: true });
    expect(dr?.owner.signals.map((s) => s.reason)).toEqual([
      // Live references only: the annotation and the field manager are no owners by themselves.
      expect.stringContaining("references it"),
    ]);
    expect(dr?.subsets.map((s) => [s.name, s.rollout?.role, s.labels["rollouts-pod-template-hash"] !== undefined, s.backends?.total])).toEqual([
      ["stable", "stable", true, 2],
      ["canary", "canary", true, 2],
    ]);
    const r = rule(vs(m, "demo-argo-subset", "inventory"), 0);
    expect(r.destinations.map((d) => [d.subset?.name, d.rollout?.role, d.share])).toEqual([
      ["stable", "stable", 1],
      ["canary", "canary", 0],
    ]);
  });
});
