import { describe, expect, it } from "vitest";
import { loadManifests } from "../model/manifests";
import type { ClusterStore } from "../model/store";
import { fakeStore, materialize, withNamespace } from "../testing/fake-cluster";
import { send, tally } from "../testing/harness";
import { labWorkloads } from "../testing/lab-workloads";
import { readScenario } from "../testing/scenarios";
import { RoutingTable } from "./table";

const GW = "istio-ingressgateway";

function scenario(file: string, namespace: string): unknown[] {
  return withNamespace(readScenario(file), namespace);
}

function tableOf(store: ClusterStore): RoutingTable {
  return new RoutingTable(store.snapshot());
}

function storeOf(...objects: unknown[][]): ClusterStore {
  return fakeStore([...labWorkloads(), ...objects.flat()]);
}

const seeds = (): unknown[] => [
  ...scenario("seeds/helm-canary.yaml", "default"),
  ...scenario("seeds/blue-green.yaml", "sample-ns"),
  ...scenario("seeds/rollouts-demo.yaml", "argo-apl"),
  ...scenario("seeds/rio-staged.yaml", "default-265db573"),
];

describe("helm-canary (host-level split between two releases)", () => {
  it("splits 50/50 at the ingress gateway", () => {
    const table = tableOf(storeOf(scenario("seeds/helm-canary.yaml", "default")));
    const counts = tally(send(table, { from: GW, host: "127.0.0.1.xip.io", port: 80, n: 2000 }));
    expect(Object.keys(counts).sort()).toEqual(["foolish-penguin-sample", "peeking-rabbit-sample"]);
    expect(Math.abs((counts["foolish-penguin-sample"] ?? 0) - 1000)).toBeLessThanOrEqual(80);
  });

  it("answers 503 UH for the release without ready pods", () => {
    const objs = scenario("seeds/helm-canary.yaml", "default").map((o) =>
      JSON.stringify(o).includes('"name":"peeking-rabbit-sample"') && JSON.stringify(o).includes('"Deployment"')
        ? { ...(o as object), spec: { ...(o as { spec: object }).spec, replicas: 0 } }
        : o,
    );
    const results = send(tableOf(storeOf(objs)), { from: GW, host: "127.0.0.1.xip.io", port: 80, n: 400 });
    const counts = tally(results);
    expect(Object.keys(counts).sort()).toEqual(["503 UH", "foolish-penguin-sample"]);
    const uh = results.find((r) => r.flags === "UH");
    expect(uh?.service?.fqdn).toBe("peeking-rabbit-sample.default.svc.cluster.local");
  });

  it("answers 404 NR for a host no VirtualService serves", () => {
    const table = tableOf(storeOf(scenario("seeds/helm-canary.yaml", "default")));
    expect(tally(send(table, { from: GW, host: "other.example.com", port: 80, n: 5 }))).toEqual({ "404 NR": 5 });
  });
});

describe("blue-green with a header test route", () => {
  const table = tableOf(storeOf(seeds()));
  it("sends only x-version: green to green", () => {
    expect(tally(send(table, { from: GW, host: "sample.hoge.com", port: 80, n: 50, headers: { "x-version": "green" } }))).toEqual({ "nginx-green": 50 });
    expect(tally(send(table, { from: GW, host: "sample.hoge.com", port: 80, n: 50, headers: { "x-version": "blue" } }))).toEqual({ "nginx-blue": 50 });
    expect(tally(send(table, { from: GW, host: "sample.hoge.com", port: 80, n: 50 }))).toEqual({ "nginx-blue": 50 });
  });

  it("resolves subsets through the DestinationRule and the Service port", () => {
    const [r] = send(table, { from: GW, host: "sample.hoge.com", port: 80 });
    expect(r?.cluster?.key).toBe("outbound|40001|blue|nginx.sample-ns.svc.cluster.local");
  });
});

