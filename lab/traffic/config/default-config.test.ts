import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG_PATH, loadTrafficConfig, parseTrafficConfig } from "./load";
import { runtimeWith } from "../testing/shop-lab";
import { demoTrafficFile, demoWorldObjects } from "../../core/demo-world";
import { LAYOUT } from "../metrics/registry";

describe("default traffic model", () => {
  const config = loadTrafficConfig(DEFAULT_CONFIG_PATH);

  it("validates", () => {
    expect(config.flows.length).toBeGreaterThan(5);
    expect(config.calls.length).toBe(3);
  });
});

describe("the demo world's traffic model (lab/demo/traffic.yaml)", () => {
  const config = loadTrafficConfig(demoTrafficFile);

  it("drives every part of the demo world without routing failures", () => {
    const rt = runtimeWith(demoWorldObjects(), { ...config, seed: 11 });
    expect(rt.simulator.currentPlan.flows.filter((f) => f.problem)).toEqual([]);
    for (let i = 0; i < 120; i++) rt.simulator.advance(0.25);
    const byCode = new Map<string, number>();
    const destinations = new Set<string>();
    for (const s of rt.metrics.series) {
      const labels = s.labels.toString();
      const code = /response_code="(\d+)"/.exec(labels)?.[1] ?? "";
      byCode.set(code, (byCode.get(code) ?? 0) + (s.values[LAYOUT.requests] ?? 0));
      if (labels.includes('reporter="destination"')) destinations.add(/destination_workload="([^"]+)"/.exec(labels)?.[1] ?? "");
    }
    expect([...byCode.keys()]).toEqual(["200"]);
    const tcp = rt.metrics.tcp.render();
    expect(tcp).toMatch(/istio_tcp_connections_opened_total\{reporter="destination",[^}]*destination_workload="cache-v2"/);
    expect(tcp).toMatch(/istio_tcp_connections_opened_total\{reporter="destination",[^}]*destination_workload="cache-v1"/);
    expect([...destinations].sort()).toEqual([
      "api-v1",
      "api-v2",
      "billing",
      "catalog-v1",
      "checkout-blue",
      "checkout-green",
      "front-v1",
      "greeter-r1",
      "greeter-r2",
      "inventory",
      "orders",
      "payments",
      "profile",
      "ratings-v1",
      "reviews-v1",
      "reviews-v2",
      "search",
      "web-v1",
      "web-v2",
    ]);
  });

  it("rejects invalid models with a readable error", () => {
    const r = parseTrafficConfig("flows:\n  - {name: a, gateway: g, from: ns/w, host: h, rps: 1}\n");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/exactly one of `gateway` or `from`/);
    const r2 = parseTrafficConfig("flows: [{name: a, gateway: g, host: h, rps: 1, variants: [{share: 0.7, headers: {}}, {share: 0.6, headers: {}}]}]");
    expect(r2.ok).toBe(false);
    expect(parseTrafficConfig("tickMs: [").ok).toBe(false);
  });
});
