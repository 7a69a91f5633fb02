import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { call, promDelta, useLabAdminKubeconfig, viewerToken, vsPath } from "./actions-client.js";
import { canaryRollout } from "./rollouts-objects.js";
import { eventually, kubeAs, uniqueNamespace } from "./test-lab.js";
import { httpService, shopDeployment } from "./shop-objects.js";
import { probe } from "./traffic-helpers.js";

/**
 * Per-route timeouts and retries through the HTTP API, observed in the lab:
 * the simulator's probe and Prometheus (istio_requests_total as Envoy counts it:
 * one request per attempt at the destination, one per request at the source).
 */
const ns = uniqueNamespace("actions-timeouts");
const admin = () => kubeAs("admin");
const NET = "networking.istio.io/v1";
const path = vsPath(ns, "shop");
const from = { from: "lab-clients/traffic-client", host: `shop.${ns}`, port: 80 };
const slow = { ...from, headers: { "x-test": "slow" } };

const deployment = (version: string, annotations: Record<string, string>) => shopDeployment(ns, version, { annotations, replicas: 2 });
const service = (name: string, selector: Record<string, string>) => httpService(ns, name, selector);
const objects: KubeObject[] = [
  // The slow version: its answers take about 7 s (the upstream, not an injected delay: Envoy's route
  // timeout starts at the router, after the fault filter, so a fault delay never counts against it).
  deployment("v1", { "meshdeck.dev/latency-ms": "7000", "meshdeck.dev/latency-p99-ms": "7500" }),
  // The failing version: half of its answers are 500 (not retried by Istio's default policy).
  deployment("v2", { "meshdeck.dev/error-rate": "0.5" }),
  service("shop", { app: "shop" }),
  {
    apiVersion: NET,
    kind: "DestinationRule",
    metadata: { name: "shop", namespace: ns },
    spec: { host: "shop", subsets: [{ name: "v1", labels: { version: "v1" } }, { name: "v2", labels: { version: "v2" } }] },
  },
  {
    apiVersion: NET,
    kind: "VirtualService",
    metadata: { name: "shop", namespace: ns },
    spec: {
      hosts: ["shop"],
      http: [
        { name: "moved", match: [{ uri: { prefix: "/old" } }], redirect: { uri: "/new" } },
        { name: "slow", match: [{ headers: { "x-test": { exact: "slow" } } }], route: [{ destination: { host: "shop", subset: "v1" } }] },
        { name: "main", route: [{ destination: { host: "shop", subset: "v2" } }] },
      ],
    },
  },
  // An Argo Rollout owns route "primary" of VirtualService "web": Meshdeck must not edit it (423).
  service("web-stable", { app: "web" }),
  service("web-canary", { app: "web" }),
  {
    apiVersion: NET,
    kind: "VirtualService",
    metadata: { name: "web", namespace: ns },
    spec: { hosts: ["web"], http: [{ name: "primary", route: [{ destination: { host: "web-stable" }, weight: 100 }, { destination: { host: "web-canary" }, weight: 0 }] }] },
  },
  canaryRollout(ns, { canaryService: "web-canary", stableService: "web-stable", trafficRouting: { istio: { virtualService: { name: "web", routes: ["primary"] } } } }),
];

const errorRate = (r: Awaited<ReturnType<typeof probe>>) => 1 - (r.codes["200"] ?? 0) / r.n;
const rv = async () => (await admin().get<{ metadata: { resourceVersion: string } }>(NET, "VirtualService", ns, "shop")).metadata.resourceVersion;
const selector = `destination_service_namespace="${ns}"`;

beforeAll(async () => {
  useLabAdminKubeconfig();
  await applyObjects(admin(), objects, { namespace: ns, namespaceLabels: { "istio-injection": "enabled" } });
  await eventually("both versions routable", async () => (await probe({ ...from, n: 50 })).codes["200"] && (await probe({ ...slow, n: 50 })).codes["200"] === 50, 60_000, 500);
}, 120_000);
afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

describe("route timeout", () => {
  it("a 1 s timeout on a route whose upstream answers in 7 s → 504 UT in the probe and in Prometheus; cleared → 200 after 7 s", async () => {
    expect((await probe({ ...slow, n: 20 })).latencyMs.p50).toBeGreaterThan(6000);

    const before = await rv();
    const dry = await call("PUT", `${path}/http/slow/timeout?dryRun=true`, { body: { timeout: "1s" } });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.diff).toMatch(/^\+\s+timeout: 1s$/m);
    expect(await rv()).toBe(before);

    const set = await call("PUT", `${path}/http/slow/timeout`, { body: { timeout: "1s", resourceVersion: before } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.object.spec.http[1].timeout).toBe("1s");
    expect(set.body.object.spec.http[2]).toEqual({ name: "main", route: [{ destination: { host: "shop", subset: "v2" } }] });
    await eventually("timeout applied", async () => (await probe({ ...slow, n: 20 })).codes["504"] === 20 || undefined, 20_000, 250);
    const r = await probe({ ...slow, n: 500 });
    expect(r.codes).toEqual({ "504": 500 });
    expect(r.flags).toEqual({ UT: 500 });
    expect(r.latencyMs.p95).toBeLessThanOrEqual(1000);
    const counted = await promDelta(`${selector},reporter="source",response_code="504"`, "response_flags", () => probe({ ...slow, n: 500 }), 500);
    expect(counted).toEqual({ UT: 500 });

    const history = await call("GET", `${path}/history`);
    expect(history.body.lastChange).toMatchObject({ action: "set-timeout", summary: expect.stringContaining("after 1s") });

    const cleared = await call("DELETE", `${path}/http/slow/timeout`);
    expect(cleared.status, JSON.stringify(cleared.body)).toBe(200);
    expect(cleared.body.object.spec.http[1].timeout).toBeUndefined();
    await eventually("timeout removed", async () => (await probe({ ...slow, n: 20 })).codes["200"] === 20 || undefined, 20_000, 250);
    expect((await probe({ ...slow, n: 20 })).latencyMs.p50).toBeGreaterThan(6000);
  });
});

