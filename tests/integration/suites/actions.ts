import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminKube } from "../../../lab/core/control.js";
import { applyObjects } from "../../../lab/core/manifests.js";
import { call, callAtCurrent, promDelta, shareOf, useLabAdminKubeconfig, vsPath, type CallResult } from "../actions-client.js";
import type { ProbeOptions } from "../../../lab/traffic/probe-client.js";
import { eventually, labState } from "../test-lab.js";
import { probe, probeLoop, promQuery, shares, within } from "../traffic-helpers.js";
import type { World } from "../worlds/world.js";

/**
 * A world's splits driven through Meshdeck's action API (route handlers
 * called in-process, as the lab admin), each step checked with the simulated
 * data plane's probe and in Prometheus. Each part lives in its own namespace
 * and selects its own traffic by namespace or workload; they run one after
 * the other (what they test is each action, not actions side by side:
 * actions-concurrency.int.test.ts covers concurrent writers).
 */
const ok = (r: CallResult) => {
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.changed).toBe(true);
  return r.body;
};
/** Lets the simulator pick up the change (it rebuilds its routing table ≤ 500 ms after a watch event). */
const routed = (what: string, check: () => Promise<boolean>) => eventually(what, async () => (await check()) || undefined, 10_000, 200);
const kube = () => adminKube(labState());
/** A route destination's port field, when the world's routes name one. */
const portOf = (port: number | undefined) => (port === undefined ? {} : { port: { number: port } });

export function actionsSuite(world: World): void {
  beforeAll(useLabAdminKubeconfig);

  describe(`${world.label} through the action API`, () => {
    hostSplitWeights(world);
    blueGreenSwitch(world);
    stagedPromote(world);
    shopWalk(world);
  });
}

