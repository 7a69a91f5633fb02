import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { call, callAtCurrent, hrPath, promDelta, shareOf, useLabAdminKubeconfig } from "./actions-client.js";
import { eventually, kubeAs, uniqueNamespace } from "./test-lab.js";
import { httpService, shopDeployment } from "./shop-objects.js";
import { probe, shares } from "./traffic-helpers.js";

/** Gateway API HTTPRoute weights and undo, on a GAMMA route (parentRef: the Service) the simulated sidecars apply. */
const ns = uniqueNamespace("actions-gamma");
const admin = () => kubeAs("admin");
const HR = "gateway.networking.k8s.io/v1";
const path = hrPath(ns, "shop");
const from = { from: "lab-clients/traffic-client", host: `shop.${ns}`, port: 80 };

const deployment = (version: string) => shopDeployment(ns, version);
const service = (name: string, selector: Record<string, string>) => httpService(ns, name, selector);
const objects: KubeObject[] = [
  deployment("v1"),
  deployment("v2"),
  service("shop", { app: "shop" }),
  service("shop-v1", { app: "shop", version: "v1" }),
  service("shop-v2", { app: "shop", version: "v2" }),
  {
    apiVersion: HR,
    kind: "HTTPRoute",
    metadata: { name: "shop", namespace: ns },
    spec: {
      parentRefs: [{ group: "", kind: "Service", name: "shop", port: 80 }],
      rules: [{ name: "main", backendRefs: [{ name: "shop-v1", port: 80, weight: 50 }, { name: "shop-v2", port: 80, weight: 50 }] }],
    },
  },
];
const read = () => admin().get<{ metadata: { resourceVersion: string }; spec: { rules: { backendRefs: { weight: number }[] }[] } }>(HR, "HTTPRoute", ns, "shop");
const workloads = async (n: number) => shares(await probe({ ...from, n }), (d) => d.workload);
const weights = (a: number) => ({ weights: [{ name: "shop-v1", weight: a }, { name: "shop-v2", weight: 100 - a }] });

beforeAll(async () => {
  useLabAdminKubeconfig();
  await applyObjects(admin(), objects, { namespace: ns, namespaceLabels: { "istio-injection": "enabled" } });
  await eventually("both versions routable", async () => Object.keys(await workloads(200)).length === 2, 60_000, 500);
});
afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

describe("HTTPRoute rule weights", () => {
  it("80/20 by rule name, 0/100 by index, undo back to 80/20 — probe and Prometheus", async () => {
    const original = await read();
    const dry = await call("PUT", `${path}/rules/main/weights?dryRun=true`, { body: weights(80) });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.diff).toContain("+    weight: 80");
    expect((await read()).metadata.resourceVersion).toBe(original.metadata.resourceVersion);

    const set = await call("PUT", `${path}/rules/main/weights`, { body: weights(80) });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.object.spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight)).toEqual([80, 20]);
    await eventually("80/20 routed", async () => ((await workloads(200))["shop-v1"] ?? 0) > 0.7 || undefined, 10_000, 200);
    const s80 = await workloads(2000);
    expect(Math.abs((s80["shop-v1"] ?? 0) - 0.8)).toBeLessThanOrEqual(0.04);
    const counted = await promDelta(`reporter="destination",destination_workload_namespace="${ns}"`, "destination_workload", () => probe({ ...from, n: 2000 }), 2000);
    expect(Math.abs(shareOf(counted, "shop-v1") - 0.8)).toBeLessThanOrEqual(0.05);

    const all = await callAtCurrent("PUT", `${path}/rules/0/weights`, { body: weights(0) });
    expect(all.status).toBe(200);
    await eventually("0/100 routed", async () => (await workloads(100))["shop-v2"] === 1 || undefined, 10_000, 200);
    expect(await workloads(1000)).toEqual({ "shop-v2": 1 });

    const undo = await call("POST", `${path}/undo`);
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect((await read()).spec.rules[0]?.backendRefs.map((b) => b.weight)).toEqual([80, 20]);
    await eventually("80/20 again", async () => ((await workloads(200))["shop-v1"] ?? 0) > 0.7 || undefined, 10_000, 200);

    const history = await call("GET", `${path}/history`);
    expect(history.body.history.map((h: { action: string }) => h.action)).toEqual(["set-weights", "set-weights", "undo"]);
    expect(history.body.kind).toBe("HTTPRoute");
  }, 180_000);

  it("undo after someone else changed the route → 409 with the fresh object", async () => {
    const set = await call("PUT", `${path}/rules/main/weights`, { body: weights(60) });
    expect(set.status).toBe(200);
    await admin().patch(HR, "HTTPRoute", ns, "shop", { metadata: { labels: { touched: "yes" } }, spec: { rules: [{ name: "main", backendRefs: [{ name: "shop-v1", port: 80, weight: 1 }, { name: "shop-v2", port: 80, weight: 1 }] }] } });
    const before = await read();
    const undo = await call("POST", `${path}/undo`);
    expect(undo.status).toBe(409);
    expect(undo.body.current.spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight)).toEqual([1, 1]);
    expect((await read()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });
});
