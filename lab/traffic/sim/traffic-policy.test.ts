import { describe, expect, it } from "vitest";
import { config, runtimeWith, SHOP_CALLS, shopObjects } from "../testing/shop-lab";
import { runProbe } from "./probe";

type Obj = { kind?: string; metadata?: { name?: string }; spec?: { template?: { metadata?: Record<string, unknown> } } };

/** The shop with reviews routed to all its versions (no subset), reviews-v3 always failing, and `policy` on reviews' DestinationRule. */
function shop(policy: Record<string, unknown> | undefined, subsetPolicy?: Record<string, unknown>) {
  // With a subset policy, the route goes to subset "all" (every version) which carries it.
  const destination = subsetPolicy ? { host: "reviews", subset: "all" } : { host: "reviews" };
  const vs = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "reviews", namespace: "demo-shop" }, spec: { hosts: ["reviews"], http: [{ route: [{ destination }] }] } };
  const dr = {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name: "reviews", namespace: "demo-shop" },
    spec: { host: "reviews", ...(policy ? { trafficPolicy: policy } : {}), subsets: [{ name: "all", labels: { app: "reviews" }, ...(subsetPolicy ? { trafficPolicy: subsetPolicy } : {}) }] },
  };
  const objects = shopObjects().flatMap((o) => {
    const d = o as Obj;
    if (d.kind === "VirtualService" && d.metadata?.name === "reviews") return [vs];
    if (d.kind === "DestinationRule" && d.metadata?.name === "reviews") return [dr];
    if (d.kind !== "Deployment" || d.metadata?.name !== "reviews-v3" || !d.spec?.template) return [o];
    return [{ ...d, spec: { ...d.spec, template: { ...d.spec.template, metadata: { ...d.spec.template.metadata, annotations: { "meshdeck.dev/error-rate": "1" } } } } }];
  });
  const rt = runtimeWith(objects, config(`seed: 7\n${SHOP_CALLS}`));
  const probe = (n: number, headers: Record<string, string> = {}) => {
    const r = runProbe(rt.simulator, { host: "reviews", port: 80, path: "/", method: "GET", headers, n, from: "demo-shop/front-v1" });
    const byVersion: Record<string, number> = {};
    for (const d of r.destinations) byVersion[d.version] = (byVersion[d.version] ?? 0) + d.count;
    return { byVersion, errors: (r.n - (r.codes["200"] ?? 0)) / r.n, workloads: new Set(r.destinations.map((d) => d.workload)) };
  };
  return { probe, advance: (s: number) => rt.simulator.advance(s) };
}

const outlier = { outlierDetection: { consecutive5xxErrors: 3, interval: "1s", baseEjectionTime: "30s", maxEjectionPercent: 100 } };

describe("outlier detection in the simulator", () => {
  it("without it the failing pod keeps its third of the requests", () => {
    const r = shop(undefined).probe(300);
    expect(r.byVersion.v3).toBe(100);
    expect(r.errors).toBeCloseTo(1 / 3, 5);
  });

  it("ejects the failing pod after 3 consecutive 5xx for baseEjectionTime × ejections (simulation time)", () => {
    const s = shop(outlier);
    const first = s.probe(300);
    expect(first.byVersion.v3).toBe(3);
    expect(first.errors).toBe(3 / 300);
    expect(s.probe(300).byVersion.v3).toBeUndefined();
    s.advance(29);
    expect(s.probe(300).byVersion.v3).toBeUndefined();
    s.advance(2);
    // Back after 30 s, ejected again after 3 more failures, now for 2 × 30 s.
    expect(s.probe(300).byVersion.v3).toBe(3);
    s.advance(31);
    expect(s.probe(300).byVersion.v3).toBeUndefined();
    s.advance(30);
    expect(s.probe(300).byVersion.v3).toBe(3);
  });

  it("maxEjectionPercent bounds the ejected share, but one host is always ejectable", () => {
    const s = shop({ outlierDetection: { consecutive5xxErrors: 3, maxEjectionPercent: 1 } });
    expect(s.probe(300).byVersion.v3).toBe(3);
  });

  it("a subset's policy overrides the host's field by field", () => {
    // The subset's own outlierDetection (5xx counting off) replaces the host's: nothing is ejected.
    expect(shop(outlier, { outlierDetection: { consecutive5xxErrors: 0 } }).probe(300).byVersion.v3).toBe(100);
    // A subset policy without outlierDetection keeps the host's.
    expect(shop(outlier, { loadBalancer: { simple: "ROUND_ROBIN" } }).probe(300).byVersion.v3).toBe(3);
  });
});

describe("consistent hash in the simulator", () => {
  const hashed = { loadBalancer: { consistentHash: { httpHeaderName: "x-user" } } };

  it("the same header value always reaches the same pod; different values spread", () => {
    const s = shop(hashed);
    const seen = new Set<string>();
    for (let u = 0; u < 12; u++) {
      const r = s.probe(60, { "x-user": `user-${u}` });
      expect(r.workloads.size).toBe(1);
      seen.add([...r.workloads][0] ?? "");
    }
    expect(seen.size).toBeGreaterThan(1);
  });

  it("requests without the header are balanced as without hashing", () => {
    expect(shop(hashed).probe(300).workloads.size).toBe(3);
  });

  it("with outlier detection, keys of an ejected pod move; the others stay", () => {
    const s = shop({ ...hashed, ...outlier });
    const before = new Map<string, string>();
    for (let u = 0; u < 12; u++) before.set(`user-${u}`, [...s.probe(1, { "x-user": `user-${u}` }).workloads][0] ?? "");
    const victim = [...before].find(([, w]) => w === "reviews-v3")?.[0];
    expect(victim).toBeDefined();
    s.probe(20, { "x-user": victim ?? "" });
    for (const [user, workload] of before) {
      const now = [...s.probe(5, { "x-user": user }).workloads];
      if (workload !== "reviews-v3") expect(now).toEqual([workload]);
      else expect(now).not.toContain("reviews-v3");
    }
  });
});
