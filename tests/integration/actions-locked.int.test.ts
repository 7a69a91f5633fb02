import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { call, useLabAdminKubeconfig, vsPath } from "./actions-client.js";
import { eventually, kubeAs, uniqueNamespace } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";

/** A VirtualService whose weights an Argo Rollout writes is locked (423): the controller would revert the edit. */
const admin = () => kubeAs("admin");
const VS = "networking.istio.io/v1";
const { canary } = demoWorld;
const argoVs = vsPath(canary.namespace, canary.vs);
const split = { weights: [{ host: canary.services.stable, weight: 90 }, { host: canary.services.canary, weight: 10 }] };
/** The route's weights as they are (filled before the tests run). */
const current: { weights: { host: string; weight: number }[] } = { weights: [] };
const rv = async (ns: string, name: string) => (await admin().get(VS, "VirtualService", ns, name)).metadata.resourceVersion;

const ns = uniqueNamespace("actions-locked");
const wholeVs: KubeObject[] = [
  { apiVersion: "v1", kind: "Service", metadata: { name: "web-stable", namespace: ns }, spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80 }] } },
  { apiVersion: "v1", kind: "Service", metadata: { name: "web-canary", namespace: ns }, spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80 }] } },
  {
    apiVersion: VS,
    kind: "VirtualService",
    metadata: { name: "web", namespace: ns },
    spec: { hosts: ["web"], http: [{ route: [{ destination: { host: "web-stable" }, weight: 100 }, { destination: { host: "web-canary" }, weight: 0 }] }] },
  },
  {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name: "web", namespace: ns },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "web" } },
      template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "nginx" }] } },
      // No `routes`: Argo then owns the VirtualService's only http route — everything is locked.
      strategy: { canary: { canaryService: "web-canary", stableService: "web-stable", trafficRouting: { istio: { virtualService: { name: "web" } } }, steps: [{ setWeight: 20 }, { pause: {} }] } },
    },
  },
];

beforeAll(async () => {
  useLabAdminKubeconfig();
  await applyObjects(admin(), wholeVs, { namespace: ns });
  const vs = await admin().get<{ spec: { http: { name?: string; route: { destination: { host: string }; weight?: number }[] }[] } }>(VS, "VirtualService", canary.namespace, canary.vs);
  const route = vs.spec.http.find((h) => h.name === canary.route);
  current.weights = (route?.route ?? []).map((d) => ({ host: d.destination.host, weight: d.weight ?? 0 }));
}, 240_000);
afterAll(async () => {
  await admin().delete("v1", "Namespace", undefined, ns);
  await demoWorld.restore(admin(), canary.namespace);
});

describe(`${canary.namespace}/${canary.vs} (Rollout ${canary.rollout}, routes: [${canary.route}])`, () => {
  const attempts: [string, "PUT" | "POST" | "DELETE", string, unknown][] = [
    ["weights by name", "PUT", `${argoVs}/http/${canary.route}/weights`, split],
    ["weights by index", "PUT", `${argoVs}/http/0/weights`, split],
    ["weights, dry run", "PUT", `${argoVs}/http/${canary.route}/weights?dryRun=true`, split],
    ["promote", "POST", `${argoVs}/http/${canary.route}/promote`, { destination: { host: canary.services.canary } }],
    ["switch", "POST", `${argoVs}/http/${canary.route}/switch`, { destination: { host: canary.services.canary } }],
    ["fault", "PUT", `${argoVs}/http/${canary.route}/fault`, { abort: { httpStatus: 503, percentage: 5 } }],
    ["clear fault", "DELETE", `${argoVs}/http/${canary.route}/fault`, undefined],
    ["mirror", "PUT", `${argoVs}/http/${canary.route}/mirror`, { destination: { host: canary.services.canary }, percentage: 10 }],
    ["the current weights again (a no-op)", "PUT", `${argoVs}/http/${canary.route}/weights`, current],
  ];

  it.each(attempts)("%s → 423 naming the Rollout and its actions; nothing changes", async (_, method, path, body) => {
    const before = await rv(canary.namespace, canary.vs);
    const r = await call(method, path, { body });
    expect(r.status, JSON.stringify(r.body)).toBe(423);
    expect(r.body.error.code).toBe("Locked");
    expect(r.body.error.message).toContain(`route "${canary.route}"`);
    expect(r.body.error.message).toMatch(new RegExp(`Argo Rollout ${canary.namespace}/${canary.rollout}.*Use the Rollout actions \\(promote, abort\\)`));
    expect(r.body.owner).toEqual({ controller: "argo-rollouts", namespace: canary.namespace, name: canary.rollout, routes: [canary.route] });
    expect(await rv(canary.namespace, canary.vs)).toBe(before);
  });

  it("locks only the routes the Rollout lists: a header test route beside it is allowed (dry run)", async () => {
    const before = await rv(canary.namespace, canary.vs);
    const r = await call("POST", `${argoVs}/test-routes?dryRun=true`, { body: { header: { name: "x-canary", match: "exact", value: "1" }, destination: { host: canary.services.canary } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.object.spec.http.map((h: { name: string }) => h.name)).toEqual(["meshdeck-test-header-1", canary.route]);
    expect(await rv(canary.namespace, canary.vs)).toBe(before);
  });
});

describe("a Rollout that names no routes", () => {
  it("locks its only HTTP route, and a test route above it (Argo would then refuse the VirtualService)", async () => {
    const path = vsPath(ns, "web");
    await eventually("Rollout seen by the controller", async () => (await admin().get<{ status?: { phase?: string } }>("argoproj.io/v1alpha1", "Rollout", ns, "web")).status?.phase !== undefined, 30_000);
    const weights = await call("PUT", `${path}/http/0/weights`, { body: { weights: [{ host: "web-stable", weight: 50 }, { host: "web-canary", weight: 50 }] } });
    expect(weights.status).toBe(423);
    // Argo's rule: no route named → it writes the only HTTP route.
    expect(weights.body.owner).toEqual({ controller: "argo-rollouts", namespace: ns, name: "web", routes: ["http route #1"] });
    expect(weights.body.error.message).toMatch(new RegExp(`VirtualService ${ns}/web \\(route "http route #1"\\) is managed by Argo Rollout ${ns}/web`));
    const test = await call("POST", `${path}/test-routes`, { body: { header: { name: "x-canary", match: "exact", value: "1" }, destination: { host: "web-canary" } } });
    expect(test.status).toBe(423);
    expect((await call("GET", `${path}/history`)).status).toBe(200);
  });
});
