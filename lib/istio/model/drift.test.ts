import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareTrafficSplit, driftResultSchema } from "./drift";

const base = { windowSeconds: 60, scrapeIntervalSeconds: 15 };

describe("compareTrafficSplit", () => {
  it("accepts an 80/20 split observed as 79/21 over 6000 requests", () => {
    const r = compareTrafficSplit({ ...base, configured: [{ key: "v1", share: 0.8 }, { key: "v2", share: 0.2 }], observed: [{ key: "v1", ratePerSecond: 79 }, { key: "v2", ratePerSecond: 21 }] });
    expect(r.totalRequests).toBe(6000);
    expect(r.drifting).toBe(false);
    expect(r.destinations[1]?.observedShare).toBeCloseTo(0.21);
    expect(r.destinations[1]?.drift).toBeCloseTo(0.01);
    expect(r.lagSeconds).toBe(75);
    expect(driftResultSchema.parse(r)).toEqual(r);
  });
  it("flags 80/20 observed as 60/40", () => {
    const r = compareTrafficSplit({ ...base, configured: [{ key: "v1", share: 0.8 }, { key: "v2", share: 0.2 }], observed: [{ key: "v1", ratePerSecond: 6 }, { key: "v2", ratePerSecond: 4 }] });
    expect(r.drifting).toBe(true);
    expect(r.destinations.map((d) => d.drifting)).toEqual([true, true]);
  });
  it("judges the same deviation differently with little and much traffic (binomial, not a fixed %)", () => {
    const split = (rate: number) => compareTrafficSplit({ ...base, configured: [{ key: "a", share: 0.5 }, { key: "b", share: 0.5 }], observed: [{ key: "a", ratePerSecond: 0.55 * rate }, { key: "b", ratePerSecond: 0.45 * rate }] });
    expect(split(5).drifting).toBe(false); // 300 requests: 5 points is within 3 SE (≈8.7 points)
    expect(split(500).drifting).toBe(true); // 30000 requests: 3 SE ≈ 0.9 points
  });
  it("does not judge below minRequests, nor while the weights are settling", () => {
    const cfg = [{ key: "a", share: 1 }, { key: "b", share: 0 }];
    const obs = [{ key: "a", ratePerSecond: 0.5 }, { key: "b", ratePerSecond: 0.5 }];
    expect(compareTrafficSplit({ ...base, configured: cfg, observed: obs }).enoughTraffic).toBe(false);
    expect(compareTrafficSplit({ ...base, configured: cfg, observed: obs, minRequests: 10 }).drifting).toBe(true);
    const settling = compareTrafficSplit({ ...base, configured: cfg, observed: obs, minRequests: 10, configAgeSeconds: 30 });
    expect(settling).toMatchObject({ settling: true, drifting: false });
    expect(settling.note).toContain("75s");
  });
  it("tolerates a few stray requests at 0% but not many", () => {
    const cfg = [{ key: "stable", share: 1 }, { key: "canary", share: 0 }];
    expect(compareTrafficSplit({ ...base, configured: cfg, observed: [{ key: "stable", ratePerSecond: 100 }, { key: "canary", ratePerSecond: 2 / 60 }] }).drifting).toBe(false);
    expect(compareTrafficSplit({ ...base, configured: cfg, observed: [{ key: "stable", ratePerSecond: 100 }, { key: "canary", ratePerSecond: 1 }] }).drifting).toBe(true);
  });
  it("counts traffic to unconfigured destinations as drift and ignores invalid rates", () => {
    const r = compareTrafficSplit({ ...base, configured: [{ key: "a", share: 1 }], observed: [{ key: "a", ratePerSecond: 50 }, { key: "old", ratePerSecond: 50 }, { key: "bad", ratePerSecond: Number.NaN }] });
    expect(r.destinations.find((d) => d.key === "old")).toMatchObject({ configuredShare: 0, drifting: true });
    expect(r.ignored).toEqual(["bad"]);
  });
  it("normalises configured shares that do not sum to 1", () => {
    const r = compareTrafficSplit({ ...base, configured: [{ key: "a", share: 70 }, { key: "b", share: 30 }], observed: [{ key: "a", ratePerSecond: 7 }, { key: "b", ratePerSecond: 3 }] });
    expect(r.destinations.map((d) => d.configuredShare)).toEqual([0.7, 0.3]);
    expect(r.drifting).toBe(false);
  });

  const shares = fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 });
  it("property: observed shares sum to 1 whenever there is traffic", () => {
    fc.assert(
      fc.property(shares, fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 1, maxLength: 6 }), (cfg, rates) => {
        const r = compareTrafficSplit({ ...base, configured: cfg.map((s, i) => ({ key: `d${i}`, share: s })), observed: rates.map((x, i) => ({ key: `d${i}`, ratePerSecond: x })) });
        const observed = r.destinations.map((d) => d.observedShare);
        if (r.totalRequests > 0) expect(observed.reduce((a: number, b) => a + (b ?? 0), 0)).toBeCloseTo(1, 9);
        else expect(observed.every((s) => s === null)).toBe(true);
      }),
    );
  });
  it("property: zero traffic never drifts", () => {
    fc.assert(
      fc.property(shares, fc.integer({ min: 0, max: 6 }), (cfg, n) => {
        const r = compareTrafficSplit({ ...base, configured: cfg.map((s, i) => ({ key: `d${i}`, share: s })), observed: Array.from({ length: n }, (_, i) => ({ key: `d${i}`, ratePerSecond: 0 })), minRequests: 0 });
        expect(r.drifting).toBe(false);
        expect(r.destinations.every((d) => !d.drifting)).toBe(true);
      }),
    );
  });
  it("property: traffic split exactly as configured never drifts", () => {
    fc.assert(
      fc.property(shares, fc.double({ min: 0.1, max: 10000, noNaN: true }), (cfg, total) => {
        const sum = cfg.reduce((a, b) => a + b, 0);
        fc.pre(sum > 0);
        const r = compareTrafficSplit({ ...base, configured: cfg.map((s, i) => ({ key: `d${i}`, share: s })), observed: cfg.map((s, i) => ({ key: `d${i}`, ratePerSecond: (total * s) / sum })), minRequests: 0 });
        expect(r.drifting).toBe(false);
      }),
    );
  });
  it("false alarm rate on honest binomial traffic stays near the z=3 level", () => {
    let seed = 42;
    const random = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed / 2 ** 32;
    };
    let alarms = 0;
    const trials = 2000;
    for (let t = 0; t < trials; t++) {
      const n = 600;
      let canary = 0;
      for (let i = 0; i < n; i++) if (random() < 0.1) canary++;
      const r = compareTrafficSplit({ windowSeconds: 60, scrapeIntervalSeconds: 15, configured: [{ key: "s", share: 0.9 }, { key: "c", share: 0.1 }], observed: [{ key: "s", ratePerSecond: (n - canary) / 60 }, { key: "c", ratePerSecond: canary / 60 }] });
      if (r.drifting) alarms++;
    }
    expect(alarms / trials).toBeLessThan(0.01);
  });
});
