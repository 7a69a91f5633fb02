import { describe, expect, it } from "vitest";
import { loadManifests } from "../model/manifests";
import type { ClusterStore } from "../model/store";
import { fakeStore, materialize } from "../testing/fake-cluster";
import { send, tally } from "../testing/harness";
import { labWorkloads } from "../testing/lab-workloads";
import { readDemo } from "../testing/demo-manifests";
import { RoutingTable } from "./table";

const GW = "istio-ingressgateway";

function tableOf(store: ClusterStore): RoutingTable {
  return new RoutingTable(store.snapshot());
}

function storeOf(...objects: unknown[][]): ClusterStore {
  return fakeStore([...labWorkloads(), ...objects.flat()]);
}

const kindOf = (o: unknown) => (o as { kind?: string }).kind;

const parts = (): unknown[] => [...readDemo("world/hosts.yaml"), ...readDemo("world/bluegreen.yaml"), ...readDemo("world/canary.yaml"), ...readDemo("world/staged.yaml")];

describe("demo-hosts (host-level split between two releases)", () => {
  it("splits 50/50 at the ingress gateway", () => {
    const table = tableOf(storeOf(readDemo("world/hosts.yaml")));
    const counts = tally(send(table, { from: GW, host: "greeter.demo.local", port: 80, n: 2000 }));
    expect(Object.keys(counts).sort()).toEqual(["greeter-r1", "greeter-r2"]);
    expect(Math.abs((counts["greeter-r1"] ?? 0) - 1000)).toBeLessThanOrEqual(80);
  });

  it("answers 503 UH for the release without ready pods", () => {
    const objs = readDemo("world/hosts.yaml").map((o) =>
      kindOf(o) === "Deployment" && (o as { metadata: { name: string } }).metadata.name === "greeter-r2" ? { ...(o as object), spec: { ...(o as { spec: object }).spec, replicas: 0 } } : o,
    );
    const results = send(tableOf(storeOf(objs)), { from: GW, host: "greeter.demo.local", port: 80, n: 400 });
    const counts = tally(results);
    expect(Object.keys(counts).sort()).toEqual(["503 UH", "greeter-r1"]);
    const uh = results.find((r) => r.flags === "UH");
    expect(uh?.service?.fqdn).toBe("greeter-r2.demo-hosts.svc.cluster.local");
  });

  it("answers 404 NR for a host no VirtualService serves", () => {
    const table = tableOf(storeOf(readDemo("world/hosts.yaml")));
    expect(tally(send(table, { from: GW, host: "other.example.com", port: 80, n: 5 }))).toEqual({ "404 NR": 5 });
  });
});

describe("demo-bluegreen with a header test route", () => {
  const table = tableOf(storeOf(parts()));
  it("sends only x-version: green to green", () => {
    expect(tally(send(table, { from: GW, host: "checkout.demo.local", port: 80, n: 50, headers: { "x-version": "green" } }))).toEqual({ "checkout-green": 50 });
    expect(tally(send(table, { from: GW, host: "checkout.demo.local", port: 80, n: 50, headers: { "x-version": "blue" } }))).toEqual({ "checkout-blue": 50 });
    expect(tally(send(table, { from: GW, host: "checkout.demo.local", port: 80, n: 50 }))).toEqual({ "checkout-blue": 50 });
  });

  it("resolves subsets through the DestinationRule and the Service port", () => {
    const [r] = send(table, { from: GW, host: "checkout.demo.local", port: 80 });
    expect(r?.cluster?.key).toBe("outbound|80|blue|checkout.demo-bluegreen.svc.cluster.local");
  });
});

