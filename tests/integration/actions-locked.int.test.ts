import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminKube } from "../../lab/core/control.js";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { applyScenarioFiles, baseScenario } from "../../lab/core/scenarios.js";
import { call, useLabAdminKubeconfig, vsPath } from "./actions-client.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { restoreNamespace } from "./traffic-helpers.js";

/** A VirtualService whose weights an Argo Rollout writes is locked (423): the controller would revert the edit. */
const admin = () => kubeAs("admin");
const VS = "networking.istio.io/v1";
const argoVs = vsPath("argo-apl", "rollouts-demo-vsvc");
const split = { weights: [{ host: "rollouts-demo-stable", weight: 90 }, { host: "rollouts-demo-canary", weight: 10 }] };
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
  await applyScenarioFiles(adminKube(labState()), baseScenario);
  await applyObjects(admin(), wholeVs, { namespace: ns });
});
afterAll(async () => {
  await admin().delete("v1", "Namespace", undefined, ns);
  await restoreNamespace("argo-apl");
});

describe("argo-apl/rollouts-demo-vsvc (Rollout rollouts-demo, routes: [primary])", () => {
  const attempts: [string, "PUT" | "POST" | "DELETE", string, unknown][] = [
    ["weights by name", "PUT", `${argoVs}/http/primary/weights`, split],
    ["weights by index", "PUT", `${argoVs}/http/0/weights`, split],
    ["weights, dry run", "PUT", `${argoVs}/http/primary/weights?dryRun=true`, split],
    ["promote", "POST", `${argoVs}/http/primary/promote`, { destination: { host: "rollouts-demo-canary" } }],
    ["switch", "POST", `${argoVs}/http/primary/switch`, { destination: { host: "rollouts-demo-canary" } }],
    ["fault", "PUT", `${argoVs}/http/primary/fault`, { abort: { httpStatus: 503, percentage: 5 } }],
    ["clear fault", "DELETE", `${argoVs}/http/primary/fault`, undefined],
    ["mirror", "PUT", `${argoVs}/http/primary/mirror`, { destination: { host: "rollouts-demo-canary" }, percentage: 10 }],
    ["the current weights again (a no-op)", "PUT", `${argoVs}/http/primary/weights`, { weights: [{ host: "rollouts-demo-stable", weight: 100 }, { host: "rollouts-demo-canary", weight: 0 }] }],
  ];

  it.each(attempts)("%s → 423 naming the Rollout and its actions; nothing changes", async (_, method, path, body) => {
    const before = await rv("argo-apl", "rollouts-demo-vsvc");
    const r = await call(method, path, { body });
    expect(r.status, JSON.stringify(r.body)).toBe(423);
    expect(r.body.error.code).toBe("Locked");
    expect(r.body.error.message).toMatch(/route "primary".*Argo Rollout argo-apl\/rollouts-demo.*Use the Rollout actions \(promote, abort\)/);
    expect(r.body.owner).toEqual({ controller: "argo-rollouts", namespace: "argo-apl", name: "rollouts-demo", routes: ["primary"] });
    expect(await rv("argo-apl", "rollouts-demo-vsvc")).toBe(before);
  });

  it("locks only the routes the Rollout lists: a header test route beside primary is allowed (dry run)", async () => {
    const before = await rv("argo-apl", "rollouts-demo-vsvc");
    const r = await call("POST", `${argoVs}/test-routes?dryRun=true`, { body: { header: { name: "x-canary", match: "exact", value: "1" }, destination: { host: "rollouts-demo-canary" } } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.object.spec.http.map((h: { name: string }) => h.name)).toEqual(["meshdeck-test-header-1", "primary"]);
    expect(await rv("argo-apl", "rollouts-demo-vsvc")).toBe(before);
  });
});

describe("a Rollout that names no routes", () => {
  it("locks every action on its VirtualService", async () => {
    const path = vsPath(ns, "web");
    await eventually("Rollout seen by the controller", async () => (await admin().get<{ status?: { phase?: string } }>("argoproj.io/v1alpha1", "Rollout", ns, "web")).status?.phase !== undefined, 30_000);
    const weights = await call("PUT", `${path}/http/0/weights`, { body: { weights: [{ host: "web-stable", weight: 50 }, { host: "web-canary", weight: 50 }] } });
    expect(weights.status).toBe(423);
    expect(weights.body.owner).toEqual({ controller: "argo-rollouts", namespace: ns, name: "web" });
    expect(weights.body.error.message).toMatch(new RegExp(`VirtualService ${ns}/web is managed by Argo Rollout ${ns}/web`));
    const test = await call("POST", `${path}/test-routes`, { body: { header: { name: "x-canary", match: "exact", value: "1" }, destination: { host: "web-canary" } } });
    expect(test.status).toBe(423);
    expect((await call("GET", `${path}/history`)).status).toBe(200);
  });
});
