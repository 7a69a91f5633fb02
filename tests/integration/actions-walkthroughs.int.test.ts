import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminKube } from "../../lab/core/control.js";
import { applyScenarioFiles, baseScenario, scenarioNamespaces } from "../../lab/core/scenarios.js";
import { waitWorkloadsReady } from "../../lab/core/workloads.js";
import { call, callAtCurrent, promDelta, shareOf, useLabAdminKubeconfig, vsPath, type CallResult } from "./actions-client.js";
import type { ProbeOptions } from "../../lab/traffic/probe-client.js";
import { eventually, labState } from "./test-lab.js";
import { probe, probeLoop, promQuery, restoreNamespace, shares } from "./traffic-helpers.js";

/**
 * The seed walkthroughs driven through Meshdeck's action API (route handlers
 * called in-process, as the lab admin), each step checked with the simulated
 * data plane's probe and in Prometheus. The four walkthroughs live in four
 * namespaces and select their own traffic by namespace or workload, so they
 * run side by side (most of their time is spent waiting for Prometheus).
 */
const within = (actual: number | undefined, expected: number, tolerance: number) => {
  expect(actual ?? 0).toBeGreaterThanOrEqual(expected - tolerance);
  expect(actual ?? 0).toBeLessThanOrEqual(expected + tolerance);
};
const ok = (r: CallResult) => {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.changed).toBe(true);
  return r.body;
};
/** Lets the simulator pick up the change (it rebuilds its routing table ≤ 500 ms after a watch event). */
const routed = (what: string, check: () => Promise<boolean>) => eventually(what, async () => (await check()) || undefined, 10_000, 200);

beforeAll(async () => {
  useLabAdminKubeconfig();
  const kube = adminKube(labState());
  await applyScenarioFiles(kube, baseScenario);
  await waitWorkloadsReady(kube, scenarioNamespaces, 180_000);
});