describe("demo-canary (Argo host-level canary) and the most specific host", () => {
  /** The canary's Gateway and VirtualService serving any host (`*`), beside the other parts' exact hosts. */
  const wildcard = (): unknown[] =>
    parts().map((o) => {
      const x = o as { kind?: string; metadata: { name: string }; spec: { servers?: object[] } };
      if (x.kind === "VirtualService" && x.metadata.name === "payments") return { ...x, spec: { ...x.spec, hosts: ["*"] } };
      if (x.kind === "Gateway" && x.metadata.name === "payments-gateway") return { ...x, spec: { ...x.spec, servers: x.spec.servers?.map((s) => ({ ...s, hosts: ["*"] })) } };
      return o;
    });

  it("routes the canary's host to the stable service", () => {
    const results = send(tableOf(storeOf(parts())), { from: GW, host: "payments.demo.local", port: 80, n: 20 });
    expect(tally(results)).toEqual({ payments: 20 });
    expect(results[0]?.service?.name).toBe("payments-stable");
  });

  it("a `*` VirtualService takes any other host on its gateway's port, exact hosts keep their own", () => {
    const table = tableOf(storeOf(wildcard()));
    expect(tally(send(table, { from: GW, host: "anything.example", port: 80, n: 10 }))).toEqual({ payments: 10 });
    expect(tally(send(table, { from: GW, host: "checkout.demo.local", port: 80, n: 10 }))).toEqual({ "checkout-blue": 10 });
    const hosts = tally(send(table, { from: GW, host: "greeter.demo.local", port: 80, n: 100 }));
    expect(Object.keys(hosts).sort()).toEqual(["greeter-r1", "greeter-r2"]);
  });

  it("follows Argo Rollouts' rewrites of Service selectors and VirtualService weights", () => {
    const objs = parts();
    const store = storeOf(objs);
    const rollout = objs.filter((o) => kindOf(o) === "Rollout");
    loadManifests(store, materialize(rollout, { templateHash: { "demo-canary/payments": "canary5678" } }).filter(isPod));
    const selectorFor = (name: string, hash: string): unknown => ({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name, namespace: "demo-canary" },
      spec: { selector: { app: "payments", "rollouts-pod-template-hash": hash }, ports: [{ name: "http", port: 80 }] },
    });
    const stableHash = podsOf(store, "demo-canary").find((h) => h !== "canary5678") ?? "";
    loadManifests(store, [selectorFor("payments-stable", stableHash), selectorFor("payments-canary", "canary5678"), withWeights(objs, "payments", [80, 20])]);
    const results = send(tableOf(store), { from: GW, host: "payments.demo.local", port: 80, n: 2000 });
    const byHash = tally(results, (r) => r.endpoint?.identity?.podTemplateHash ?? "none");
    expect(Math.abs((byHash["canary5678"] ?? 0) - 400)).toBeLessThanOrEqual(80);
    expect(byHash["canary5678"]! + byHash[stableHash]!).toBe(2000);
  });
});

describe("demo-staged (subset split, bound to the mesh and a gateway)", () => {
  const table = tableOf(storeOf(readDemo("world/staged.yaml")));
  it("splits 70/30 through the gateway", () => {
    const counts = tally(send(table, { from: GW, host: "api.demo.local", port: 80, n: 2000 }));
    expect(Math.abs((counts["api-v1"] ?? 0) - 1400)).toBeLessThanOrEqual(80);
    expect((counts["api-v1"] ?? 0) + (counts["api-v2"] ?? 0)).toBe(2000);
  });

  it("is served at the gateway only for the hosts its Gateway lists", () => {
    expect(tally(send(table, { from: GW, host: "api", port: 80, n: 3 }))).toEqual({ "404 NR": 3 });
  });

  it("splits mesh traffic too (gateways: [mesh, ...])", () => {
    const counts = tally(send(table, { from: "lab-clients/traffic-client", host: "api.demo-staged", port: 80, n: 2000 }));
    expect(Math.abs((counts["api-v1"] ?? 0) - 1400)).toBeLessThanOrEqual(80);
  });

  it("round-robins by pod count without a VirtualService (2 v1 pods : 1 v2 pod)", () => {
    const objs = readDemo("world/staged.yaml").filter((o) => kindOf(o) !== "VirtualService");
    const counts = tally(send(tableOf(storeOf(objs)), { from: "lab-clients/traffic-client", host: "api.demo-staged", port: 80, n: 300 }));
    expect(counts).toEqual({ "api-v1": 200, "api-v2": 100 });
  });
});