describe("rollouts-demo (host `*`) and most-specific host", () => {
  const table = tableOf(storeOf(seeds()));
  it("routes any other host on port 80 to the stable service", () => {
    const results = send(table, { from: GW, host: "rollouts-demo.local", port: 80, n: 20 });
    expect(tally(results)).toEqual({ "rollouts-demo": 20 });
    expect(results[0]?.service?.name).toBe("rollouts-demo-stable");
  });

  it("keeps exact hosts on their own VirtualServices", () => {
    expect(tally(send(table, { from: GW, host: "sample.hoge.com", port: 80, n: 10 }))).toEqual({ "nginx-blue": 10 });
    const helm = tally(send(table, { from: GW, host: "127.0.0.1.xip.io", port: 80, n: 100 }));
    expect(Object.keys(helm).sort()).toEqual(["foolish-penguin-sample", "peeking-rabbit-sample"]);
  });

  it("follows Argo Rollouts' rewrites of Service selectors and VirtualService weights", () => {
    const objs = seeds();
    const store = storeOf(objs);
    const rollout = objs.filter((o) => (o as { kind?: string }).kind === "Rollout");
    loadManifests(store, materialize(rollout, { templateHash: { "argo-apl/rollouts-demo": "canary5678" } }).filter(isPod));
    const selectorFor = (name: string, hash: string): unknown => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: "argo-apl" },
      spec: { selector: { app: "rollouts-demo", "rollouts-pod-template-hash": hash }, ports: [{ name: "http", port: 80 }] },
    });
    const stableHash = podsOf(store, "argo-apl").find((h) => h !== "canary5678") ?? "";
    loadManifests(store, [
      selectorFor("rollouts-demo-stable", stableHash),
      selectorFor("rollouts-demo-canary", "canary5678"),
      withWeights(objs, "rollouts-demo-vsvc", [80, 20]),
    ]);
    const results = send(tableOf(store), { from: GW, host: "demo.example", port: 80, n: 2000 });
    const byHash = tally(results, (r) => r.endpoint?.identity?.podTemplateHash ?? "none");
    expect(Math.abs((byHash["canary5678"] ?? 0) - 400)).toBeLessThanOrEqual(80);
    expect(byHash["canary5678"]! + byHash[stableHash]!).toBe(2000);
  });
});

describe("rio-staged (subset split, host:port hosts, gateway: external)", () => {
  const table = tableOf(storeOf(scenario("seeds/rio-staged.yaml", "default-265db573")));
  it("splits 70/30 through the rio gateway", () => {
    const counts = tally(send(table, { from: "rio-gateway", host: "foobar.default.127.0.0.1.nip.io", port: 80, n: 2000 }));
    expect(Math.abs((counts["foobar"] ?? 0) - 1400)).toBeLessThanOrEqual(80);
    expect((counts["foobar"] ?? 0) + (counts["foobar-v2"] ?? 0)).toBe(2000);
  });

  it("is not served by the istio ingress gateway (selector gateway: external)", () => {
    expect(tally(send(table, { from: GW, host: "foobar.default.127.0.0.1.nip.io", port: 80, n: 3 }))).toEqual({ "404 NR": 3 });
  });

  it("splits mesh traffic too (gateways: [mesh, ...], match port 80)", () => {
    const counts = tally(send(table, { from: "lab-clients/traffic-client", host: "foobar.default-265db573", port: 80, n: 2000 }));
    expect(Math.abs((counts["foobar"] ?? 0) - 1400)).toBeLessThanOrEqual(80);
  });

  it("round-robins by pod count without a VirtualService (3 latest pods : 1 v2 pod)", () => {
    const objs = scenario("seeds/rio-staged.yaml", "default-265db573").filter((o) => (o as { kind?: string }).kind !== "VirtualService");
    const counts = tally(send(tableOf(storeOf(objs)), { from: "lab-clients/traffic-client", host: "foobar.default-265db573", port: 80, n: 400 }));
    expect(counts).toEqual({ foobar: 300, "foobar-v2": 100 });
  });
});

