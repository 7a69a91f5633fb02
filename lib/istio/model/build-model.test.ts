import { describe, expect, it } from "vitest";
import { buildMeshModel } from "./build-model";
import { meshModelSchema, type MeshModel, type VirtualServiceModel } from "./schema";
import { bookinfoWith, scenarioSnapshot, scenarios } from "./testing/scenario-snapshot";

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

describe("buildMeshModel on the bookinfo scenario", () => {
  const model = buildMeshModel(scenarioSnapshot(bookinfoWith("virtual-service-reviews-80-20.yaml", "virtual-service-ratings-test-abort.yaml", "egress-rule-google-apis.yaml")));

  it("is JSON-serialisable and matches its own schema", () => {
    expect(meshModelSchema.parse(JSON.parse(JSON.stringify(model)))).toEqual(model);
  });

  it("resolves hosts, subsets and pods of reviews 80/20", () => {
    const reviews = vs(model, "bookinfo", "reviews");
    expect(reviews.hosts[0]).toMatchObject({ raw: "reviews", fqdn: "reviews.bookinfo.svc.cluster.local", kind: "service", service: { namespace: "bookinfo", name: "reviews" } });
    expect(reviews.gateways).toEqual([{ raw: "mesh", key: "mesh", resolution: "mesh", namespace: null, name: null }]);
    expect(reviews.owner).toMatchObject({ kind: "manual", weightsLocked: false });
    const r = rule(reviews, 0);
    expect(r).toMatchObject({ catchAll: true, testRoute: false, action: "route", weightTotal: 100, allWeightsZero: false });
    expect(r.destinations.map((d) => [d.subset?.name, d.subset?.status, d.share, d.backends?.ready, d.backends?.total, d.backends?.versions])).toEqual([
      ["v1", "found", 0.8, 1, 1, ["v1"]],
      ["v2", "found", 0.2, 1, 1, ["v2"]],
    ]);
    expect(r.destinations[0]?.subset?.destinationRule).toEqual({ namespace: "bookinfo", name: "reviews" });
    expect(r.destinations[0]?.backends?.pods[0]).toMatchObject({ sidecar: true, ready: true, workload: { kind: "Deployment", name: "reviews-v1" }, version: "v1", rollout: null });
  });

  it("types the jason abort rule and its fault", () => {
    const ratings = vs(model, "bookinfo", "ratings");
    const r0 = rule(ratings, 0);
    expect(r0.matches).toEqual([{ name: null, conditions: [{ kind: "header", name: "end-user", op: "exact", value: "jason", negated: false }] }]);
    expect(r0).toMatchObject({ catchAll: false, testRoute: true });
    expect(r0.fault).toEqual({ delay: null, abort: { httpStatus: 500, grpcStatus: null, http2Error: null, percent: 100 }, headerScoped: true });
    expect(rule(ratings, 1)).toMatchObject({ catchAll: true, fault: null });
  });

  it("resolves the gateway VirtualService and the ServiceEntry host", () => {
    const bookinfo = vs(model, "bookinfo", "bookinfo");
    expect(bookinfo.hosts[0]?.kind).toBe("wildcard");
    expect(bookinfo.gateways[0]).toMatchObject({ key: "bookinfo/bookinfo-gateway", resolution: "found" });
    expect(bookinfo.meshBound).toBe(false);
    expect(rule(bookinfo, 0).matches).toHaveLength(5);
    const google = vs(model, "bookinfo", "rewrite-port-for-googleapis");
    expect(google.hosts[0]).toMatchObject({ kind: "serviceEntry", serviceEntry: { namespace: "bookinfo", name: "googleapis" } });
    expect(rule(google, 0).destinations[0]).toMatchObject({ port: 443, backends: null, host: { kind: "serviceEntry" } });
    expect(rule(google, 0).matches[0]?.conditions).toEqual([{ kind: "port", port: 80 }]);
  });

  it("summarises services, namespaces, gateways and workloads", () => {
    const reviews = model.services.find((s) => s.name === "reviews");
    expect(reviews).toMatchObject({ fqdn: "reviews.bookinfo.svc.cluster.local", selector: { app: "reviews" }, versionLabel: "version", multipleVersionsWithoutSubsets: false });
    expect(reviews?.backends.versions).toEqual(["v1", "v2", "v3"]);
    expect(reviews?.destinationRules).toEqual([{ namespace: "bookinfo", name: "reviews", hostMatch: "exact", subsets: ["v1", "v2", "v3"], hasWorkloadSelector: false }]);
    expect(model.namespaces.find((n) => n.name === "bookinfo")).toEqual({ name: "bookinfo", injection: "enabled", revision: null, ambient: false, pods: 6, podsWithoutSidecar: 0 });
    // Gateway pods run istio-proxy as their main container: they count as meshed.
    expect(model.namespaces.find((n) => n.name === "istio-system")).toMatchObject({ injection: "unset", pods: 2, podsWithoutSidecar: 0 });
    expect(model.gateways.find((g) => g.name === "bookinfo-gateway")).toMatchObject({ pods: { total: 1, ready: 1 }, workloads: [{ namespace: "istio-system", kind: "Deployment", name: "istio-ingressgateway" }] });
    expect(model.workloads.find((w) => w.name === "reviews-v2")).toMatchObject({ kind: "Deployment", versions: ["v2"], total: 1, ready: 1, withSidecar: 1 });
  });

  it("offers version subsets for a multi-version Service without DestinationRule", () => {
    const bare = buildMeshModel(scenarioSnapshot(scenarios.bookinfo.slice(0, 1)));
    expect(bare.services.find((s) => s.name === "reviews")?.multipleVersionsWithoutSubsets).toBe(true);
    expect(bare.services.find((s) => s.name === "ratings")?.multipleVersionsWithoutSubsets).toBe(false);
  });
});

