import { afterAll, describe, expect, it } from "vitest";
import { applyObjects, readManifests } from "../../lab/core/manifests.js";
import { scenarioPath } from "../../lab/core/scenarios.js";
import { eventually, kubeAs, uniqueNamespace } from "./test-lab.js";
import { probe, probeLoop, promQuery, restoreNamespace, shares } from "./traffic-helpers.js";

/**
 * The simulated data plane routes by the live config and Prometheus holds what
 * Envoy sidecars would report. Each test restores the walkthrough it edits.
 */
const admin = () => kubeAs("admin");
const VS = "networking.istio.io/v1";
const within = (actual: number | undefined, expected: number, tolerance: number) => {
  expect(actual ?? 0).toBeGreaterThanOrEqual(expected - tolerance);
  expect(actual ?? 0).toBeLessThanOrEqual(expected + tolerance);
};

describe("helm-canary: host-level split", () => {
  afterAll(() => restoreNamespace("default"));

  it("splits a 2,000-request probe 50/50 within ±4 %", async () => {
    await restoreNamespace("default");
    await new Promise((r) => setTimeout(r, 1000));
    const r = await probe({ host: "127.0.0.1.xip.io", port: 80, n: 2000 });
    const s = shares(r, (d) => d.serviceName);
    within(s["foolish-penguin-sample"], 0.5, 0.04);
    within(s["peeking-rabbit-sample"], 0.5, 0.04);
    expect(r.codes).toEqual({ "200": 2000 });
  });

  it("shows a patch to 80/20 in Prometheus within 30 s", async () => {
    const loop = probeLoop({ host: "127.0.0.1.xip.io", port: 80 }, 100);
    try {
      await new Promise((r) => setTimeout(r, 5000));
      await admin().patch(VS, "VirtualService", "default", "exciting-lemur-sample-gateway", {
        spec: { http: [{ route: [{ destination: { host: "foolish-penguin-sample" }, weight: 80 }, { destination: { host: "peeking-rabbit-sample" }, weight: 20 }] }] },
      });
      const t0 = Date.now();
      const query = 'sum by (destination_service_name) (rate(istio_requests_total{reporter="destination",destination_service_name=~"foolish-penguin-sample|peeking-rabbit-sample"}[30s]))';
      const split = await eventually(
        "80/20 in Prometheus",
        async () => {
          const v = Object.fromEntries((await promQuery(query)).map((x) => [x.metric.destination_service_name, x.value]));
          const total = (v["foolish-penguin-sample"] ?? 0) + (v["peeking-rabbit-sample"] ?? 0);
          const share = total > 0 ? (v["foolish-penguin-sample"] ?? 0) / total : 0;
          return Math.abs(share - 0.8) <= 0.05 ? share : undefined;
        },
        45_000,
        1000,
      );
      const seconds = (Date.now() - t0) / 1000;
      console.log(`helm-canary 80/20 visible in Prometheus after ${seconds.toFixed(1)} s (share ${split.toFixed(3)})`);
      expect(seconds).toBeLessThanOrEqual(30);
    } finally {
      await loop.stop();
    }
  }, 90_000);
});

describe("blue-green: header test route", () => {
  afterAll(() => restoreNamespace("sample-ns"));

  it("sends only x-version: green to green, and the reverse after swapping the subsets", async () => {
    await restoreNamespace("sample-ns");
    await new Promise((r) => setTimeout(r, 1000));
    const green = await probe({ host: "sample.hoge.com", port: 80, headers: { "x-version": "green" }, n: 400 });
    const plain = await probe({ host: "sample.hoge.com", port: 80, n: 400 });
    expect(shares(green, (d) => d.subset)).toEqual({ green: 1 });
    expect(shares(plain, (d) => d.subset)).toEqual({ blue: 1 });
    const route = (subset: string) => [{ destination: { host: "nginx", port: { number: 40001 }, subset } }];
    await admin().patch(VS, "VirtualService", "sample-ns", "nginx", {
      spec: { http: [{ match: [{ headers: { "x-version": { exact: "green" } } }], route: route("blue") }, { route: route("green") }] },
    });
    await eventually("swap routed", async () => (await probe({ host: "sample.hoge.com", port: 80, n: 20 })).destinations.every((d) => d.subset === "green"), 5_000);
    const green2 = await probe({ host: "sample.hoge.com", port: 80, headers: { "x-version": "green" }, n: 400 });
    const plain2 = await probe({ host: "sample.hoge.com", port: 80, n: 400 });
    expect(shares(green2, (d) => d.workload)).toEqual({ "nginx-blue": 1 });
    expect(shares(plain2, (d) => d.workload)).toEqual({ "nginx-green": 1 });
  });
});