describe("the shop", () => {
  const base = (): unknown[] => [...readDemo("world/shop.yaml"), ...readDemo("shop-variants/all-v1.yaml")];
  const withOverlay = (...files: string[]): RoutingTable => {
    const store = storeOf(base());
    for (const f of files) loadManifests(store, readDemo(`shop-variants/${f}`));
    return tableOf(store);
  };
  const alex = { "end-user": "alex" };
  const fromFront = { from: "demo-shop/front-v1", host: "reviews", port: 80 };

  it("serves pages and assets through shop-gateway, and 404s other paths and hosts", () => {
    const table = tableOf(storeOf(base()));
    expect(tally(send(table, { from: GW, host: "shop.demo.local", port: 80, path: "/", n: 10 }))).toEqual({ "front-v1": 10 });
    expect(tally(send(table, { from: GW, host: "shop.demo.local", port: 80, path: "/products/42" }))).toEqual({ "front-v1": 1 });
    expect(tally(send(table, { from: GW, host: "shop.demo.local", port: 80, path: "/assets/app.js" }))).toEqual({ "front-v1": 1 });
    expect(tally(send(table, { from: GW, host: "shop.demo.local", port: 80, path: "/admin" }))).toEqual({ "404 NR": 1 });
    expect(tally(send(table, { from: GW, host: "admin.demo.local", port: 80, path: "/" }))).toEqual({ "404 NR": 1 });
  });

  it("all-v1 sends every reviews call to v1", () => {
    expect(tally(send(tableOf(storeOf(base())), { ...fromFront, n: 300, headers: alex }))).toEqual({ "reviews-v1": 300 });
  });

  it("user-route sends alex to v2 and everyone else to v1", () => {
    const table = withOverlay("user-route.yaml");
    expect(tally(send(table, { ...fromFront, n: 50, headers: alex }))).toEqual({ "reviews-v2": 50 });
    expect(tally(send(table, { ...fromFront, n: 50, headers: { "end-user": "alexa" } }))).toEqual({ "reviews-v1": 50 });
  });

  it("abort-fault answers alex's ratings calls with 500 FI", () => {
    const table = withOverlay("abort-fault.yaml");
    const results = send(table, { from: "demo-shop/reviews-v2", host: "ratings", port: 80, n: 20, headers: alex });
    expect(tally(results)).toEqual({ "500 FI": 20 });
    expect(results[0]?.service?.name).toBe("ratings");
    expect(tally(send(table, { from: "demo-shop/reviews-v2", host: "ratings", port: 80, n: 20 }))).toEqual({ "ratings-v1": 20 });
  });

  it("delay-fault delays alex's ratings calls by 2 s (DI)", () => {
    const table = withOverlay("delay-fault.yaml");
    const [r] = send(table, { from: "demo-shop/reviews-v3", host: "ratings", port: 80, headers: alex });
    expect(r).toMatchObject({ code: 0, flags: "DI", delayMs: 2000 });
    expect(r?.endpoint?.identity?.workload).toBe("ratings-v1");
    expect(send(table, { from: "demo-shop/reviews-v3", host: "ratings", port: 80 })[0]).toMatchObject({ flags: "-", delayMs: 0 });
  });

  it("shift-50-50 splits v1/v3 evenly", () => {
    const counts = tally(send(withOverlay("shift-50-50.yaml"), { ...fromFront, n: 2000 }));
    expect(Object.keys(counts).sort()).toEqual(["reviews-v1", "reviews-v3"]);
    expect(Math.abs((counts["reviews-v1"] ?? 0) - 1000)).toBeLessThanOrEqual(80);
  });

  it("an abort without a match aborts every call, with its own status", () => {
    const store = storeOf(base());
    type Vs = { spec: { http: { match?: unknown; fault?: { abort?: { httpStatus?: number } } }[] } };
    const abort = readDemo("shop-variants/abort-fault.yaml")[0] as Vs;
    const [first, ...rest] = abort.spec.http;
    loadManifests(store, [{ ...abort, spec: { ...abort.spec, http: [{ ...first, match: undefined, fault: { abort: { httpStatus: 555, percentage: { value: 100 } } } }, ...rest] } }]);
    expect(tally(send(tableOf(store), { from: "demo-shop/reviews-v2", host: "ratings", port: 80, n: 5 }))).toEqual({ "555 FI": 5 });
  });

  it("answers 503 NC for a subset no DestinationRule defines", () => {
    const store = storeOf(base().filter((o) => kindOf(o) !== "DestinationRule"));
    expect(tally(send(tableOf(store), { ...fromFront, n: 3 }))).toEqual({ "503 NC": 3 });
  });

  it("ignores mesh routing for callers without a sidecar (kube-proxy round robin)", () => {
    const store = fakeStore([...labWorkloads(), ...base()], { sidecar: (ns) => ns !== "demo-shop" });
    const counts = tally(send(tableOf(store), { ...fromFront, n: 300 }));
    expect(counts).toEqual({ "reviews-v1": 100, "reviews-v2": 100, "reviews-v3": 100 });
  });
});

