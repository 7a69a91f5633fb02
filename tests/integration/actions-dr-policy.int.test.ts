import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { call, promDelta, useLabAdminKubeconfig, viewerToken } from "./actions-client.js";
import { canaryRollout } from "./rollouts-objects.js";
import { eventually, kubeAs, uniqueNamespace } from "./test-lab.js";
import { httpService, shopDeployment } from "./shop-objects.js";
import { probe } from "./traffic-helpers.js";

/**
 * DestinationRule traffic policies through the HTTP API, observed in the lab:
 * outlier detection ejects the failing pod (its share and the errors drop, in
 * the probe and in Prometheus), consistent hash by header pins a header value
 * to one pod; 409/423/403/422 for each endpoint.
 */
const ns = uniqueNamespace("actions-dr-policy");
const admin = () => kubeAs("admin");
const NET = "networking.istio.io/v1";
const drPath = (name: string) => `/api/namespaces/${ns}/destinationrules/${name}`;
const from = { from: "lab-clients/traffic-client", host: `shop.${ns}`, port: 80 };
const selector = `destination_service_namespace="${ns}"`;

const objects: KubeObject[] = [
  shopDeployment(ns, "v1"),
  shopDeployment(ns, "v2"),
  // The failing pod: every answer is a 500 (not retried by Istio's default policy).
  shopDeployment(ns, "v3", { annotations: { "meshdeck.dev/error-rate": "1" } }),
  httpService(ns, "shop", { app: "shop" }),
  // A DestinationRule with a subset, for the subset endpoints.
  { apiVersion: NET, kind: "DestinationRule", metadata: { name: "cart", namespace: ns }, spec: { host: "cart", subsets: [{ name: "v1", labels: { version: "v1" } }] } },
  // An Argo Rollout owns DestinationRule "web" (trafficRouting.istio.destinationRule): 423.
  httpService(ns, "web", { app: "web" }),
  { apiVersion: NET, kind: "DestinationRule", metadata: { name: "web", namespace: ns }, spec: { host: "web", subsets: [{ name: "stable", labels: { app: "web" } }, { name: "canary", labels: { app: "web" } }] } },
  {
    apiVersion: NET,
    kind: "VirtualService",
    metadata: { name: "web", namespace: ns },
    spec: { hosts: ["web"], http: [{ name: "primary", route: [{ destination: { host: "web", subset: "stable" }, weight: 100 }, { destination: { host: "web", subset: "canary" }, weight: 0 }] }] },
  },
  canaryRollout(ns, { trafficRouting: { istio: { virtualService: { name: "web", routes: ["primary"] }, destinationRule: { name: "web", stableSubsetName: "stable", canarySubsetName: "canary" } } } }),
];

type Probe = Awaited<ReturnType<typeof probe>>;
const errorRate = (r: Probe) => 1 - (r.codes["200"] ?? 0) / r.n;
const countOf = (r: Probe, version: string) => r.destinations.filter((d) => d.version === version).reduce((n, d) => n + d.count, 0);
const rvOf = async (name: string) => (await admin().get<{ metadata: { resourceVersion: string } }>(NET, "DestinationRule", ns, name)).metadata.resourceVersion;
const outlier = { consecutive5xxErrors: 3, interval: "1s", baseEjectionTime: "10m", maxEjectionPercent: 100 };

beforeAll(async () => {
  useLabAdminKubeconfig();
  await applyObjects(admin(), objects, { namespace: ns, namespaceLabels: { "istio-injection": "enabled" } });
  await eventually("all three versions routable", async () => {
    const r = await probe({ ...from, n: 60 });
    return (countOf(r, "v1") > 0 && countOf(r, "v2") > 0 && countOf(r, "v3") > 0) || undefined;
  }, 60_000, 500);
}, 120_000);
afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

describe("outlier detection", () => {
  it("PUT …/policy creates the DestinationRule; the failing pod is ejected: its share drops to ~0 and errors fall (probe and Prometheus); DELETE and undo", async () => {
    const baseline = await probe({ ...from, n: 600 });
    expect(errorRate(baseline)).toBeGreaterThan(0.25);
    expect(errorRate(baseline)).toBeLessThan(0.42);

    const dry = await call("PUT", `${drPath("shop")}/policy?dryRun=true`, { body: { policy: { outlierDetection: outlier } } });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ changed: true, dryRun: true, action: "set-traffic-policy" });
    expect(dry.body.diff).toMatch(/consecutive5xxErrors: 3/);
    expect((await call("GET", `${drPath("shop")}/history`)).status).toBe(404);

    const set = await call("PUT", `${drPath("shop")}/policy`, { body: { policy: { outlierDetection: outlier } } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.object.spec).toEqual({ host: "shop", trafficPolicy: { outlierDetection: outlier } });
    await eventually("failing pod ejected", async () => (errorRate(await probe({ ...from, n: 300 })) < 0.02 ? true : undefined), 30_000, 250);
    const after = await probe({ ...from, n: 600 });
    expect(countOf(after, "v3")).toBe(0);
    expect(errorRate(after)).toBe(0);
    expect(countOf(after, "v1")).toBeGreaterThan(200);
    expect(countOf(after, "v2")).toBeGreaterThan(200);

    const versions = await promDelta(`${selector},reporter="destination"`, "destination_version", () => probe({ ...from, n: 600 }), 600);
    expect(versions.v3 ?? 0).toBe(0);
    const codes = await promDelta(`${selector},reporter="source"`, "response_code", () => probe({ ...from, n: 600 }), 600);
    expect(codes).toEqual({ "200": 600 });

    const history = await call("GET", `${drPath("shop")}/history`);
    expect(history.body.lastChange).toMatchObject({ action: "set-traffic-policy" });

    const cleared = await call("DELETE", `${drPath("shop")}/policy`);
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body.object.spec.trafficPolicy).toBeUndefined();
    await eventually("failing pod back", async () => (countOf(await probe({ ...from, n: 300 }), "v3") > 60 ? true : undefined), 30_000, 250);

    const undo = await call("POST", `${drPath("shop")}/undo`);
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(undo.body.object.spec.trafficPolicy).toEqual({ outlierDetection: outlier });
    // Still within the 10 min ejection: the pod stays out as soon as the policy is back.
    await eventually("ejected again", async () => (countOf(await probe({ ...from, n: 300 }), "v3") === 0 ? true : undefined), 30_000, 250);
  });
});