describe("Bookinfo networking samples", () => {
  const net = (f: string) => readManifests(scenarioPath(`bookinfo/networking/${f}`));
  const apply = async (f: string) => {
    await applyObjects(admin(), net(f), { namespace: "bookinfo" });
    await new Promise((r) => setTimeout(r, 1000));
  };
  const fromProductpage = { from: "bookinfo/productpage-v1", host: "reviews", port: 9080, path: "/reviews/0" };
  const fromReviewsV2 = { from: "bookinfo/reviews-v2", host: "ratings", port: 9080, path: "/ratings/0" };
  afterAll(() => restoreNamespace("bookinfo"));

  it("all-v1 sends reviews traffic only to reviews-v1", async () => {
    await restoreNamespace("bookinfo");
    await apply("virtual-service-all-v1.yaml");
    const r = await probe({ ...fromProductpage, n: 500 });
    expect(shares(r, (d) => d.workload)).toEqual({ "reviews-v1": 1 });
  });

  it("jason's requests reach reviews-v2 (virtual-service-reviews-test-v2)", async () => {
    await apply("virtual-service-reviews-test-v2.yaml");
    expect(shares(await probe({ ...fromProductpage, headers: { "end-user": "jason" }, n: 300 }), (d) => d.workload)).toEqual({ "reviews-v2": 1 });
    expect(shares(await probe({ ...fromProductpage, n: 300 }), (d) => d.workload)).toEqual({ "reviews-v1": 1 });
  });

  it("ratings-test-abort: jason's ratings calls get 500 with response_flags FI, also in Prometheus", async () => {
    await apply("virtual-service-ratings-test-abort.yaml");
    const r = await probe({ ...fromReviewsV2, headers: { "end-user": "jason" }, n: 300 });
    expect(r.codes).toEqual({ "500": 300 });
    expect(r.flags).toEqual({ FI: 300 });
    expect((await probe({ ...fromReviewsV2, n: 100 })).codes).toEqual({ "200": 100 });
    await eventually(
      "FI aborts in Prometheus",
      async () => {
        const v = await promQuery('sum(istio_requests_total{reporter="source",source_workload="reviews-v2",destination_service_name="ratings",response_code="500",response_flags="FI"})');
        return (v[0]?.value ?? 0) >= 300;
      },
      20_000,
      1000,
    );
  });

  it("ratings-test-delay: jason's ratings calls take 7 s (p50 ≥ 7,000 ms), also in Prometheus", async () => {
    await apply("virtual-service-ratings-test-delay.yaml");
    const r = await probe({ ...fromReviewsV2, headers: { "end-user": "jason" }, n: 200 });
    expect(r.latencyMs.p50).toBeGreaterThanOrEqual(7000);
    expect(r.flags).toEqual({ DI: 200 });
    await eventually(
      "delayed latency in Prometheus",
      async () => {
        const v = await promQuery('histogram_quantile(0.5, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="source",source_workload="reviews-v2",destination_service_name="ratings",response_flags="DI"}[1m])))');
        return (v[0]?.value ?? 0) >= 7000;
      },
      20_000,
      1000,
    );
  });

  it("reviews-50-v3 splits reviews 50/50 between v1 and v3", async () => {
    await apply("virtual-service-reviews-50-v3.yaml");
    const s = shares(await probe({ ...fromProductpage, n: 2000 }), (d) => d.workload);
    within(s["reviews-v1"], 0.5, 0.04);
    within(s["reviews-v3"], 0.5, 0.04);
  });
});

