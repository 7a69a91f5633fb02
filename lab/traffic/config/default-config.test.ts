import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG_PATH, loadTrafficConfig, parseTrafficConfig } from "./load";
import { runtimeWith } from "../testing/bookinfo-lab";
import { withNamespace } from "../testing/fake-cluster";
import { readScenario } from "../testing/scenarios";
import { LAYOUT } from "../metrics/registry";

/** The lab's base scenario set (see lab/core/scenarios.ts). */
const BASE: [string, string][] = [
  ["seeds/helm-canary.yaml", "default"],
  ["seeds/blue-green.yaml", "sample-ns"],
  ["seeds/rollouts-demo.yaml", "argo-apl"],
  ["seeds/rio-staged.yaml", "default-265db573"],
  ["bookinfo/bookinfo.yaml", "bookinfo"],
  ["bookinfo/networking/bookinfo-gateway.yaml", "bookinfo"],
  ["bookinfo/networking/destination-rule-all.yaml", "bookinfo"],
  ["bookinfo/networking/virtual-service-all-v1.yaml", "bookinfo"],
  ["bookinfo/networking/virtual-service-reviews-80-20.yaml", "bookinfo"],
  ["argo-rollouts-istio/istio-subset-split.yaml", "argo-subset"],
  ["argo-rollouts-istio/istio-mirror.yaml", "argo-mirror"],
];

describe("default traffic model", () => {
  const config = loadTrafficConfig(DEFAULT_CONFIG_PATH);

  it("validates", () => {
    expect(config.flows.length).toBeGreaterThan(5);
    expect(config.calls.length).toBe(3);
  });

  it("drives every walkthrough scenario of the lab without routing failures", () => {
    const rt = runtimeWith(
      BASE.flatMap(([f, ns]) => withNamespace(readScenario(f), ns)),
      { ...config, seed: 11 },
    );
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
    expect([...destinations].sort()).toEqual([
      "details-v1",
      "foobar",
      "foobar-v2",
      "foolish-penguin-sample",
      "istio-host-split",
      "istio-subset-split",
      "nginx-blue",
      "nginx-green",
      "peeking-rabbit-sample",
      "productpage-v1",
      "ratings-v1",
      "reviews-v1",
      "reviews-v2",
      "rollouts-demo",
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
