import { describe, expect, it } from "vitest";
import { buildGraph } from "./build-graph";
import type { PromSample } from "./prom";
import { bookinfoFixture, edgeCasesFixture, labFixture } from "./testing/fixtures";
import type { Graph, GraphEdge, GraphNode } from "./types";

const node = (g: Graph, id: string): GraphNode => {
  const n = g.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id} in ${g.nodes.map((x) => x.id).join(", ")}`);
  return n;
};
const edge = (g: Graph, id: string): GraphEdge => {
  const e = g.edges.find((x) => x.id === id);
  if (!e) throw new Error(`no edge ${id} in ${g.edges.map((x) => x.id).join(", ")}`);
  return e;
};
const ids = (xs: readonly { id: string }[]) => xs.map((x) => x.id);

/** Sum of the recorded rates matching a predicate on the labels. */
function recorded(samples: readonly PromSample[], pred: (m: Record<string, string>) => boolean): number {
  return samples.filter((s) => pred(s.metric)).reduce((a, s) => a + Number(s.value[1]), 0);
}
const bookinfoSamples = "data" in bookinfoFixture.requests ? bookinfoFixture.requests.data.result : [];

describe("buildGraph on recorded Bookinfo traffic", () => {
  const opts = { namespaces: bookinfoFixture.namespaces };

  it("builds the versioned-app graph Kiali shows: gateway → productpage → details, reviews v1/v2 → ratings", () => {
    const g = buildGraph(bookinfoFixture, { ...opts, type: "versionedApp" });
    expect(ids(g.nodes)).toEqual([
      "gw:istio-system/istio-ingressgateway",
      "svc:bookinfo/details",
      "svc:bookinfo/productpage",
      "svc:bookinfo/ratings",
      "svc:bookinfo/reviews",
      "vapp:bookinfo/details/v1",
      "vapp:bookinfo/productpage/v1",
      "vapp:bookinfo/ratings/v1",
      "vapp:bookinfo/reviews/v1",
      "vapp:bookinfo/reviews/v2",
    ]);
    expect(ids(g.edges)).toEqual([
      "gw:istio-system/istio-ingressgateway->svc:bookinfo/productpage",
      "svc:bookinfo/details->vapp:bookinfo/details/v1",
      "svc:bookinfo/productpage->vapp:bookinfo/productpage/v1",
      "svc:bookinfo/ratings->vapp:bookinfo/ratings/v1",
      "svc:bookinfo/reviews->vapp:bookinfo/reviews/v1",
      "svc:bookinfo/reviews->vapp:bookinfo/reviews/v2",
      "vapp:bookinfo/productpage/v1->svc:bookinfo/details",
      "vapp:bookinfo/productpage/v1->svc:bookinfo/reviews",
      "vapp:bookinfo/reviews/v2->svc:bookinfo/ratings",
    ]);
    const gw = node(g, "gw:istio-system/istio-ingressgateway");
    expect(gw).toMatchObject({ kind: "ingressGateway", name: "istio-ingressgateway", namespace: "istio-system", outside: true });
    expect(node(g, "vapp:bookinfo/reviews/v2")).toMatchObject({ kind: "versionedApp", name: "reviews", version: "v2", group: "app:bookinfo/reviews", workloads: ["reviews-v2"] });
    expect(g.timestamp).toBeGreaterThan(1.7e9);
  });

  it("carries the recorded rates, shares and p95", () => {
    const g = buildGraph(bookinfoFixture, { ...opts, type: "versionedApp" });
    const toReviews = recorded(bookinfoSamples, (m) => m.destination_service_name === "reviews");
    const toV2 = recorded(bookinfoSamples, (m) => m.destination_workload === "reviews-v2");
    expect(edge(g, "vapp:bookinfo/productpage/v1->svc:bookinfo/reviews").rps).toBeCloseTo(toReviews, 2);
    const v2 = edge(g, "svc:bookinfo/reviews->vapp:bookinfo/reviews/v2");
    expect(v2.rps).toBeCloseTo(toV2, 2);
    expect(v2.sharePct).toBeCloseTo((toV2 / toReviews) * 100, 1);
    // productpage calls details and reviews once per request: half of its calls each.
    expect(edge(g, "vapp:bookinfo/productpage/v1->svc:bookinfo/details").sharePct).toBeCloseTo(50, 0);
    for (const e of g.edges) expect(e.p95Ms, e.id).toBeGreaterThan(0);
    // Shares of each source's outgoing edges add up to 100 %.
    const bySource = new Map<string, number>();
    for (const e of g.edges) bySource.set(e.source, (bySource.get(e.source) ?? 0) + e.sharePct);
    for (const [src, total] of bySource) expect(total, src).toBeCloseTo(100, 0);
  });

  it("counts the fault injected for jason (500 FI, reported by the caller only) as errors on reviews-v2 → ratings", () => {
    const g = buildGraph(bookinfoFixture, { ...opts, type: "versionedApp" });
    const e = edge(g, "vapp:bookinfo/reviews/v2->svc:bookinfo/ratings");
    const aborted = recorded(bookinfoSamples, (m) => m.response_flags === "FI");
    const served = recorded(bookinfoSamples, (m) => m.destination_workload === "ratings-v1");
    expect(aborted).toBeGreaterThan(0);
    expect(e.codes["500"]).toBeCloseTo(aborted, 3);
    expect(e.flags?.FI).toBeCloseTo(aborted, 3);
    expect(e.errorPct).toBeCloseTo((aborted / (aborted + served)) * 100, 1);
    expect(e.health).toBe("failing"); // ≥ 10 % 5xx
    // The aborted requests never reached ratings: its workload sees only the served ones.
    expect(edge(g, "svc:bookinfo/ratings->vapp:bookinfo/ratings/v1")).toMatchObject({ errorPct: 0, health: "healthy" });
    expect(node(g, "svc:bookinfo/ratings").health).toBe("failing");
    expect(node(g, "vapp:bookinfo/ratings/v1").health).toBe("healthy");
  });

  it("builds workload, app and service graphs with stable ids", () => {
    const wl = buildGraph(bookinfoFixture, { ...opts, type: "workload" });
    expect(ids(wl.nodes)).toContain("wl:bookinfo/reviews-v2");
    expect(node(wl, "wl:bookinfo/reviews-v2")).toMatchObject({ kind: "workload", app: "reviews", version: "v2" });

    const app = buildGraph(bookinfoFixture, { ...opts, type: "app" });
    expect(node(app, "app:bookinfo/reviews")).toMatchObject({ kind: "app", workloads: ["reviews-v1", "reviews-v2"] });
    expect(ids(app.edges)).toContain("svc:bookinfo/reviews->app:bookinfo/reviews");
    expect(ids(app.edges)).toContain("app:bookinfo/reviews->svc:bookinfo/ratings");

    const svc = buildGraph(bookinfoFixture, { ...opts, type: "service" });
    expect(ids(svc.nodes)).toEqual(["gw:istio-system/istio-ingressgateway", "svc:bookinfo/details", "svc:bookinfo/productpage", "svc:bookinfo/ratings", "svc:bookinfo/reviews"]);
    expect(ids(svc.edges)).toEqual([
      "gw:istio-system/istio-ingressgateway->svc:bookinfo/productpage",
      "svc:bookinfo/productpage->svc:bookinfo/details",
      "svc:bookinfo/productpage->svc:bookinfo/reviews",
      "svc:bookinfo/reviews->svc:bookinfo/ratings",
    ]);

    const noInject = buildGraph(bookinfoFixture, { ...opts, type: "workload", injectServiceNodes: false });
    expect(noInject.nodes.filter((n) => n.kind === "service").map((n) => n.id)).toEqual(["svc:bookinfo/ratings"]);
    expect(ids(noInject.edges)).toContain("wl:bookinfo/productpage-v1->wl:bookinfo/reviews-v1");
    // The aborted requests have no workload to go to: they end at the ratings service.
    expect(ids(noInject.edges)).toContain("wl:bookinfo/reviews-v2->svc:bookinfo/ratings");
  });

  it("is deterministic and independent of sample order", () => {
    const a = buildGraph(bookinfoFixture, { ...opts, type: "versionedApp" });
    const reversed = { requests: [...bookinfoSamples].reverse(), latency: bookinfoFixture.latency };
    expect(buildGraph(reversed, { ...opts, type: "versionedApp" })).toEqual(a);
  });

  it("attaches config badges to the nodes that stand for their targets", () => {
    const badges = [
      { kind: "service" as const, namespace: "bookinfo", name: "reviews", badges: [{ kind: "trafficSplit" as const, detail: "v1 80 % · v2 20 %" }] },
      { kind: "service" as const, namespace: "bookinfo", name: "ratings", badges: [{ kind: "fault" as const }] },
      { kind: "workload" as const, namespace: "bookinfo", name: "reviews-v2", badges: [{ kind: "rollout" as const }, { kind: "missingSidecar" as const }] },
    ];
    const g = buildGraph(bookinfoFixture, { ...opts, type: "versionedApp", badges });
    expect(node(g, "svc:bookinfo/reviews").badges).toEqual([{ kind: "trafficSplit", detail: "v1 80 % · v2 20 %" }]);
    expect(node(g, "svc:bookinfo/ratings").badges).toEqual([{ kind: "fault" }]);
    expect(node(g, "vapp:bookinfo/reviews/v2").badges).toEqual([{ kind: "missingSidecar" }, { kind: "rollout" }]);
    expect(node(g, "vapp:bookinfo/reviews/v1").badges).toBeUndefined();
    // Without service nodes, service badges go to the app of that name.
    const app = buildGraph(bookinfoFixture, { ...opts, type: "app", injectServiceNodes: false, badges });
    expect(node(app, "app:bookinfo/reviews").badges?.map((b) => b.kind)).toEqual(["trafficSplit", "missingSidecar", "rollout"]);
  });
});

describe("buildGraph on recorded edge cases", () => {
  const opts = { namespaces: edgeCasesFixture.namespaces, gateways: [{ namespace: "istio-system", workload: "rio-gateway" }] };

  it("sends requests with no route at the gateway (404 NR) to the unknown destination", () => {
    const g = buildGraph(edgeCasesFixture, { ...opts, type: "workload" });
    const e = edge(g, "gw:istio-system/istio-ingressgateway->unknown:dst");
    expect(e.codes["404"]).toBeGreaterThan(0);
    expect(e.flags?.NR).toBe(e.rps);
    expect(e.clientErrorPct).toBe(100);
    expect(e.health).toBe("failing");
    expect(node(g, "unknown:dst")).toMatchObject({ kind: "unknown", health: "na" });
  });

  it("ends calls into a namespace without sidecars at the service (only the caller reports them)", () => {
    const g = buildGraph(edgeCasesFixture, { ...opts, type: "workload" });
    const legacy = node(g, "svc:graph-plain/legacy");
    expect(legacy).toMatchObject({ kind: "service", rpsOut: 0 });
    expect(legacy.rpsIn).toBeGreaterThan(0);
    expect(g.edges.filter((e) => e.source === legacy.id)).toEqual([]);
    expect(edge(g, "wl:lab-clients/traffic-client->svc:graph-plain/legacy").health).toBe("healthy");
  });

  it("shows callers without a sidecar as the unknown source", () => {
    const g = buildGraph(edgeCasesFixture, { ...opts, type: "workload" });
    expect(node(g, "unknown")).toMatchObject({ kind: "unknown", health: "na" });
    expect(edge(g, "unknown->svc:sample-ns/nginx").rps).toBeGreaterThan(0);
  });

  it("marks gateways listed by the caller and nodes outside the namespaces", () => {
    const g = buildGraph(edgeCasesFixture, { ...opts, type: "app" });
    expect(node(g, "gw:istio-system/rio-gateway").kind).toBe("ingressGateway");
    expect(node(g, "app:bookinfo/productpage").outside).toBe(true);
    expect(node(g, "app:sample-ns/nginx").outside).toBeUndefined();
  });
});

describe("buildGraph on the whole lab", () => {
  it("leaves series without requests in the window out of the response codes", () => {
    const requests = "data" in labFixture.requests ? labFixture.requests.data.result : [];
    expect(requests.some((s) => Number(s.value[1]) === 0)).toBe(true);
    const g = buildGraph(labFixture, { type: "workload" });
    for (const e of g.edges) for (const [code, rps] of Object.entries(e.codes)) expect(rps, `${e.id} ${code}`).toBeGreaterThan(0);
  });

  it("adds inventory nodes without traffic as idle nodes when asked", () => {
    const inventory = [
      { kind: "workload" as const, namespace: "bookinfo", name: "reviews-v3", app: "reviews", version: "v3" },
      { kind: "service" as const, namespace: "bookinfo", name: "mongodb" },
    ];
    expect(ids(buildGraph(labFixture, { type: "versionedApp", inventory }).nodes)).not.toContain("vapp:bookinfo/reviews/v3");
    const g = buildGraph(labFixture, { type: "versionedApp", inventory, includeIdleNodes: true });
    expect(node(g, "vapp:bookinfo/reviews/v3")).toMatchObject({ idle: true, health: "idle", rpsIn: 0 });
    expect(node(g, "svc:bookinfo/mongodb")).toMatchObject({ idle: true, kind: "service" });
  });
});

describe("buildGraph on synthetic samples", () => {
  const base = {
    source_workload_namespace: "shop",
    source_workload: "web-v1",
    source_canonical_service: "web",
    source_canonical_revision: "v1",
    destination_service_namespace: "shop",
    destination_service_name: "cart",
    destination_workload_namespace: "shop",
    destination_workload: "cart-v1",
    destination_canonical_service: "cart",
    destination_canonical_revision: "v1",
    request_protocol: "http",
    response_code: "200",
    grpc_response_status: "",
    response_flags: "-",
  };
  const s = (labels: Record<string, string>, v: number): PromSample => ({ metric: { ...base, ...labels }, value: [1000, String(v)] });

  it("counts a request reported by both proxies once (destination reporter wins)", () => {
    const g = buildGraph({ requests: [s({ reporter: "destination" }, 10), s({ reporter: "source" }, 10.4)] }, { type: "workload", injectServiceNodes: false });
    expect(edge(g, "wl:shop/web-v1->wl:shop/cart-v1").rps).toBe(10);
  });

  it("falls back to the source reporter when the destination reported nothing for the pair", () => {
    const g = buildGraph({ requests: [s({ reporter: "source" }, 3)] }, { type: "workload", injectServiceNodes: false });
    expect(edge(g, "wl:shop/web-v1->wl:shop/cart-v1").rps).toBe(3);
  });

  it("counts gRPC error statuses as errors and keys them by status", () => {
    const g = buildGraph(
      {
        requests: [
          s({ reporter: "destination", request_protocol: "grpc", grpc_response_status: "0" }, 9),
          s({ reporter: "destination", request_protocol: "grpc", grpc_response_status: "14" }, 1),
        ],
      },
      { type: "app" },
    );
    const e = edge(g, "svc:shop/cart->app:shop/cart");
    expect(e).toMatchObject({ protocols: ["grpc"], errorPct: 10, health: "failing", codes: { "grpc:0": 9, "grpc:14": 1 } });
  });

  it("judges health with Kiali's tolerances", () => {
    const health = (code: string, pct: number) =>
      edge(
        buildGraph({ requests: [s({ reporter: "destination" }, 100 - pct), s({ reporter: "destination", response_code: code }, pct)] }, { type: "workload", injectServiceNodes: false }),
        "wl:shop/web-v1->wl:shop/cart-v1",
      ).health;
    expect(health("503", 0.1)).toBe("degraded");
    expect(health("503", 9.9)).toBe("degraded");
    expect(health("503", 10)).toBe("failing");
    expect(health("404", 10)).toBe("healthy");
    expect(health("404", 10.5)).toBe("degraded");
    expect(health("404", 20)).toBe("failing");
  });

  it("maps an unrouted host 'name.namespace' (NC) to that service, and other hosts to service entries", () => {
    const g = buildGraph(
      {
        requests: [
          s({ reporter: "destination" }, 1),
          s({ reporter: "source", destination_service_namespace: "unknown", destination_service_name: "cart.shop", destination_workload: "unknown", destination_workload_namespace: "unknown", response_code: "503", response_flags: "NC" }, 1),
          s({ reporter: "source", destination_service_namespace: "unknown", destination_service_name: "api.example.com", destination_workload: "unknown", destination_workload_namespace: "unknown" }, 2),
        ],
      },
      { type: "workload" },
    );
    expect(edge(g, "wl:shop/web-v1->svc:shop/cart").codes).toEqual({ "200": 1, "503": 1 });
    expect(node(g, "svc:unknown/api.example.com").kind).toBe("serviceEntry");
  });

  it("hides idle edges (and nodes only they reach) by default and shows them on request", () => {
    const requests = [s({ reporter: "destination" }, 1), s({ reporter: "destination", destination_workload: "cart-v2", destination_canonical_revision: "v2" }, 0)];
    const busy = buildGraph({ requests }, { type: "workload" });
    expect(ids(busy.edges)).toEqual(["svc:shop/cart->wl:shop/cart-v1", "wl:shop/web-v1->svc:shop/cart"]);
    expect(ids(busy.nodes)).not.toContain("wl:shop/cart-v2");
    const all = buildGraph({ requests }, { type: "workload", includeIdleEdges: true });
    expect(edge(all, "svc:shop/cart->wl:shop/cart-v2")).toMatchObject({ rps: 0, health: "idle", codes: {}, sharePct: 0 });
    expect(node(all, "wl:shop/cart-v2")).toMatchObject({ health: "idle", idle: true });
  });

  it("ignores NaN, negative and infinite samples", () => {
    const g = buildGraph({ requests: [s({ reporter: "destination" }, Number.NaN), s({ reporter: "destination", response_code: "500" }, -1)] }, { type: "workload" });
    expect(g.edges).toEqual([]);
  });
});