describe("rio-staged: subset-level split", () => {
  it("splits 70/30 between subsets latest and v2 through Rio's gateway", async () => {
    await restoreNamespace("default-265db573");
    const s = shares(await probe({ gateway: "rio-gateway", host: "foobar.default.127.0.0.1.nip.io", port: 80, n: 2000 }), (d) => d.subset);
    within(s.latest, 0.7, 0.04);
    within(s.v2, 0.3, 0.04);
  });
});

describe("rollouts-demo at setWeight 5", () => {
  const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;
  afterAll(() => restoreNamespace("argo-apl"));

  it("sends about 5 % of requests to the canary revision", async () => {
    await restoreNamespace("argo-apl");
    await admin().patch(RO[0], RO[1], "argo-apl", "rollouts-demo", [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "argoproj/rollouts-demo:yellow" }], "json");
    await eventually("paused at 5 %", async () => {
      const r = await admin().get<{ status?: { phase?: string; canary?: { weights?: { canary?: { weight?: number } } } } }>(RO[0], RO[1], "argo-apl", "rollouts-demo");
      return r.status?.phase === "Paused" && r.status.canary?.weights?.canary?.weight === 5;
    }, 60_000);
    await new Promise((r) => setTimeout(r, 1000));
    const r = await probe({ host: "rollouts-demo.local", port: 80, path: "/color", n: 4000 });
    const s = shares(r, (d) => d.serviceName);
    within(s["rollouts-demo-canary"], 0.05, 0.015);
    const hashes = new Set(r.destinations.filter((d) => d.serviceName === "rollouts-demo-canary").map((d) => d.podTemplateHash));
    const stableHashes = new Set(r.destinations.filter((d) => d.serviceName === "rollouts-demo-stable").map((d) => d.podTemplateHash));
    expect(hashes.size).toBe(1);
    expect([...hashes].some((h) => stableHashes.has(h))).toBe(false);
  }, 90_000);
});

describe("per-version behaviour from pod annotations", () => {
  const ns = uniqueNamespace("errors");
  afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

  it("a canary annotated with error rate 0.5 answers about 50 % 5xx, in the probe and in Prometheus", async () => {
    const deployment = (version: string, annotations: Record<string, string>) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: `shop-${version}`, namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "shop", version } },
        template: { metadata: { labels: { app: "shop", version }, annotations }, spec: { containers: [{ name: "shop", image: "nginx" }] } },
      },
    });
    await applyObjects(
      admin(),
      [
        deployment("v2", { "meshdeck.dev/error-rate": "0.5" }),
        { apiVersion: "v1", kind: "Service", metadata: { name: "shop", namespace: ns }, spec: { selector: { app: "shop" }, ports: [{ name: "http", port: 80 }] } },
      ],
      { namespace: ns, namespaceLabels: { "istio-injection": "enabled" } },
    );
    const r = await eventually("shop routable", async () => {
      const p = await probe({ from: "lab-clients/traffic-client", host: `shop.${ns}`, port: 80, n: 2000 });
      return p.destinations.some((d) => d.workload === "shop-v2") ? p : undefined;
    }, 30_000, 500);
    const errors = Object.entries(r.codes).filter(([c]) => c.startsWith("5")).reduce((a, [, n]) => a + n, 0);
    within(errors / r.n, 0.5, 0.05);
    await eventually(
      "5xx ratio in Prometheus",
      async () => {
        const sel = `reporter="destination",destination_workload_namespace="${ns}"`;
        const [bad] = await promQuery(`sum(istio_requests_total{${sel},response_code=~"5.."})`);
        const [all] = await promQuery(`sum(istio_requests_total{${sel}})`);
        if (!bad || !all || all.value < 2000) return undefined;
        return Math.abs(bad.value / all.value - 0.5) <= 0.05;
      },
      20_000,
      1000,
    );
  }, 60_000);
});
