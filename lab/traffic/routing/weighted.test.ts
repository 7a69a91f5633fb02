import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng } from "../sim/random";
import { destinationRef, pickWeighted, weightedRoute } from "./rules";

describe("weighted destination choice", () => {
  it("converges to the configured weights", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 6 }), fc.integer(), (weights, seed) => {
        fc.pre(weights.some((w) => w > 0));
        const route = weightedRoute(weights.map((w, i) => ({ destination: destinationRef(`d${i}`, "", null), weight: w })));
        const rng = createRng(seed);
        const n = 20_000;
        const counts = new Map<string, number>();
        for (let i = 0; i < n; i++) {
          const d = pickWeighted(route, rng);
          if (d) counts.set(d.host, (counts.get(d.host) ?? 0) + 1);
        }
        const total = weights.reduce((a, b) => a + b, 0);
        weights.forEach((w, i) => {
          const share = (counts.get(`d${i}`) ?? 0) / n;
          // 5 standard deviations of a binomial share at n = 20,000 is at most 0.018.
          expect(Math.abs(share - w / total)).toBeLessThan(0.02);
          if (w === 0) expect(counts.get(`d${i}`) ?? 0).toBe(0);
        });
      }),
      { numRuns: 60 },
    );
  });

  it("has no destination when every weight is zero", () => {
    const route = weightedRoute([{ destination: destinationRef("a", "", null), weight: 0 }, { destination: destinationRef("b", "", null), weight: 0 }]);
    expect(pickWeighted(route, createRng(1))).toBeNull();
  });
});