describe("buildMeshModel on the seeds", () => {
  it("rio-staged: mesh + gateway binding, host:port forms, scoped match, 70/30 subsets", () => {
    const m = buildMeshModel(scenarioSnapshot(scenarios.rioStaged));
    const foobar = vs(m, "default-265db573", "foobar");
    expect(foobar.gateways.map((g) => [g.key, g.resolution])).toEqual([
      ["mesh", "mesh"],
      ["default-265db573/rio-gateway", "found"],
    ]);
    expect(foobar.hosts.map((h) => [h.kind, h.fqdn, h.port])).toEqual([
      ["service", "foobar.default-265db573.svc.cluster.local", null],
      ["service", "foobar.default-265db573.svc.cluster.local", 80],
      ["external", "foobar.default.127.0.0.1.nip.io", null],
      ["external", "foobar.default.127.0.0.1.nip.io", 80],
    ]);
    const r = rule(foobar, 0);
    expect(r.catchAll).toBe(false);
    expect(r.matches[0]?.conditions.map((c) => c.kind)).toEqual(["port", "gateways"]);
    expect(r.destinations.map((d) => [d.subset?.name, d.share, d.backends?.total])).toEqual([
      ["latest", 0.7, 3],
      ["v2", 0.3, 1],
    ]);
  });

  it("blue-green: header test route first, catch-all second", () => {
    const m = buildMeshModel(scenarioSnapshot(scenarios.blueGreen));
    const nginx = vs(m, "sample-ns", "nginx");
    expect(rule(nginx, 0)).toMatchObject({ testRoute: true, catchAll: false });
    expect(rule(nginx, 0).destinations[0]).toMatchObject({ subset: { name: "green", status: "found" }, port: 40001, share: 1 });
    expect(rule(nginx, 1)).toMatchObject({ testRoute: false, catchAll: true });
    expect(nginx.hosts[0]?.kind).toBe("external");
  });

  it("helm-canary: host-level split between two Services", () => {
    const m = buildMeshModel(scenarioSnapshot(scenarios.helmCanary));
    const v = vs(m, "default", "exciting-lemur-sample-gateway");
    expect(rule(v, 0).destinations.map((d) => [d.host.service?.name, d.share, d.backends?.versions])).toEqual([
      ["foolish-penguin-sample", 0.5, ["1.0.1"]],
      ["peeking-rabbit-sample", 0.5, ["1.1.0"]],
    ]);
  });

  it("rollouts-demo: Argo owns the VirtualService, its route and the canary/stable Services", () => {
    const m = buildMeshModel(scenarioSnapshot(scenarios.rolloutsDemo));
    const v = vs(m, "argo-apl", "rollouts-demo-vsvc");
    expect(v.owner).toMatchObject({ kind: "argo-rollouts", name: "rollouts-demo", weightsLocked: true });
    const r = rule(v, 0);
    expect(r.managedBy).toEqual({ kind: "argo-rollouts", name: "rollouts-demo" });
    expect(r.destinations.map((d) => [d.host.raw, d.rollout?.role, d.share])).toEqual([
      ["rollouts-demo-stable", "stable", 1],
      ["rollouts-demo-canary", "canary", 0],
    ]);
    expect(m.services.find((s) => s.name === "rollouts-demo-canary")?.rollout).toEqual({ name: "rollouts-demo", role: "canary" });
    const w = m.workloads.find((x) => x.kind === "Rollout");
    expect(w).toMatchObject({ name: "rollouts-demo", total: 1, ready: 1 });
    expect(w?.revisions).toEqual([{ podTemplateHash: expect.any(String), role: "stable", total: 1, ready: 1 }]);
    expect(m.rollouts[0]).toMatchObject({ name: "rollouts-demo", canaryService: "rollouts-demo-canary", virtualServices: [{ namespace: "argo-apl", name: "rollouts-demo-vsvc", routes: ["primary"] }] });
  });

  it("istio-subset-split: Argo owns the DestinationRule; its injected hash selects the Rollout's pods", () => {
    const m = buildMeshModel(scenarioSnapshot(scenarios.istioSubsetSplit));
    const dr = m.destinationRules[0];
    expect(dr?.owner).toMatchObject({ kind: "argo-rollouts", name: "istio-subset-split", weightsLocked: true });
    expect(dr?.owner.signals.map((s) => s.reason)).toEqual([
      expect.stringContaining("references it"),
      expect.stringContaining("managed-by-rollouts"),
      expect.stringContaining("rollouts-controller"),
    ]);
    expect(dr?.subsets.map((s) => [s.name, s.rollout?.role, s.labels["rollouts-pod-template-hash"] !== undefined, s.backends?.total])).toEqual([
      ["stable", "stable", true, 1],
      ["canary", "canary", true, 1],
    ]);
    const r = rule(vs(m, "argo-subset", "istio-subset-split-vsvc"), 0);
    expect(r.destinations.map((d) => [d.subset?.name, d.rollout?.role, d.share])).toEqual([
      ["stable", "stable", 1],
      ["canary", "canary", 0],
    ]);
  });
});