function hostSplitWeights(world: World): void {
  const { namespace, vs: name, host, services } = world.hostSplit;
  const [a, b] = services;
  describe(`host-level split ${namespace}/${name} through the weights API`, () => {
    const vs = vsPath(namespace, name);
    const weights = (x: number, y: number) => ({ weights: [{ host: a, weight: x }, { host: b, weight: y }] });
    const query = `sum by (destination_service_name) (rate(istio_requests_total{reporter="destination",destination_service_namespace="${namespace}",destination_service_name=~"${a}|${b}"}[30s]))`;
    const promShare = async () => {
      const v = Object.fromEntries((await promQuery(query)).map((x) => [x.metric.destination_service_name, x.value]));
      const total = (v[a] ?? 0) + (v[b] ?? 0);
      return total > 0 ? (v[a] ?? 0) / total : 0;
    };
    const follows = async (share: number) => {
      const t0 = Date.now();
      await eventually(`${share} in Prometheus`, async () => Math.abs((await promShare()) - share) <= 0.05 || undefined, 90_000, 1000);
      console.log(`${namespace} ${Math.round(share * 100)}/${Math.round(100 - share * 100)} in Prometheus after ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    };
    afterAll(() => world.restore(kube(), namespace));

    it("80/20 then 100/0: probe within ±4 %, Prometheus follows", async () => {
      await world.restore(kube(), namespace);
      const loop = probeLoop(host, 100);
      try {
        const set = ok(await callAtCurrent("PUT", `${vs}/http/0/weights`, { body: weights(80, 20) }));
        expect(set.summary).toMatch(new RegExp(`${a}(:\\d+)? 80%`));
        await routed("80/20 routed", async () => (shares(await probe({ ...host, n: 200 }), (d) => d.serviceName)[b] ?? 1) < 0.3);
        const s80 = shares(await probe({ ...host, n: 2000 }), (d) => d.serviceName);
        within(s80[a], 0.8, 0.04);
        within(s80[b], 0.2, 0.04);
        await follows(0.8);

        ok(await callAtCurrent("PUT", `${vs}/http/0/weights`, { body: weights(100, 0) }));
        await routed("100/0 routed", async () => !(await probe({ ...host, n: 200 })).destinations.some((d) => d.serviceName === b));
        expect(shares(await probe({ ...host, n: 2000 }), (d) => d.serviceName)).toEqual({ [a]: 1 });
        await follows(1);
      } finally {
        await loop.stop();
      }
    }, 240_000);
  });
}

function blueGreenSwitch(world: World): void {
  const { namespace, vs: name, host, header, service, port, subsets, workloads: wl } = world.blueGreen;
  describe(`blue/green ${namespace}/${name}: test route, switch, switch back`, () => {
    const vs = vsPath(namespace, name);
    const tester = { ...host, headers: { [header.name]: header.value } };
    const workloads = async (opts: typeof host, n = 400) => shares(await probe({ ...opts, n }), (d) => d.workload);
    const sel = `reporter="destination",destination_workload_namespace="${namespace}"`;
    afterAll(() => world.restore(kube(), namespace));

    it(`removes the ${header.name} route, adds it again, switches and switches back`, async () => {
      await world.restore(kube(), namespace);
      const listed = await call("GET", `${vs}/test-routes`);
      expect(listed.status).toBe(200);
      expect(listed.body.testRoutes).toMatchObject([{ index: 0, condition: { kind: "header", name: header.name, match: "exact", value: header.value } }]);
      ok(await callAtCurrent("DELETE", `${vs}/test-routes/0`));
      await routed("no header route", async () => (await workloads(tester, 50))[wl.live] === 1);

      const added = ok(await call("POST", `${vs}/test-routes`, { body: { header: { name: header.name, match: "exact", value: header.value }, destination: { host: service, port, subset: subsets.test } } }));
      expect(added.object.spec.http[0]).toEqual({
        name: `meshdeck-test-header-${header.value}`,
        match: [{ headers: { [header.name]: { exact: header.value } } }],
        route: [{ destination: { host: service, subset: subsets.test, ...portOf(port) } }],
      });
      const afterAdd = added.object.spec;
      await routed("header route", async () => (await workloads(tester, 50))[wl.test] === 1);
      expect(await workloads(tester)).toEqual({ [wl.test]: 1 });
      expect(await workloads(host)).toEqual({ [wl.live]: 1 });
      const addCounted = await promDelta(sel, "destination_workload", () => probe({ ...tester, n: 600 }), 600);
      expect(addCounted[wl.test] ?? 0).toBeGreaterThanOrEqual(600);

      const switched = ok(await callAtCurrent("POST", `${vs}/http/1/switch`, { body: {} }));
      const at = port === undefined ? service : `${service}:${port}`;
      expect(switched.summary).toContain(`from ${at}/${subsets.live} to ${at}/${subsets.test}`);
      await routed("switched", async () => (await workloads(host, 50))[wl.test] === 1);
      expect(await workloads(host)).toEqual({ [wl.test]: 1 });
      expect(await workloads(tester)).toEqual({ [wl.live]: 1 });
      const switchCounted = await promDelta(sel, "destination_workload", () => probe({ ...host, n: 1500 }), 1500);
      expect(shareOf(switchCounted, wl.test)).toBeGreaterThanOrEqual(0.9);

      const back = ok(await callAtCurrent("POST", `${vs}/http/1/switch`, { body: {} }));
      expect(back.object.spec).toEqual(afterAdd);
      await routed("switched back", async () => (await workloads(host, 50))[wl.live] === 1);
      expect(await workloads(host)).toEqual({ [wl.live]: 1 });
      expect(await workloads(tester)).toEqual({ [wl.test]: 1 });
      const backCounted = await promDelta(sel, "destination_workload", () => probe({ ...host, n: 1500 }), 1500);
      expect(shareOf(backCounted, wl.live)).toBeGreaterThanOrEqual(0.9);
    }, 180_000);
  });
}

function stagedPromote(world: World): void {
  const { namespace, vs: name, via, service, port, subsets, match } = world.staged;
  const [first, second] = subsets;
  describe(`staged split ${namespace}/${name}: promote ${second.name}`, () => {
    const vs = vsPath(namespace, name);
    afterAll(() => world.restore(kube(), namespace));

    it(`sends 100 % to subset ${second.name} (probe and Prometheus) and keeps the rule`, async () => {
      await world.restore(kube(), namespace);
      const promoted = ok(await callAtCurrent("POST", `${vs}/http/0/promote`, { body: { destination: { host: service, subset: second.name } } }));
      expect(promoted.object.spec.http[0].route).toEqual([
        { destination: { host: service, ...portOf(port), subset: first.name }, weight: 0 },
        { destination: { host: service, ...portOf(port), subset: second.name }, weight: 100 },
      ]);
      expect(promoted.object.spec.http[0].match).toEqual(match);
      await routed("promoted", async () => (shares(await probe({ ...via, n: 50 }), (d) => d.subset)[second.name] ?? 0) === 1);
      expect(shares(await probe({ ...via, n: 2000 }), (d) => d.subset)).toEqual({ [second.name]: 1 });
      const counted = await promDelta(`reporter="destination",destination_workload_namespace="${namespace}"`, "destination_workload", () => probe({ ...via, n: 1000 }), 1000);
      expect(Object.keys(counted)).toEqual([second.workload]);
    }, 120_000);
  });
}

function shopWalk(world: World): void {
  const { namespace, front, reviews: rv, ratings: rt, versions, user } = world.shop;
  const [v1, v2, v3] = versions;
  const wl = (v: string) => `${rv.app}-${v}`;
  describe(`${namespace}: all-v1 → user to ${v2} → 7 s delay for the user → abort 500 for the user → 50/50 ${v1}/${v3}`, () => {
    const reviews = vsPath(namespace, rv.service);
    const ratings = vsPath(namespace, rt.service);
    const fromFront = { from: `${namespace}/${front.workload}`, host: rv.service, port: rv.port, path: rv.path };
    const fromSecond = { from: `${namespace}/${wl(v2)}`, host: rt.service, port: rt.port, path: rt.path };
    const userHeaders = { [user.header]: user.value };
    const onlyForUser = { name: user.header, match: "exact", value: user.value };
    const reviewsSel = `reporter="destination",source_workload="${front.workload}",destination_service_namespace="${namespace}",destination_service_name="${rv.service}"`;
    const ratingsSel = (flags: string) => `reporter="source",source_workload="${wl(v2)}",source_workload_namespace="${namespace}",destination_service_name="${rt.service}",response_flags="${flags}"`;
    const workloads = async (opts: Omit<ProbeOptions, "n">, n: number) => shares(await probe({ ...opts, n }), (d) => d.workload);
    afterAll(() => world.restore(kube(), namespace));

    it("walks the traffic-management tasks through the API", async () => {
      await world.restore(kube(), namespace);
      // ratings routed to v1 only, as the all-v1 variant does (the fault rules go in front of that route).
      await applyObjects(kube(), world.shop.variant("allV1").filter((o) => o.metadata.name === rt.service), { namespace });
      ok(await callAtCurrent("PUT", `${reviews}/http/0/weights`, { body: { weights: [{ host: rv.service, subset: v1, weight: 100 }], allowRemove: true } }));
      await routed("all-v1", async () => (await workloads(fromFront, 100))[wl(v1)] === 1);
      expect(await workloads(fromFront, 500)).toEqual({ [wl(v1)]: 1 });
      expect(Object.keys(await promDelta(reviewsSel, "destination_workload", () => probe({ ...fromFront, n: 500 }), 500))).toEqual([wl(v1)]);

      const test = ok(await call("POST", `${reviews}/test-routes`, { body: { header: onlyForUser, destination: { host: rv.service, subset: v2 } } }));
      expect(test.object.spec.http[0].name).toBe(`meshdeck-test-header-${user.value}`);
      await routed("user to v2", async () => (await workloads({ ...fromFront, headers: userHeaders }, 50))[wl(v2)] === 1);
      expect(await workloads({ ...fromFront, headers: userHeaders }, 300)).toEqual({ [wl(v2)]: 1 });
      expect(await workloads(fromFront, 300)).toEqual({ [wl(v1)]: 1 });
      const toV2 = await promDelta(reviewsSel, "destination_workload", () => probe({ ...fromFront, headers: userHeaders, n: 500 }), 500);
      expect(toV2[wl(v2)] ?? 0).toBeGreaterThanOrEqual(500);
      expect(toV2[wl(v3)]).toBeUndefined();

      const delay = ok(await callAtCurrent("PUT", `${ratings}/http/0/fault`, { body: { delay: { fixedDelay: "7s", percentage: 100 }, onlyForHeader: onlyForUser } }));
      expect(delay.object.spec.http[0]).toMatchObject({ match: [{ headers: { [user.header]: { exact: user.value } } }], fault: { delay: { fixedDelay: "7s", percentage: { value: 100 } } } });
      await routed("delay", async () => ((await probe({ ...fromSecond, headers: userHeaders, n: 5 })).flags.DI ?? 0) === 5);
      const delayed = await probe({ ...fromSecond, headers: userHeaders, n: 200 });
      expect(delayed.latencyMs.p50).toBeGreaterThanOrEqual(7000);
      expect(delayed.flags).toEqual({ DI: 200 });
      expect((await probe({ ...fromSecond, n: 100 })).flags).toEqual({ "-": 100 });
      expect((await promDelta(ratingsSel("DI"), "response_code", () => probe({ ...fromSecond, headers: userHeaders, n: 200 }), 200))["200"] ?? 0).toBeGreaterThanOrEqual(200);

      const abort = ok(await callAtCurrent("PUT", `${ratings}/http/0/fault`, { body: { abort: { httpStatus: 500, percentage: 100 }, onlyForHeader: onlyForUser } }));
      expect(abort.object.spec.http).toHaveLength(2);
      expect(abort.object.spec.http[0].fault).toEqual({ abort: { percentage: { value: 100 }, httpStatus: 500 } });
      await routed("abort", async () => ((await probe({ ...fromSecond, headers: userHeaders, n: 5 })).codes["500"] ?? 0) === 5);
      const aborted = await probe({ ...fromSecond, headers: userHeaders, n: 300 });
      expect(aborted.codes).toEqual({ "500": 300 });
      expect(aborted.flags).toEqual({ FI: 300 });
      expect((await probe({ ...fromSecond, n: 100 })).codes).toEqual({ "200": 100 });
      expect(Object.keys(await promDelta(ratingsSel("FI"), "response_code", () => probe({ ...fromSecond, headers: userHeaders, n: 300 }), 300))).toEqual(["500"]);

      ok(await callAtCurrent("PUT", `${reviews}/http/1/weights`, { body: { weights: [{ host: rv.service, subset: v1, weight: 50 }, { host: rv.service, subset: v3, weight: 50 }], allowAdd: true, allowRemove: true } }));
      await routed("50/50", async () => ((await workloads(fromFront, 200))[wl(v3)] ?? 0) > 0.3);
      const split = await workloads(fromFront, 2000);
      within(split[wl(v1)], 0.5, 0.04);
      within(split[wl(v3)], 0.5, 0.04);
      const splitCounted = await promDelta(reviewsSel, "destination_workload", () => probe({ ...fromFront, n: 2000 }), 2000);
      within(shareOf(splitCounted, wl(v1), [wl(v1), wl(v3)]), 0.5, 0.05);
    }, 300_000);
  });
}