describe("route retries", () => {
  it("retries on a 50 % failing version: the caller's error rate falls well below 50 %, each attempt counted at the destination; undo restores it", async () => {
    const baseline = await probe({ ...from, n: 2000 });
    expect(errorRate(baseline)).toBeGreaterThan(0.4);
    expect(errorRate(baseline)).toBeLessThan(0.6);

    const set = await call("PUT", `${path}/http/main/retries`, { body: { attempts: 3, retryOn: "5xx", perTryTimeout: "2s" } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.object.spec.http[2].retries).toEqual({ attempts: 3, retryOn: "5xx", perTryTimeout: "2s" });
    await eventually("retries applied", async () => errorRate(await probe({ ...from, n: 200 })) < 0.2 || undefined, 20_000, 250);
    // 0.5⁴ ≈ 6 % of requests still fail after the three retries.
    expect(errorRate(await probe({ ...from, n: 2000 }))).toBeLessThan(0.15);

    const codes = await promDelta(`${selector},reporter="source"`, "response_code", () => probe({ ...from, n: 2000 }), 2000);
    expect((codes["500"] ?? 0) / 2000).toBeLessThan(0.15);
    const reporters = await promDelta(selector, "reporter", () => probe({ ...from, n: 2000 }), 2000 * 2.5);
    expect(reporters.source).toBe(2000);
    // 1 + 0.5 + 0.25 + 0.125 ≈ 1.9 attempts per request.
    expect((reporters.destination ?? 0) / 2000).toBeGreaterThan(1.6);
    expect((reporters.destination ?? 0) / 2000).toBeLessThan(2.2);

    const undo = await call("POST", `${path}/undo`);
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(undo.body.object.spec.http[2].retries).toBeUndefined();
    await eventually("retries undone", async () => errorRate(await probe({ ...from, n: 400 })) > 0.4 || undefined, 20_000, 250);
  });
});

describe("errors of the new endpoints", () => {
  const writes: ["PUT" | "DELETE", string, unknown][] = [
    ["PUT", "timeout", { timeout: "2s" }],
    ["DELETE", "timeout", undefined],
    ["PUT", "retries", { attempts: 2, retryOn: "gateway-error" }],
    ["DELETE", "retries", undefined],
  ];

  it.each(writes)("%s …/%s: 409 with the fresh object on a stale resourceVersion", async (method, tool, body) => {
    const r = await call(method, `${path}/http/main/${tool}`, { body: { ...(body as object), resourceVersion: "1" } });
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.current.metadata.resourceVersion).toBe(await rv());
  });

  it.each(writes)("%s …/%s: 423 on a route an Argo Rollout owns, nothing changes", async (method, tool, body) => {
    const web = vsPath(ns, "web");
    const before = (await admin().get<{ metadata: { resourceVersion: string } }>(NET, "VirtualService", ns, "web")).metadata.resourceVersion;
    const r = await call(method, `${web}/http/primary/${tool}`, { body });
    expect(r.status, JSON.stringify(r.body)).toBe(423);
    expect(r.body.owner).toMatchObject({ controller: "argo-rollouts", namespace: ns, name: "web" });
    expect((await admin().get<{ metadata: { resourceVersion: string } }>(NET, "VirtualService", ns, "web")).metadata.resourceVersion).toBe(before);
  });

  it.each(writes)("%s …/%s: 403 naming the verb and resource for a viewer", async (method, tool, body) => {
    const r = await call(method, `${path}/http/main/${tool}`, { body, bearer: viewerToken() });
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    expect(r.body.error).toMatchObject({ code: "Forbidden", verb: "patch", resource: "virtualservices.networking.istio.io", namespace: ns });
  });

  it("422 for invalid durations, unknown retryOn conditions, bounds, and routes without destinations", async () => {
    const before = await rv();
    const cases: [string, unknown, string][] = [
      ["main/timeout", { timeout: "soon" }, "timeout"],
      ["main/timeout", { timeout: "1s", extra: true }, ""],
      ["main/retries", { attempts: 2, retryOn: "5xx,sometimes" }, "retryOn"],
      ["main/retries", { attempts: -1 }, "attempts"],
      ["main/retries", { attempts: 2, perTryTimeout: "0s" }, "perTryTimeout"],
      ["moved/timeout", { timeout: "1s" }, ""],
      ["moved/retries", { attempts: 2 }, ""],
    ];
    for (const [where, body, field] of cases) {
      const r = await call("PUT", `${path}/http/${where}`, { body });
      expect(r.status, `${where} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`).toBe(422);
      if (field) expect(r.body.error.issues.map((i: { path: string }) => i.path)).toContain(field);
    }
    expect(await rv()).toBe(before);
  });
});
