import { describe, expect, it } from "vitest";
import { runProbe } from "./probe";
import { SHOP_CALLS, config, runtimeWith, shopObjects } from "../testing/shop-lab";
import type { IstioMetrics } from "../metrics/registry";
import { LAYOUT } from "../metrics/registry";

/** Requests per label subset, summed over series whose labels contain every `want` pair. */
function count(metrics: IstioMetrics, want: Record<string, string>): number {
  const needles = Object.entries(want).map(([k, v]) => `${k}="${v}"`);
  let n = 0;
  for (const s of metrics.series) {
    const labels = s.labels.toString();
    if (needles.every((x) => labels.includes(x))) n += s.values[LAYOUT.requests] ?? 0;
  }
  return n;
}

const cfg = config(`seed: 7\n${SHOP_CALLS}`);
const probe = (runtime: ReturnType<typeof runtimeWith>, headers: Record<string, string> = {}, n = 100) =>
  runProbe(runtime.simulator, { host: "shop.demo.local", port: 80, path: "/", method: "GET", headers, n, gateway: "istio-ingressgateway" });

describe("The shop's call graph through the engine", () => {
  it("reports the gateway as source only and every sidecar on both ends", () => {
    const rt = runtimeWith(shopObjects(), cfg);
    const r = probe(rt);
    expect(r.codes).toEqual({ "200": 100 });
    expect(r.destinations.map((d) => d.workload)).toEqual(["front-v1"]);
    const m = rt.metrics;
    expect(count(m, { reporter: "source", source_workload: "istio-ingressgateway", destination_workload: "front-v1" })).toBe(100);
    expect(count(m, { reporter: "destination", source_workload: "istio-ingressgateway", destination_workload: "front-v1" })).toBe(100);
    expect(count(m, { reporter: "source", source_workload: "front-v1", destination_workload: "catalog-v1" })).toBe(100);
    expect(count(m, { reporter: "destination", source_workload: "front-v1", destination_workload: "reviews-v1" })).toBe(100);
    // reviews-v1 calls nothing.
    expect(count(m, { destination_service_name: "ratings" })).toBe(0);
    expect(count(m, { reporter: "destination", connection_security_policy: "mutual_tls", source_principal: "spiffe://cluster.local/ns/demo-shop/sa/shop-front" })).toBe(200);
  });

  it("propagates end-user so alex's calls follow the alex rules downstream", () => {
    const rt = runtimeWith(
      shopObjects(["shop-variants/user-route.yaml", "shop-variants/abort-fault.yaml"]),
      cfg,
    );
    probe(rt, { "end-user": "alex" }, 50);
    probe(rt, {}, 50);
    const m = rt.metrics;
    expect(count(m, { reporter: "source", source_workload: "front-v1", destination_workload: "reviews-v2" })).toBe(50);
    expect(count(m, { reporter: "source", source_workload: "front-v1", destination_workload: "reviews-v1" })).toBe(50);
    // The abort happens in reviews-v2's sidecar: source reporter only, destination workload unknown, service known.
    expect(
      count(m, { reporter: "source", source_workload: "reviews-v2", destination_workload: "unknown", destination_service_name: "ratings", response_code: "500", response_flags: "FI" }),
    ).toBe(50);
    expect(count(m, { reporter: "destination", destination_service_name: "ratings" })).toBe(0);
  });

  it("adds injected delays to the caller's latency (DI) but not the callee's", () => {
    const rt = runtimeWith(
      shopObjects(["shop-variants/user-route.yaml", "shop-variants/delay-fault.yaml"]),
      cfg,
    );
    const r = probe(rt, { "end-user": "alex" }, 20);
    expect(r.latencyMs.p50).toBeGreaterThan(2000);
    const delayed = rt.metrics.series.find((s) => s.labels.toString().includes('response_flags="DI"'));
    expect(delayed?.labels.toString()).toContain('reporter="source"');
    expect(delayed?.labels.toString()).toContain('source_workload="reviews-v2"');
    const sum = delayed?.values[LAYOUT.durationSum] ?? 0;
    expect(sum / 20).toBeGreaterThan(2000);
  });

  it("uses pod annotations for errors and latency", () => {
    const objs = shopObjects().map((o) => {
      const d = o as { kind?: string; metadata?: { name?: string }; spec?: { template?: { metadata?: Record<string, unknown> } } };
      if (d.kind !== "Deployment" || d.metadata?.name !== "reviews-v1" || !d.spec?.template) return o;
      return {
        ...d,
        spec: { ...d.spec, template: { ...d.spec.template, metadata: { ...d.spec.template.metadata, annotations: { "meshdeck.dev/error-rate": "1", "meshdeck.dev/error-code": "503", "meshdeck.dev/latency-ms": "300" } } } },
      };
    });
    const rt = runtimeWith(objs, cfg);
    const r = probe(rt, {}, 40);
    // reviews is not required by front: the page still renders.
    expect(r.codes).toEqual({ "200": 40 });
    expect(r.latencyMs.p50).toBeGreaterThan(300);
    // Istio's default retry policy retries 503 twice: three attempts per request at the destination.
    expect(count(rt.metrics, { reporter: "destination", destination_workload: "reviews-v1", response_code: "503" })).toBe(120);
  });

  it("records plaintext calls without principals and unknown peers", () => {
    const rt = runtimeWith(shopObjects(), cfg, (ns) => ns !== "demo-shop");
    probe(rt, {}, 10);
    const m = rt.metrics;
    // Gateway → front (no sidecar): source reporter only, destination peer unknown.
    expect(count(m, { reporter: "source", source_workload: "istio-ingressgateway", destination_workload: "unknown", destination_service_name: "front", destination_principal: "unknown" })).toBe(10);
    expect(count(m, { reporter: "destination" })).toBe(0);
    // No sidecars in demo-shop: nobody reports front's calls.
    expect(count(m, { destination_service_name: "catalog" })).toBe(0);
  });

  it("counts mirrored copies at the mirror destination only", () => {
    const mirrorVs = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: "demo-shop" },
      spec: {
        hosts: ["reviews"],
        http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }], mirror: { host: "reviews", subset: "v3" }, mirrorPercentage: { value: 100 } }],
      },
    };
    const objs = [...shopObjects().filter((o) => (o as { metadata?: { name?: string }; kind?: string }).metadata?.name !== "reviews" || (o as { kind?: string }).kind !== "VirtualService"), mirrorVs];
    const rt = runtimeWith(objs, cfg);
    probe(rt, {}, 30);
    const m = rt.metrics;
    expect(count(m, { reporter: "destination", source_workload: "front-v1", destination_workload: "reviews-v3" })).toBe(30);
    expect(count(m, { reporter: "source", source_workload: "front-v1", destination_workload: "reviews-v3" })).toBe(0);
    expect(count(m, { reporter: "source", source_workload: "front-v1", destination_workload: "reviews-v1" })).toBe(30);
    // reviews-v3 (mirror) calls ratings as usual.
    expect(count(m, { reporter: "destination", source_workload: "reviews-v3", destination_service_name: "ratings" })).toBe(30);
  });
});

describe("simulator ticks", () => {
  it("sends Poisson traffic per flow close to the configured rate", () => {
    const rt = runtimeWith(
      shopObjects(),
      config(`seed: 3\nflows:\n  - {name: bp, gateway: istio-ingressgateway, host: shop.demo.local, port: 80, path: /, rps: 50}\n${SHOP_CALLS}`),
    );
    let sent = 0;
    for (let i = 0; i < 400; i++) sent += rt.simulator.advance(0.25);
    expect(sent).toBeGreaterThan(4600);
    expect(sent).toBeLessThan(5400);
    expect(rt.simulator.stats().entryRequests).toBe(sent);
  });

  it("reports flows whose source has no ready pod", () => {
    const rt = runtimeWith(shopObjects(), config(`flows:\n  - {name: x, gateway: nope, host: a, rps: 1}`));
    expect(rt.simulator.currentPlan.flows[0]?.problem).toMatch(/no ready pod of gateway nope/);
    expect(rt.simulator.advance(10)).toBe(0);
  });
});
