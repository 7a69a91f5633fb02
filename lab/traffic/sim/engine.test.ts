import { describe, expect, it } from "vitest";
import { runProbe } from "./probe";
import { BOOKINFO_CALLS, bookinfoObjects, config, runtimeWith } from "../testing/bookinfo-lab";
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

const cfg = config(`seed: 7\n${BOOKINFO_CALLS}`);
const probe = (runtime: ReturnType<typeof runtimeWith>, headers: Record<string, string> = {}, n = 100) =>
  runProbe(runtime.simulator, { host: "bookinfo.local", port: 8080, path: "/productpage", method: "GET", headers, n, gateway: "istio-ingressgateway" });

describe("Bookinfo call graph through the engine", () => {
  it("reports the gateway as source only and every sidecar on both ends", () => {
    const rt = runtimeWith(bookinfoObjects(), cfg);
    const r = probe(rt);
    expect(r.codes).toEqual({ "200": 100 });
    expect(r.destinations.map((d) => d.workload)).toEqual(["productpage-v1"]);
    const m = rt.metrics;
    expect(count(m, { reporter: "source", source_workload: "istio-ingressgateway", destination_workload: "productpage-v1" })).toBe(100);
    expect(count(m, { reporter: "destination", source_workload: "istio-ingressgateway", destination_workload: "productpage-v1" })).toBe(100);
    expect(count(m, { reporter: "source", source_workload: "productpage-v1", destination_workload: "details-v1" })).toBe(100);
    expect(count(m, { reporter: "destination", source_workload: "productpage-v1", destination_workload: "reviews-v1" })).toBe(100);
    // reviews-v1 calls nothing.
    expect(count(m, { destination_service_name: "ratings" })).toBe(0);
    expect(count(m, { reporter: "destination", connection_security_policy: "mutual_tls", source_principal: "spiffe://cluster.local/ns/bookinfo/sa/bookinfo-productpage" })).toBe(200);
  });

  it("propagates end-user so jason's calls follow the jason rules downstream", () => {
    const rt = runtimeWith(
      bookinfoObjects(["bookinfo/networking/virtual-service-reviews-test-v2.yaml", "bookinfo/networking/virtual-service-ratings-test-abort.yaml"]),
      cfg,
    );
    probe(rt, { "end-user": "jason" }, 50);
    probe(rt, {}, 50);
    const m = rt.metrics;
    expect(count(m, { reporter: "source", source_workload: "productpage-v1", destination_workload: "reviews-v2" })).toBe(50);
    expect(count(m, { reporter: "source", source_workload: "productpage-v1", destination_workload: "reviews-v1" })).toBe(50);
    // The abort happens in reviews-v2's sidecar: source reporter only, destination workload unknown, service known.
    expect(
      count(m, { reporter: "source", source_workload: "reviews-v2", destination_workload: "unknown", destination_service_name: "ratings", response_code: "500", response_flags: "FI" }),
    ).toBe(50);
    expect(count(m, { reporter: "destination", destination_service_name: "ratings" })).toBe(0);
  });

  it("adds injected delays to the caller's latency (DI) but not the callee's", () => {
    const rt = runtimeWith(
      bookinfoObjects(["bookinfo/networking/virtual-service-reviews-test-v2.yaml", "bookinfo/networking/virtual-service-ratings-test-delay.yaml"]),
      cfg,
    );
    const r = probe(rt, { "end-user": "jason" }, 20);
    expect(r.latencyMs.p50).toBeGreaterThan(7000);
    const delayed = rt.metrics.series.find((s) => s.labels.toString().includes('response_flags="DI"'));
    expect(delayed?.labels.toString()).toContain('reporter="source"');
    expect(delayed?.labels.toString()).toContain('source_workload="reviews-v2"');
    const sum = delayed?.values[LAYOUT.durationSum] ?? 0;
    expect(sum / 20).toBeGreaterThan(7000);
  });

  it("uses pod annotations for errors and latency", () => {
    const objs = bookinfoObjects().map((o) => {
      const d = o as { kind?: string; metadata?: { name?: string }; spec?: { template?: { metadata?: Record<string, unknown> } } };
      if (d.kind !== "Deployment" || d.metadata?.name !== "details-v1" || !d.spec?.template) return o;
      return {
        ...d,
        spec: { ...d.spec, template: { ...d.spec.template, metadata: { ...d.spec.template.metadata, annotations: { "meshdeck.dev/error-rate": "1", "meshdeck.dev/error-code": "503", "meshdeck.dev/latency-ms": "300" } } } },
      };
    });
    const rt = runtimeWith(objs, cfg);
    const r = probe(rt, {}, 40);
    // details is not required by productpage: the page still renders.
    expect(r.codes).toEqual({ "200": 40 });
    expect(r.latencyMs.p50).toBeGreaterThan(300);
    expect(count(rt.metrics, { reporter: "destination", destination_workload: "details-v1", response_code: "503" })).toBe(40);
  });

  it("records plaintext calls without principals and unknown peers", () => {
    const rt = runtimeWith(bookinfoObjects(), cfg, (ns) => ns !== "bookinfo");
    probe(rt, {}, 10);
    const m = rt.metrics;
    // Gateway → productpage (no sidecar): source reporter only, destination peer unknown.
    expect(count(m, { reporter: "source", source_workload: "istio-ingressgateway", destination_workload: "unknown", destination_service_name: "productpage", destination_principal: "unknown" })).toBe(10);
    expect(count(m, { reporter: "destination" })).toBe(0);
    // No sidecars in bookinfo: nobody reports productpage's calls.
    expect(count(m, { destination_service_name: "details" })).toBe(0);
  });

  it("counts mirrored copies at the mirror destination only", () => {
    const mirrorVs = {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: "bookinfo" },
      spec: {
        hosts: ["reviews"],
        http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }], mirror: { host: "reviews", subset: "v3" }, mirrorPercentage: { value: 100 } }],
      },
    };
    const objs = [...bookinfoObjects().filter((o) => (o as { metadata?: { name?: string }; kind?: string }).metadata?.name !== "reviews" || (o as { kind?: string }).kind !== "VirtualService"), mirrorVs];
    const rt = runtimeWith(objs, cfg);
    probe(rt, {}, 30);
    const m = rt.metrics;
    expect(count(m, { reporter: "destination", source_workload: "productpage-v1", destination_workload: "reviews-v3" })).toBe(30);
    expect(count(m, { reporter: "source", source_workload: "productpage-v1", destination_workload: "reviews-v3" })).toBe(0);
    expect(count(m, { reporter: "source", source_workload: "productpage-v1", destination_workload: "reviews-v1" })).toBe(30);
    // reviews-v3 (mirror) calls ratings as usual.
    expect(count(m, { reporter: "destination", source_workload: "reviews-v3", destination_service_name: "ratings" })).toBe(30);
  });
});

describe("simulator ticks", () => {
  it("sends Poisson traffic per flow close to the configured rate", () => {
    const rt = runtimeWith(
      bookinfoObjects(),
      config(`seed: 3\nflows:\n  - {name: bp, gateway: istio-ingressgateway, host: bookinfo.local, port: 8080, path: /productpage, rps: 50}\n${BOOKINFO_CALLS}`),
    );
    let sent = 0;
    for (let i = 0; i < 400; i++) sent += rt.simulator.advance(0.25);
    expect(sent).toBeGreaterThan(4600);
    expect(sent).toBeLessThan(5400);
    expect(rt.simulator.stats().entryRequests).toBe(sent);
  });

  it("reports flows whose source has no ready pod", () => {
    const rt = runtimeWith(bookinfoObjects(), config(`flows:\n  - {name: x, gateway: nope, host: a, rps: 1}`));
    expect(rt.simulator.currentPlan.flows[0]?.problem).toMatch(/no ready pod of gateway nope/);
    expect(rt.simulator.advance(10)).toBe(0);
  });
});