describe("Argo Rollouts canaries of the demo world", () => {
  it("subset-level canary follows DestinationRule subset labels and weights", () => {
    const objs = readDemo("world/argo-subset.yaml");
    const rollout = objs.filter((o) => kindOf(o) === "Rollout");
    const store = storeOf(objs);
    loadManifests(store, materialize(rollout, { templateHash: { "demo-argo-subset/inventory": "canaryhash" } }).filter(isPod));
    const stableHash = podsOf(store, "demo-argo-subset").find((h) => h !== "canaryhash") ?? "";
    loadManifests(store, [
      {
        apiVersion: "networking.istio.io/v1",
        kind: "DestinationRule",
        metadata: { name: "inventory", namespace: "demo-argo-subset" },
        spec: {
          host: "inventory",
          subsets: [
            { name: "stable", labels: { app: "inventory", "rollouts-pod-template-hash": stableHash } },
            { name: "canary", labels: { app: "inventory", "rollouts-pod-template-hash": "canaryhash" } },
          ],
        },
      },
      withWeights(objs, "inventory", [90, 10]),
    ]);
    const results = send(tableOf(store), { from: "lab-clients/traffic-client", host: "inventory.demo-argo-subset", port: 80, n: 2000 });
    const byHash = tally(results, (r) => `${r.cluster?.subset}:${r.endpoint?.identity?.podTemplateHash}`);
    expect(Object.keys(byHash).sort()).toEqual([`canary:canaryhash`, `stable:${stableHash}`]);
    expect(Math.abs((byHash["canary:canaryhash"] ?? 0) - 200)).toBeLessThanOrEqual(80);
  });

  it("mirrors a share of matching requests without changing the response", () => {
    const objs = readDemo("world/argo-mirror.yaml");
    const store = storeOf(objs);
    const vs = objs.find((o) => kindOf(o) === "VirtualService") as { spec: { http: unknown[] } };
    loadManifests(store, [
      {
        ...(vs as object),
        spec: {
          ...vs.spec,
          http: [
            {
              name: "mirror",
              match: [{ method: { exact: "GET" }, uri: { prefix: "/search" } }],
              route: [{ destination: { host: "search-stable" }, weight: 100 }, { destination: { host: "search-canary" }, weight: 0 }],
              mirror: { host: "search-canary" },
              mirrorPercentage: { value: 50 },
            },
            ...vs.spec.http,
          ],
        },
      },
    ]);
    const table = tableOf(store);
    const get = send(table, { from: GW, host: "search.demo.local", port: 80, method: "GET", path: "/search", n: 2000 });
    expect(get.every((r) => r.service?.name === "search-stable")).toBe(true);
    const mirrored = get.filter((r) => r.mirrors.length === 1);
    expect(Math.abs(mirrored.length - 1000)).toBeLessThanOrEqual(80);
    expect(mirrored[0]?.mirrors[0]?.cluster.service.name).toBe("search-canary");
    const post = send(table, { from: GW, host: "search.demo.local", port: 80, method: "POST", path: "/search", n: 50 });
    expect(post.every((r) => r.mirrors.length === 0)).toBe(true);
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