describe("Bookinfo", () => {
  const base = (): unknown[] => [
    ...scenario("bookinfo/bookinfo.yaml", "bookinfo"),
    ...scenario("bookinfo/networking/bookinfo-gateway.yaml", "bookinfo"),
    ...scenario("bookinfo/networking/destination-rule-all.yaml", "bookinfo"),
    ...scenario("bookinfo/networking/virtual-service-all-v1.yaml", "bookinfo"),
  ];
  const withOverlay = (file: string): RoutingTable => {
    const store = storeOf(base());
    loadManifests(store, scenario(`bookinfo/networking/${file}`, "bookinfo"));
    return tableOf(store);
  };
  const jason = { "end-user": "jason" };

  it("serves /productpage on port 8080 through bookinfo-gateway and 404s other paths", () => {
    const table = tableOf(storeOf(base()));
    expect(tally(send(table, { from: GW, host: "bookinfo.example", port: 8080, path: "/productpage", n: 10 }))).toEqual({ "productpage-v1": 10 });
    expect(tally(send(table, { from: GW, host: "bookinfo.example", port: 8080, path: "/static/css/x.css" }))).toEqual({ "productpage-v1": 1 });
    expect(tally(send(table, { from: GW, host: "bookinfo.example", port: 8080, path: "/admin" }))).toEqual({ "404 NR": 1 });
  });

  it("virtual-service-all-v1 sends every reviews call to v1", () => {
    const table = tableOf(storeOf(base()));
    expect(tally(send(table, { from: "bookinfo/productpage-v1", host: "reviews", port: 9080, n: 300, headers: jason }))).toEqual({ "reviews-v1": 300 });
  });

  it("reviews-test-v2 sends jason to v2 and everyone else to v1", () => {
    const table = withOverlay("virtual-service-reviews-test-v2.yaml");
    expect(tally(send(table, { from: "bookinfo/productpage-v1", host: "reviews", port: 9080, n: 50, headers: jason }))).toEqual({ "reviews-v2": 50 });
    expect(tally(send(table, { from: "bookinfo/productpage-v1", host: "reviews", port: 9080, n: 50, headers: { "end-user": "json" } }))).toEqual({ "reviews-v1": 50 });
  });

  it("ratings-test-abort answers jason's ratings calls with 500 FI", () => {
    const table = withOverlay("virtual-service-ratings-test-abort.yaml");
    const results = send(table, { from: "bookinfo/reviews-v2", host: "ratings", port: 9080, n: 20, headers: jason });
    expect(tally(results)).toEqual({ "500 FI": 20 });
    expect(results[0]?.service?.name).toBe("ratings");
    expect(tally(send(table, { from: "bookinfo/reviews-v2", host: "ratings", port: 9080, n: 20 }))).toEqual({ "ratings-v1": 20 });
  });

  it("ratings-test-delay delays jason's ratings calls by 7 s (DI)", () => {
    const table = withOverlay("virtual-service-ratings-test-delay.yaml");
    const [r] = send(table, { from: "bookinfo/reviews-v3", host: "ratings", port: 9080, headers: jason });
    expect(r).toMatchObject({ code: 0, flags: "DI", delayMs: 7000 });
    expect(r?.endpoint?.identity?.workload).toBe("ratings-v1");
    expect(send(table, { from: "bookinfo/reviews-v3", host: "ratings", port: 9080 })[0]).toMatchObject({ flags: "-", delayMs: 0 });
  });

  it("reviews-50-v3 splits v1/v3 evenly", () => {
    const counts = tally(send(withOverlay("virtual-service-reviews-50-v3.yaml"), { from: "bookinfo/productpage-v1", host: "reviews", port: 9080, n: 2000 }));
    expect(Object.keys(counts).sort()).toEqual(["reviews-v1", "reviews-v3"]);
    expect(Math.abs((counts["reviews-v1"] ?? 0) - 1000)).toBeLessThanOrEqual(80);
  });

  it("fault-injection-details-v1 aborts every details call with 555", () => {
    expect(tally(send(withOverlay("fault-injection-details-v1.yaml"), { from: "bookinfo/productpage-v1", host: "details", port: 9080, n: 5 }))).toEqual({ "555 FI": 5 });
  });

  it("answers 503 NC for a subset no DestinationRule defines", () => {
    const store = storeOf(base().filter((o) => (o as { kind?: string }).kind !== "DestinationRule"));
    expect(tally(send(tableOf(store), { from: "bookinfo/productpage-v1", host: "reviews", port: 9080, n: 3 }))).toEqual({ "503 NC": 3 });
  });

  it("ignores mesh routing for callers without a sidecar (kube-proxy round robin)", () => {
    const store = fakeStore([...labWorkloads(), ...base()], { sidecar: (ns) => ns !== "bookinfo" });
    const counts = tally(send(tableOf(store), { from: "bookinfo/productpage-v1", host: "reviews", port: 9080, n: 300 }));
    expect(counts).toEqual({ "reviews-v1": 100, "reviews-v2": 100, "reviews-v3": 100 });
  });
});