describe("consistent hash", () => {
  it("by header: the same x-user value always reaches the same pod (probe and Prometheus); values spread over the pods", async () => {
    const rv = await rvOf("shop");
    const set = await call("PUT", `${drPath("shop")}/policy`, { body: { policy: { loadBalancer: { consistentHash: { httpHeaderName: "x-user" } } }, resourceVersion: rv } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.object.spec.trafficPolicy).toEqual({ loadBalancer: { consistentHash: { httpHeaderName: "x-user" } } });
    const pinned = async (user: string) => new Set((await probe({ ...from, n: 60, headers: { "x-user": user } })).destinations.map((d) => d.workload));
    await eventually("hashing applied", async () => ((await pinned("user-0")).size === 1 ? true : undefined), 30_000, 250);
    const seen = new Set<string>();
    for (let u = 0; u < 12; u++) {
      const workloads = await pinned(`user-${u}`);
      expect(workloads.size, `user-${u}`).toBe(1);
      seen.add([...workloads][0] ?? "");
    }
    expect(seen.size).toBeGreaterThan(1);
    const byWorkload = await promDelta(`${selector},reporter="destination"`, "destination_workload", () => probe({ ...from, n: 300, headers: { "x-user": "user-1" } }), 300);
    expect(Object.values(byWorkload)).toEqual([300]);
  });
});

describe("errors of the new endpoints", () => {
  const policy = { outlierDetection: { consecutive5xxErrors: 5 } };
  const writes: ["PUT" | "DELETE", string, unknown][] = [
    ["PUT", "policy", { policy }],
    ["DELETE", "policy", undefined],
    ["PUT", "subsets/v1/policy", policy],
    ["DELETE", "subsets/v1/policy", undefined],
  ];

  it.each(writes)("%s …/%s: 409 with the fresh object on a stale resourceVersion", async (method, where, body) => {
    const r = await call(method, `${drPath("cart")}/${where}`, { body: { ...(body as object), resourceVersion: "1" } });
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.current.metadata.resourceVersion).toBe(await rvOf("cart"));
  });

  it.each(writes)("%s …/%s: 423 on a DestinationRule an Argo Rollout owns, nothing changes", async (method, where, body) => {
    const before = await rvOf("web");
    const r = await call(method, `${drPath("web")}/${where.replace("v1", "stable")}`, { body });
    expect(r.status, JSON.stringify(r.body)).toBe(423);
    expect(r.body.owner).toMatchObject({ controller: "argo-rollouts", namespace: ns, name: "web" });
    expect(await rvOf("web")).toBe(before);
  });

  it.each(writes)("%s …/%s: 403 naming the verb and resource for a viewer", async (method, where, body) => {
    const r = await call(method, `${drPath("cart")}/${where}`, { body, bearer: viewerToken() });
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    expect(r.body.error).toMatchObject({ code: "Forbidden", verb: "patch", resource: "destinationrules.networking.istio.io", namespace: ns });
  });

  it("403 naming create when a viewer's PUT would create the DestinationRule", async () => {
    const r = await call("PUT", `${drPath("nothing-here")}/policy`, { body: { policy }, bearer: viewerToken() });
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    expect(r.body.error).toMatchObject({ code: "Forbidden", verb: "create", resource: "destinationrules.networking.istio.io" });
  });

  it("422 for invalid policies, 404 for an unknown subset; nothing changes", async () => {
    const before = await rvOf("cart");
    const cases: [string, unknown, string][] = [
      ["policy", { policy: {} }, "policy"],
      ["policy", { policy: { outlierDetection: { interval: "soon" } } }, "policy.outlierDetection.interval"],
      ["policy", { policy: { loadBalancer: { simple: "FASTEST" } } }, "policy.loadBalancer.simple"],
      ["policy", { policy: { loadBalancer: { consistentHash: { httpHeaderName: "a", useSourceIp: true } } } }, ""],
      ["policy", { policy, extra: 1 }, ""],
      ["subsets/v1/policy", { outlierDetection: { maxEjectionPercent: 150 } }, "outlierDetection.maxEjectionPercent"],
      ["subsets/v1/policy", { tls: { mode: "PLAIN" } }, "tls.mode"],
      ["subsets/v1/policy", { connectionPool: { tcp: { maxConnections: 0 } } }, "connectionPool.tcp.maxConnections"],
    ];
    for (const [where, body, field] of cases) {
      const r = await call("PUT", `${drPath("cart")}/${where}`, { body });
      expect(r.status, `${where} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`).toBe(422);
      if (field) expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
    const missing = await call("PUT", `${drPath("cart")}/subsets/v9/policy`, { body: policy });
    expect(missing.status, JSON.stringify(missing.body)).toBe(404);
    expect(await rvOf("cart")).toBe(before);
  });
});
