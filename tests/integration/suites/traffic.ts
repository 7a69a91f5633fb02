import { afterAll, describe, expect, it } from "vitest";
import { applyObjects } from "../../../lab/core/manifests.js";
import { eventually, kubeAs } from "../test-lab.js";
import { probe, probeLoop, promQuery, shares, within } from "../traffic-helpers.js";
import type { World } from "../worlds/world.js";
import { DURATION_BUCKETS } from "../../../lab/traffic/metrics/registry.js";

/** The upper bound of the histogram bucket below the one holding `ms`: a median above it lies in `ms`'s bucket. */
const bucketBelow = (ms: number) => Math.max(0, ...DURATION_BUCKETS.filter((b) => b < ms));

/**
 * The simulated data plane routes by the live config and Prometheus holds what
 * Envoy sidecars would report, for each kind of split a world holds. Each test
 * restores the namespace it edits.
 */
const admin = () => kubeAs("admin");
const VS = "networking.istio.io/v1";

export function trafficSuite(world: World): void {
  const restore = (ns: string) => world.restore(admin(), ns);

  describe(`host-level split (${world.hostSplit.namespace}/${world.hostSplit.vs})`, () => {
    const { namespace, vs, host, services } = world.hostSplit;
    const [a, b] = services;
    afterAll(() => restore(namespace));

    it("splits a 2,000-request probe 50/50 within ±4 %", async () => {
      await restore(namespace);
      const r = await eventually("50/50 routed", async () => {
        const p = await probe({ ...host, n: 2000 });
        return Math.abs((shares(p, (d) => d.serviceName)[a] ?? 0) - 0.5) <= 0.04 ? p : undefined;
      });
      const s = shares(r, (d) => d.serviceName);
      within(s[a], 0.5, 0.04);
      within(s[b], 0.5, 0.04);
      expect(r.codes).toEqual({ "200": 2000 });
    });

    it("shows a patch to 80/20 in Prometheus", async () => {
      const loop = probeLoop(host, 100);
      try {
        await admin().patch(VS, "VirtualService", namespace, vs, {
          spec: { http: [{ route: [{ destination: { host: a }, weight: 80 }, { destination: { host: b }, weight: 20 }] }] },
        });
        const t0 = Date.now();
        const query = `sum by (destination_service_name) (rate(istio_requests_total{reporter="destination",destination_service_namespace="${namespace}",destination_service_name=~"${a}|${b}"}[30s]))`;
        const split = await eventually(
          "80/20 in Prometheus",
          async () => {
            const v = Object.fromEntries((await promQuery(query)).map((x) => [x.metric.destination_service_name, x.value]));
            const total = (v[a] ?? 0) + (v[b] ?? 0);
            const share = total > 0 ? (v[a] ?? 0) / total : 0;
            return Math.abs(share - 0.8) <= 0.05 ? share : undefined;
          },
          90_000,
          1000,
        );
        console.log(`${namespace} 80/20 visible in Prometheus after ${((Date.now() - t0) / 1000).toFixed(1)} s (share ${split.toFixed(3)})`);
      } finally {
        await loop.stop();
      }
    }, 120_000);
  });

  describe(`blue/green header test route (${world.blueGreen.namespace}/${world.blueGreen.vs})`, () => {
    const { namespace, vs, host, header, service, port, subsets, workloads } = world.blueGreen;
    const tester = { ...host, headers: { [header.name]: header.value } };
    afterAll(() => restore(namespace));

    it(`sends only ${header.name}: ${header.value} to ${subsets.test}, and the reverse after swapping the subsets`, async () => {
      await restore(namespace);
      await eventually("base routed", async () => (await probe({ ...tester, n: 20 })).destinations.every((d) => d.subset === subsets.test));
      expect(shares(await probe({ ...tester, n: 400 }), (d) => d.subset)).toEqual({ [subsets.test]: 1 });
      expect(shares(await probe({ ...host, n: 400 }), (d) => d.subset)).toEqual({ [subsets.live]: 1 });
      const route = (subset: string) => [{ destination: { host: service, ...(port === undefined ? {} : { port: { number: port } }), subset } }];
      await admin().patch(VS, "VirtualService", namespace, vs, {
        spec: { http: [{ match: [{ headers: { [header.name]: { exact: header.value } } }], route: route(subsets.live) }, { route: route(subsets.test) }] },
      });
      await eventually("swap routed", async () => (await probe({ ...host, n: 20 })).destinations.every((d) => d.subset === subsets.test));
      expect(shares(await probe({ ...tester, n: 400 }), (d) => d.workload)).toEqual({ [workloads.live]: 1 });
      expect(shares(await probe({ ...host, n: 400 }), (d) => d.workload)).toEqual({ [workloads.test]: 1 });
    });
  });

  shopSuite(world);

  describe(`staged subset split (${world.staged.namespace}/${world.staged.vs})`, () => {
    it("splits by the configured subset weights through the gateway", async () => {
      const { namespace, via, subsets } = world.staged;
      await restore(namespace);
      const s = shares(await probe({ ...via, n: 2000 }), (d) => d.subset);
      for (const sub of subsets) within(s[sub.name], sub.share, 0.04);
    });
  });

  describe(`Argo canary at its first step (${world.canary.namespace}/${world.canary.rollout})`, () => {
    const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;
    const { namespace, rollout, host, services, images, firstWeight } = world.canary;
    afterAll(() => restore(namespace));

    it(`sends about ${firstWeight} % of requests to the canary revision`, async () => {
      await restore(namespace);
      await admin().patch(RO[0], RO[1], namespace, rollout, [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: images.next }], "json");
      await eventually(`paused at ${firstWeight} %`, async () => {
        const r = await admin().get<{ status?: { phase?: string; canary?: { weights?: { canary?: { weight?: number } } } } }>(RO[0], RO[1], namespace, rollout);
        return r.status?.phase === "Paused" && r.status.canary?.weights?.canary?.weight === firstWeight;
      }, 60_000);
      const r = await eventually("canary routed", async () => {
        const p = await probe({ ...host, n: 4000 });
        return Math.abs((shares(p, (d) => d.serviceName)[services.canary] ?? 0) - firstWeight / 100) <= 0.015 ? p : undefined;
      });
      within(shares(r, (d) => d.serviceName)[services.canary], firstWeight / 100, 0.015);
      const hashes = new Set(r.destinations.filter((d) => d.serviceName === services.canary).map((d) => d.podTemplateHash));
      const stableHashes = new Set(r.destinations.filter((d) => d.serviceName === services.stable).map((d) => d.podTemplateHash));
      expect(hashes.size).toBe(1);
      expect([...hashes].some((h) => stableHashes.has(h))).toBe(false);
    }, 90_000);
  });
}