describe("Argo Rollouts Istio examples", () => {
  it("subset-level canary follows DestinationRule subset labels and weights", () => {
    const objs = scenario("argo-rollouts-istio/istio-subset-split.yaml", "argo-subset");
    const rollout = objs.filter((o) => (o as { kind?: string }).kind === "Rollout");
    const store = storeOf(objs);
    loadManifests(store, materialize(rollout, { templateHash: { "argo-subset/istio-subset-split": "canaryhash" } }).filter(isPod));
    const stableHash = podsOf(store, "argo-subset").find((h) => h !== "canaryhash") ?? "";
    loadManifests(store, [
      {
        apiVersion: "networking.istio.io/v1alpha3",
        kind: "DestinationRule",
        metadata: { name: "istio-subset-split-destrule", namespace: "argo-subset" },
        spec: {
          host: "istio-subset-split",
          subsets: [
            { name: "stable", labels: { app: "istio-subset-split", "rollouts-pod-template-hash": stableHash } },
            { name: "canary", labels: { app: "istio-subset-split", "rollouts-pod-template-hash": "canaryhash" } },
          ],
        },
      },
      withWeights(objs, "istio-subset-split-vsvc", [90, 10]),
    ]);
    const results = send(tableOf(store), { from: "lab-clients/traffic-client", host: "istio-subset-split.argo-subset", port: 80, n: 2000 });
    const byHash = tally(results, (r) => `${r.cluster?.subset}:${r.endpoint?.identity?.podTemplateHash}`);
    expect(Object.keys(byHash).sort()).toEqual([`canary:canaryhash`, `stable:${stableHash}`]);
    expect(Math.abs((byHash["canary:canaryhash"] ?? 0) - 200)).toBeLessThanOrEqual(80);
  });

  it("mirrors a share of matching requests without changing the response", () => {
    const objs = scenario("argo-rollouts-istio/istio-mirror.yaml", "argo-mirror");
    const store = storeOf(objs);
    const vs = objs.find((o) => (o as { kind?: string }).kind === "VirtualService") as { spec: { http: unknown[] } };
    loadManifests(store, [
      {
        ...(vs as object),
        spec: {
          ...vs.spec,
          http: [
            {
              name: "mirror-route",
              match: [{ method: { exact: "POST" }, uri: { prefix: "/color" } }],
              route: [{ destination: { host: "istio-host-split-stable" }, weight: 100 }, { destination: { host: "istio-host-split-canary" }, weight: 0 }],
              mirror: { host: "istio-host-split-canary" },
              mirrorPercentage: { value: 50 },
            },
            ...vs.spec.http,
          ],
        },
      },
    ]);
    const table = tableOf(store);
    const post = send(table, { from: GW, host: "istio-host-split.com", port: 80, method: "POST", path: "/color", n: 2000 });
    expect(post.every((r) => r.service?.name === "istio-host-split-stable")).toBe(true);
    const mirrored = post.filter((r) => r.mirrors.length === 1);
    expect(Math.abs(mirrored.length - 1000)).toBeLessThanOrEqual(80);
    expect(mirrored[0]?.mirrors[0]?.cluster.service.name).toBe("istio-host-split-canary");
    const get = send(table, { from: GW, host: "istio-host-split.com", port: 80, method: "GET", path: "/color", n: 50 });
    expect(get.every((r) => r.mirrors.length === 0)).toBe(true);
  });
});

function isPod(o: unknown): boolean {
  return (o as { kind?: string }).kind === "Pod";
}

function podsOf(store: ClusterStore, namespace: string): string[] {
  return store
    .snapshot()
    .pods.filter((p) => p.meta.namespace === namespace)
    .map((p) => p.meta.labels["rollouts-pod-template-hash"] ?? "");
}

/** The VirtualService `name` with its first route's weights replaced, as the Rollouts controller does. */
function withWeights(objs: readonly unknown[], name: string, weights: readonly number[]): unknown {
  type Vs = { metadata: { name: string }; spec: { http: { route: { weight?: number }[] }[] } };
  const vs = objs.find((o) => (o as Vs).metadata?.name === name && (o as { kind?: string }).kind === "VirtualService") as Vs;
  const [first, ...rest] = vs.spec.http;
  if (!first) throw new Error(`${name} has no http route`);
  return {
    ...vs,
    spec: { ...vs.spec, http: [{ ...first, route: first.route.map((r, i) => ({ ...r, weight: weights[i] ?? 0 })) }, ...rest] },
  };
}
