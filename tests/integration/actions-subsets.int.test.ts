import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { call, callAtCurrent, useLabAdminKubeconfig, viewerToken, vsPath } from "./actions-client.js";
import { eventually, kubeAs, uniqueNamespace } from "./test-lab.js";
import { probe, shares } from "./traffic-helpers.js";

/** POST /api/namespaces/{ns}/services/{name}/subsets: DestinationRule subsets from the pods' version label. */
const ns = uniqueNamespace("actions-subsets");
const admin = () => kubeAs("admin");
const DR = "networking.istio.io/v1";
const path = `/api/namespaces/${ns}/services/shop/subsets`;

const deployment = (version: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: `shop-${version}`, namespace: ns },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: "shop", version } },
    template: { metadata: { labels: { app: "shop", version } }, spec: { containers: [{ name: "shop", image: "nginx" }] } },
  },
});
const shop: KubeObject = { apiVersion: "v1", kind: "Service", metadata: { name: "shop", namespace: ns }, spec: { selector: { app: "shop" }, ports: [{ name: "http", port: 80 }] } };
const headless: KubeObject = { apiVersion: "v1", kind: "Service", metadata: { name: "external", namespace: ns }, spec: { ports: [{ name: "http", port: 80 }] } };
const podVersions = async () => new Set((await admin().list<{ metadata: { labels?: Record<string, string> }; status?: { phase?: string } }>("v1", "Pod", ns)).items.filter((p) => p.status?.phase === "Running").map((p) => p.metadata.labels?.version));
const drExists = async () => admin().get(DR, "DestinationRule", ns, "shop").then(() => true, () => false);

beforeAll(async () => {
  useLabAdminKubeconfig();
  await applyObjects(admin(), [deployment("v1"), deployment("v2"), shop, headless], { namespace: ns, namespaceLabels: { "istio-injection": "enabled" } });
  await eventually("v1 and v2 pods running", async () => (await podVersions()).size === 2, 60_000, 500);
});
afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

describe("subsets from versions", () => {
  it("the viewer gets 403 naming create destinationrules; a dry run creates nothing", async () => {
    const denied = await call("POST", path, { body: {}, bearer: viewerToken() });
    expect(denied.status).toBe(403);
    expect(denied.body.error).toMatchObject({ verb: "create", resource: "destinationrules.networking.istio.io", namespace: ns });
    const dry = await call("POST", `${path}?dryRun=true`, { body: {} });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.object.spec).toEqual({ host: "shop", subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "v2", labels: { version: "v2" } }] });
    expect(dry.body.diff).toContain("+host: shop");
    expect(await drExists()).toBe(false);
  });

  it("creates the DestinationRule, is a no-op again, adds a new version's subset, and the subset routes", async () => {
    const created = await call("POST", path, { body: {} });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(created.body).toMatchObject({ action: "subsets-from-versions", changed: true, eventRecorded: true });
    expect(await drExists()).toBe(true);

    const again = await call("POST", path);
    expect(again.status).toBe(200);
    expect(again.body.changed).toBe(false);

    await applyObjects(admin(), [deployment("v3")], { namespace: ns });
    await eventually("v3 pod running", async () => (await podVersions()).has("v3"), 60_000, 500);
    const added = await call("POST", path, { body: { resourceVersion: created.body.resourceVersion } });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.object.spec.subsets.map((s: { name: string }) => s.name)).toEqual(["v1", "v2", "v3"]);
    expect(added.body.diff).toContain("+- name: v3");

    // The new subset is usable: route everything to it and probe.
    await applyObjects(admin(), [{ apiVersion: DR, kind: "VirtualService", metadata: { name: "shop", namespace: ns }, spec: { hosts: ["shop"], http: [{ route: [{ destination: { host: "shop", subset: "v1" } }] }] } }], { namespace: ns });
    const promote = await callAtCurrent("PUT", `${vsPath(ns, "shop")}/http/0/weights`, { body: { weights: [{ host: "shop", subset: "v3", weight: 100 }], allowAdd: true, allowRemove: true } });
    expect(promote.status, JSON.stringify(promote.body)).toBe(200);
    const from = { from: "lab-clients/traffic-client", host: `shop.${ns}`, port: 80 };
    await eventually("routed to v3", async () => shares(await probe({ ...from, n: 50 }), (d) => d.workload)["shop-v3"] === 1 || undefined, 15_000, 300);
    expect(shares(await probe({ ...from, n: 500 }), (d) => d.workload)).toEqual({ "shop-v3": 1 });
  });

  it("refuses what cannot work: stale resourceVersion 409, no selector 422, unknown Service 404, bad label 422", async () => {
    expect((await call("POST", path, { body: { resourceVersion: "1" } })).status).toBe(409);
    expect((await call("POST", `/api/namespaces/${ns}/services/external/subsets`)).status).toBe(422);
    expect((await call("POST", `/api/namespaces/${ns}/services/nope/subsets`)).status).toBe(404);
    expect((await call("POST", path, { body: { label: "Bad Label!" } })).status).toBe(422);
    expect((await call("POST", path, { body: { label: "tier" } })).status).toBe(422);
  });
});