function shopSuite(world: World): void {
  const { namespace, front, reviews, ratings, versions, user, variant, variantDelayMs } = world.shop;
  const [v1, v2, v3] = versions;
  const fromFront = { from: `${namespace}/${front.workload}`, host: reviews.service, port: reviews.port, path: reviews.path };
  const fromSecond = { from: `${namespace}/${reviews.app}-${v2}`, host: ratings.service, port: ratings.port, path: ratings.path };
  const userHeaders = { [user.header]: user.value };
  const apply = (name: Parameters<typeof variant>[0]) => applyObjects(admin(), variant(name), { namespace });
  const workloadShares = async (opts: Parameters<typeof probe>[0]) => shares(await probe(opts), (d) => d.workload);
  const routed = (what: string, check: () => Promise<boolean>) => eventually(what, async () => (await check()) || undefined, 10_000, 200);

  describe(`${namespace} routing variants`, () => {
    afterAll(() => world.restore(admin(), namespace));

    it(`all-v1 sends ${reviews.service} traffic only to ${reviews.app}-${v1}`, async () => {
      await world.restore(admin(), namespace);
      await apply("allV1");
      await routed("all-v1", async () => (await workloadShares({ ...fromFront, n: 50 }))[`${reviews.app}-${v1}`] === 1);
      expect(await workloadShares({ ...fromFront, n: 500 })).toEqual({ [`${reviews.app}-${v1}`]: 1 });
    });

    it(`the test user's requests reach ${reviews.app}-${v2}`, async () => {
      await apply("userToSecond");
      await routed("user route", async () => (await workloadShares({ ...fromFront, headers: userHeaders, n: 50 }))[`${reviews.app}-${v2}`] === 1);
      expect(await workloadShares({ ...fromFront, headers: userHeaders, n: 300 })).toEqual({ [`${reviews.app}-${v2}`]: 1 });
      expect(await workloadShares({ ...fromFront, n: 300 })).toEqual({ [`${reviews.app}-${v1}`]: 1 });
    });

    it(`abort fault: the user's ${ratings.service} calls get 500 with response_flags FI, also in Prometheus`, async () => {
      await apply("userRatingsAbort");
      await routed("abort", async () => ((await probe({ ...fromSecond, headers: userHeaders, n: 5 })).codes["500"] ?? 0) === 5);
      const r = await probe({ ...fromSecond, headers: userHeaders, n: 300 });
      expect(r.codes).toEqual({ "500": 300 });
      expect(r.flags).toEqual({ FI: 300 });
      expect((await probe({ ...fromSecond, n: 100 })).codes).toEqual({ "200": 100 });
      const sel = `reporter="source",source_workload_namespace="${namespace}",source_workload="${reviews.app}-${v2}",destination_service_name="${ratings.service}",response_code="500",response_flags="FI"`;
      await eventually("FI aborts in Prometheus", async () => ((await promQuery(`sum(istio_requests_total{${sel}})`))[0]?.value ?? 0) >= 300, 30_000, 1000);
    });

    it(`delay fault: the user's ${ratings.service} calls take ${variantDelayMs} ms (p50), also in Prometheus`, async () => {
      await apply("userRatingsDelay");
      await routed("delay", async () => ((await probe({ ...fromSecond, headers: userHeaders, n: 5 })).flags.DI ?? 0) === 5);
      const r = await probe({ ...fromSecond, headers: userHeaders, n: 200 });
      expect(r.latencyMs.p50).toBeGreaterThanOrEqual(variantDelayMs);
      expect(r.flags).toEqual({ DI: 200 });
      const sel = `reporter="source",source_workload_namespace="${namespace}",source_workload="${reviews.app}-${v2}",destination_service_name="${ratings.service}",response_flags="DI"`;
      await eventually(
        "delayed latency in Prometheus",
        async () => ((await promQuery(`histogram_quantile(0.5, sum by (le) (rate(istio_request_duration_milliseconds_bucket{${sel}}[1m])))`))[0]?.value ?? 0) > bucketBelow(variantDelayMs),
        30_000,
        1000,
      );
    });

    it(`50/50 splits ${reviews.service} between ${v1} and ${v3}`, async () => {
      await apply("firstThird5050");
      await routed("50/50", async () => ((await workloadShares({ ...fromFront, n: 200 }))[`${reviews.app}-${v3}`] ?? 0) > 0.3);
      const s = await workloadShares({ ...fromFront, n: 2000 });
      within(s[`${reviews.app}-${v1}`], 0.5, 0.04);
      within(s[`${reviews.app}-${v3}`], 0.5, 0.04);
    });
  });
}