describe.concurrent("seed walkthroughs", () => {
  describe("helm-canary: host-level split through the weights API", () => {
    const vs = vsPath("default", "exciting-lemur-sample-gateway");
    const host = { host: "127.0.0.1.xip.io", port: 80 };
    const weights = (a: number, b: number) => ({ weights: [{ host: "foolish-penguin-sample", weight: a }, { host: "peeking-rabbit-sample", weight: b }] });
    const query = 'sum by (destination_service_name) (rate(istio_requests_total{reporter="destination",destination_service_name=~"foolish-penguin-sample|peeking-rabbit-sample"}[30s]))';
    const promShare = async () => {
      const v = Object.fromEntries((await promQuery(query)).map((x) => [x.metric.destination_service_name, x.value]));
      const total = (v["foolish-penguin-sample"] ?? 0) + (v["peeking-rabbit-sample"] ?? 0);
      return total > 0 ? (v["foolish-penguin-sample"] ?? 0) / total : 0;
    };
    const followsWithin30s = async (share: number) => {
      const t0 = Date.now();
      await eventually(`${share} in Prometheus`, async () => Math.abs((await promShare()) - share) <= 0.05 || undefined, 45_000, 1000);
      const seconds = (Date.now() - t0) / 1000;
      console.log(`helm-canary ${Math.round(share * 100)}/${Math.round(100 - share * 100)} in Prometheus after ${seconds.toFixed(1)} s`);
      expect(seconds).toBeLessThanOrEqual(30);
    };
    afterAll(() => restoreNamespace("default"));

    it("80/20 then 100/0: probe within ±4 %, Prometheus follows within 30 s", async () => {
      await restoreNamespace("default");
      const loop = probeLoop(host, 100);
      try {
        await new Promise((r) => setTimeout(r, 5000));
        const set = ok(await callAtCurrent("PUT", `${vs}/http/0/weights`, { body: weights(80, 20) }));
        expect(set.summary).toContain("foolish-penguin-sample 80%");
        await routed("80/20 routed", async () => (shares(await probe({ ...host, n: 200 }), (d) => d.serviceName)["peeking-rabbit-sample"] ?? 1) < 0.3);
        const s80 = shares(await probe({ ...host, n: 2000 }), (d) => d.serviceName);
        within(s80["foolish-penguin-sample"], 0.8, 0.04);
        within(s80["peeking-rabbit-sample"], 0.2, 0.04);
        await followsWithin30s(0.8);

        ok(await callAtCurrent("PUT", `${vs}/http/0/weights`, { body: weights(100, 0) }));
        await routed("100/0 routed", async () => !(await probe({ ...host, n: 200 })).destinations.some((d) => d.serviceName === "peeking-rabbit-sample"));
        const s100 = shares(await probe({ ...host, n: 2000 }), (d) => d.serviceName);
        expect(s100).toEqual({ "foolish-penguin-sample": 1 });
        await followsWithin30s(1);
      } finally {
        await loop.stop();
      }
    }, 180_000);
  });

  describe("blue-green: test route, switch, switch back", () => {
    const vs = vsPath("sample-ns", "nginx");
    const host = { host: "sample.hoge.com", port: 80 };
    const green = { ...host, headers: { "x-version": "green" } };
    const workloads = async (opts: typeof host, n = 400) => shares(await probe({ ...opts, n }), (d) => d.workload);
    const sel = 'reporter="destination",destination_workload_namespace="sample-ns"';
    afterAll(() => restoreNamespace("sample-ns"));

    it("removes the seed's header route, adds x-version: green, switches and switches back", async () => {
      await restoreNamespace("sample-ns");
      const listed = await call("GET", `${vs}/test-routes`);
      expect(listed.status).toBe(200);
      expect(listed.body.testRoutes).toMatchObject([{ index: 0, name: null, condition: { kind: "header", name: "x-version", match: "exact", value: "green" } }]);
      ok(await callAtCurrent("DELETE", `${vs}/test-routes/0`));
      await routed("no header route", async () => (await workloads(green, 50))["nginx-blue"] === 1);

      const added = ok(
        await call("POST", `${vs}/test-routes`, {
          body: { header: { name: "x-version", match: "exact", value: "green" }, destination: { host: "nginx", port: 40001, subset: "green" } },
        }),
      );
      expect(added.object.spec.http[0]).toEqual({
        name: "meshdeck-test-header-green",
        match: [{ headers: { "x-version": { exact: "green" } } }],
        route: [{ destination: { host: "nginx", subset: "green", port: { number: 40001 } } }],
      });
      const afterAdd = added.object.spec;
      await routed("header route", async () => (await workloads(green, 50))["nginx-green"] === 1);
      expect(await workloads(green)).toEqual({ "nginx-green": 1 });
      expect(await workloads(host)).toEqual({ "nginx-blue": 1 });
      const addCounted = await promDelta(sel, "destination_workload", () => probe({ ...green, n: 600 }), 600);
      expect(addCounted["nginx-green"] ?? 0).toBeGreaterThanOrEqual(600);

      const switched = ok(await callAtCurrent("POST", `${vs}/http/1/switch`, { body: {} }));
      expect(switched.summary).toMatch(/from nginx:40001\/blue to nginx:40001\/green/);
      await routed("switched", async () => (await workloads(host, 50))["nginx-green"] === 1);
      expect(await workloads(host)).toEqual({ "nginx-green": 1 });
      expect(await workloads(green)).toEqual({ "nginx-blue": 1 });
      const switchCounted = await promDelta(sel, "destination_workload", () => probe({ ...host, n: 1500 }), 1500);
      expect(shareOf(switchCounted, "nginx-green")).toBeGreaterThanOrEqual(0.9);

      const back = ok(await callAtCurrent("POST", `${vs}/http/1/switch`, { body: {} }));
      expect(back.object.spec).toEqual(afterAdd);
      await routed("switched back", async () => (await workloads(host, 50))["nginx-blue"] === 1);
      expect(await workloads(host)).toEqual({ "nginx-blue": 1 });
      expect(await workloads(green)).toEqual({ "nginx-green": 1 });
      const backCounted = await promDelta(sel, "destination_workload", () => probe({ ...host, n: 1500 }), 1500);
      expect(shareOf(backCounted, "nginx-blue")).toBeGreaterThanOrEqual(0.9);
    }, 180_000);
  });

  describe("rio-staged: promote v2", () => {
    const vs = vsPath("default-265db573", "foobar");
    const via = { gateway: "rio-gateway", host: "foobar.default.127.0.0.1.nip.io", port: 80 };
    afterAll(() => restoreNamespace("default-265db573"));

    it("sends 100 % to subset v2 (probe and Prometheus) and keeps the rule", async () => {
      await restoreNamespace("default-265db573");
      const promoted = ok(await callAtCurrent("POST", `${vs}/http/0/promote`, { body: { destination: { host: "foobar", subset: "v2" } } }));
      expect(promoted.object.spec.http[0].route).toEqual([
        { destination: { host: "foobar", port: { number: 80 }, subset: "latest" }, weight: 0 },
        { destination: { host: "foobar", port: { number: 80 }, subset: "v2" }, weight: 100 },
      ]);
      expect(promoted.object.spec.http[0].match).toEqual([{ gateways: ["mesh", "rio-gateway"], port: 80 }]);
      await routed("promoted", async () => (shares(await probe({ ...via, n: 50 }), (d) => d.subset).v2 ?? 0) === 1);
      expect(shares(await probe({ ...via, n: 2000 }), (d) => d.subset)).toEqual({ v2: 1 });
      const counted = await promDelta('reporter="destination",destination_workload_namespace="default-265db573"', "destination_workload", () => probe({ ...via, n: 1000 }), 1000);
      expect(Object.keys(counted)).toEqual(["foobar-v2"]);
    }, 120_000);
  });

  describe("Bookinfo: all-v1 → jason to v2 → 7 s delay for jason → abort 500 for jason → 50/50 v1/v3", () => {
    const reviews = vsPath("bookinfo", "reviews");
    const ratings = vsPath("bookinfo", "ratings");
    const fromProductpage = { from: "bookinfo/productpage-v1", host: "reviews", port: 9080, path: "/reviews/0" };
    const fromReviewsV2 = { from: "bookinfo/reviews-v2", host: "ratings", port: 9080, path: "/ratings/0" };
    const jason = { "end-user": "jason" };
    const reviewsSel = 'reporter="destination",source_workload="productpage-v1",destination_service_name="reviews"';
    const ratingsSel = (flags: string) => `reporter="source",source_workload="reviews-v2",destination_service_name="ratings",response_flags="${flags}"`;
    const workloads = async (opts: Omit<ProbeOptions, "n">, n: number) => shares(await probe({ ...opts, n }), (d) => d.workload);
    afterAll(() => restoreNamespace("bookinfo"));

    it("walks the Bookinfo traffic-management tasks through the API", async () => {
      await restoreNamespace("bookinfo");
      // all-v1: the seed's 80/20 becomes v1 only.
      ok(await callAtCurrent("PUT", `${reviews}/http/0/weights`, { body: { weights: [{ host: "reviews", subset: "v1", weight: 100 }], allowRemove: true } }));
      await routed("all-v1", async () => (await workloads(fromProductpage, 100))["reviews-v1"] === 1);
      expect(await workloads(fromProductpage, 500)).toEqual({ "reviews-v1": 1 });
      const allV1 = await promDelta(reviewsSel, "destination_workload", () => probe({ ...fromProductpage, n: 500 }), 500);
      expect(Object.keys(allV1)).toEqual(["reviews-v1"]);

      // jason → v2 (a header test route).
      const test = ok(await call("POST", `${reviews}/test-routes`, { body: { header: { name: "end-user", match: "exact", value: "jason" }, destination: { host: "reviews", subset: "v2" } } }));
      expect(test.object.spec.http[0].name).toBe("meshdeck-test-header-jason");
      await routed("jason to v2", async () => (await workloads({ ...fromProductpage, headers: jason }, 50))["reviews-v2"] === 1);
      expect(await workloads({ ...fromProductpage, headers: jason }, 300)).toEqual({ "reviews-v2": 1 });
      expect(await workloads(fromProductpage, 300)).toEqual({ "reviews-v1": 1 });
      const toV2 = await promDelta(reviewsSel, "destination_workload", () => probe({ ...fromProductpage, headers: jason, n: 500 }), 500);
      expect(toV2["reviews-v2"] ?? 0).toBeGreaterThanOrEqual(500);
      expect(toV2["reviews-v3"]).toBeUndefined();

      // 7 s delay for jason on ratings (a header-scoped copy of the route, as ratings-test-delay).
      const delay = ok(await callAtCurrent("PUT", `${ratings}/http/0/fault`, { body: { delay: { fixedDelay: "7s", percentage: 100 }, onlyForHeader: { name: "end-user", match: "exact", value: "jason" } } }));
      expect(delay.object.spec.http[0]).toMatchObject({ match: [{ headers: { "end-user": { exact: "jason" } } }], fault: { delay: { fixedDelay: "7s", percentage: { value: 100 } } } });
      await routed("delay", async () => ((await probe({ ...fromReviewsV2, headers: jason, n: 5 })).flags.DI ?? 0) === 5);
      const delayed = await probe({ ...fromReviewsV2, headers: jason, n: 200 });
      expect(delayed.latencyMs.p50).toBeGreaterThanOrEqual(7000);
      expect(delayed.flags).toEqual({ DI: 200 });
      expect((await probe({ ...fromReviewsV2, n: 100 })).flags).toEqual({ "-": 100 });
      const delayCounted = await promDelta(ratingsSel("DI"), "response_code", () => probe({ ...fromReviewsV2, headers: jason, n: 200 }), 200);
      expect(delayCounted["200"] ?? 0).toBeGreaterThanOrEqual(200);

      // abort 500 for jason: the same header-scoped rule, updated in place.
      const abort = ok(await callAtCurrent("PUT", `${ratings}/http/0/fault`, { body: { abort: { httpStatus: 500, percentage: 100 }, onlyForHeader: { name: "end-user", match: "exact", value: "jason" } } }));
      expect(abort.object.spec.http).toHaveLength(2);
      expect(abort.object.spec.http[0].fault).toEqual({ abort: { percentage: { value: 100 }, httpStatus: 500 } });
      await routed("abort", async () => ((await probe({ ...fromReviewsV2, headers: jason, n: 5 })).codes["500"] ?? 0) === 5);
      const aborted = await probe({ ...fromReviewsV2, headers: jason, n: 300 });
      expect(aborted.codes).toEqual({ "500": 300 });
      expect(aborted.flags).toEqual({ FI: 300 });
      expect((await probe({ ...fromReviewsV2, n: 100 })).codes).toEqual({ "200": 100 });
      const abortCounted = await promDelta(ratingsSel("FI"), "response_code", () => probe({ ...fromReviewsV2, headers: jason, n: 300 }), 300);
      expect(Object.keys(abortCounted)).toEqual(["500"]);

      // 50/50 v1/v3 on the default route (index 1, after jason's test route).
      ok(await callAtCurrent("PUT", `${reviews}/http/1/weights`, { body: { weights: [{ host: "reviews", subset: "v1", weight: 50 }, { host: "reviews", subset: "v3", weight: 50 }], allowAdd: true, allowRemove: true } }));
      await routed("50/50", async () => ((await workloads(fromProductpage, 200))["reviews-v3"] ?? 0) > 0.3);
      const split = await workloads(fromProductpage, 2000);
      within(split["reviews-v1"], 0.5, 0.04);
      within(split["reviews-v3"], 0.5, 0.04);
      const splitCounted = await promDelta(reviewsSel, "destination_workload", () => probe({ ...fromProductpage, n: 2000 }), 2000);
      within(shareOf(splitCounted, "reviews-v1", ["reviews-v1", "reviews-v3"]), 0.5, 0.05);
    }, 300_000);
  });
});
