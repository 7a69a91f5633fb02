import { describe, expect, it } from "vitest";
import { LAYOUT, type IstioMetrics } from "../metrics/registry";
import { SHOP_CALLS, config, runtimeWith, shopObjects } from "../testing/shop-lab";
import { runProbe } from "./probe";

/** Requests counted on series whose labels contain every `want` pair. */
function count(metrics: IstioMetrics, want: Record<string, string>): number {
  const needles = Object.entries(want).map(([k, v]) => `${k}="${v}"`);
  return metrics.series.filter((s) => needles.every((x) => s.labels.toString().includes(x))).reduce((n, s) => n + (s.values[LAYOUT.requests] ?? 0), 0);
}

type Obj = { kind?: string; metadata?: { name?: string }; spec?: { template?: { metadata?: Record<string, unknown> } } };

/** The shop with reviews routed to v1 by `route` (timeout, retries, fault…) and reviews-v1 behaving per `annotations`. */
function shop(route: Record<string, unknown>, annotations: Record<string, string>) {
  const vs = {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: "demo-shop" },
    spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v1" } }], ...route }] },
  };
  const objects = shopObjects().flatMap((o) => {
    const d = o as Obj;
    if (d.kind === "VirtualService" && d.metadata?.name === "reviews") return [vs];
    if (d.kind !== "Deployment" || d.metadata?.name !== "reviews-v1" || !d.spec?.template) return [o];
    return [{ ...d, spec: { ...d.spec, template: { ...d.spec.template, metadata: { ...d.spec.template.metadata, annotations } } } }];
  });
  const rt = runtimeWith(objects, config(`seed: 11\n${SHOP_CALLS}`));
  runProbe(rt.simulator, { host: "shop.demo.local", port: 80, path: "/", method: "GET", headers: {}, n: 400, gateway: "istio-ingressgateway" });
  const m = rt.metrics;
  const at = (reporter: string, extra: Record<string, string> = {}) => count(m, { reporter, source_workload: "front-v1", destination_service_name: "reviews", ...extra });
  return { at };
}

describe("route timeouts", () => {
  it("a slower answer ends with 504 UT at the caller; the destination still served it", () => {
    const { at } = shop({ timeout: "1s" }, { "meshdeck.dev/latency-ms": "3000", "meshdeck.dev/latency-p99-ms": "3500" });
    expect(at("source", { response_code: "504", response_flags: "UT" })).toBe(400);
    expect(at("destination", { response_code: "200" })).toBe(400);
  });

  it("an injected delay does not count against the timeout: Envoy's fault filter runs before the router (DI, 200)", () => {
    const { at } = shop({ timeout: "1s", fault: { delay: { fixedDelay: "7s", percentage: { value: 100 } } } }, {});
    expect(at("source", { response_code: "200", response_flags: "DI" })).toBe(400);
    expect(at("source", { response_code: "504" })).toBe(0);
  });

  it("a delayed route to a slow upstream: the delay, then 504 UT once the upstream exceeds the timeout (DI,UT)", () => {
    const { at } = shop({ timeout: "1s", fault: { delay: { fixedDelay: "2s", percentage: { value: 100 } } } }, { "meshdeck.dev/latency-ms": "3000", "meshdeck.dev/latency-p99-ms": "3500" });
    expect(at("source", { response_code: "504", response_flags: "DI,UT" })).toBe(400);
  });
});

describe("retries (each attempt counted at the destination, one request at the source)", () => {
  it("5xx retries turn a 50 % failing version into a few % of errors for the caller", () => {
    const { at } = shop({ retries: { attempts: 3, retryOn: "5xx" } }, { "meshdeck.dev/error-rate": "0.5" });
    expect(at("source")).toBe(400);
    const failed = at("source", { response_code: "500" });
    // 0.5⁴ = 6.25 % expected.
    expect(failed / 400).toBeLessThan(0.15);
    expect(at("source", { response_code: "500", response_flags: "URX" })).toBe(failed);
    // 1 + 0.5 + 0.25 + 0.125 attempts per request expected.
    const attempts = at("destination");
    expect(attempts / 400).toBeGreaterThan(1.6);
    expect(attempts / 400).toBeLessThan(2.1);
    expect(at("destination", { response_code: "500" })).toBe(attempts - 400 + failed);
  });

  it("Istio's default policy retries 503 twice but not 500; attempts 0 disables it", () => {
    const s503 = shop({}, { "meshdeck.dev/error-rate": "1", "meshdeck.dev/error-code": "503" });
    expect(s503.at("destination")).toBe(1200);
    expect(s503.at("source", { response_code: "503", response_flags: "URX" })).toBe(400);
    const s500 = shop({}, { "meshdeck.dev/error-rate": "1" });
    expect(s500.at("destination")).toBe(400);
    expect(s500.at("source", { response_code: "500", response_flags: "-" })).toBe(400);
    const off = shop({ retries: { attempts: 0 } }, { "meshdeck.dev/error-rate": "1", "meshdeck.dev/error-code": "503" });
    expect(off.at("destination")).toBe(400);
  });

  it("gateway-error does not retry 500; retryOn status codes do", () => {
    expect(shop({ retries: { attempts: 2, retryOn: "gateway-error" } }, { "meshdeck.dev/error-rate": "1" }).at("destination")).toBe(400);
    expect(shop({ retries: { attempts: 2, retryOn: "500" } }, { "meshdeck.dev/error-rate": "1" }).at("destination")).toBe(1200);
  });

  it("a per-try timeout ends each slow attempt (504 UT) and is retried on 5xx", () => {
    const { at } = shop({ retries: { attempts: 2, perTryTimeout: "500ms", retryOn: "5xx" } }, { "meshdeck.dev/latency-ms": "3000", "meshdeck.dev/latency-p99-ms": "3500" });
    expect(at("destination")).toBe(1200);
    expect(at("source", { response_code: "504", response_flags: "UT,URX" })).toBe(400);
  });
});
