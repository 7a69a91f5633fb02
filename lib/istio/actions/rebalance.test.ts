import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evenSplit, largestRemainder, rebalance } from "./rebalance";

/** n integers 0–100 summing to 100. */
const weightsArb = (min = 1, max = 6) =>
  fc.integer({ min, max }).chain((n) =>
    fc.array(fc.nat(1000), { minLength: n, maxLength: n }).map((raw) => largestRemainder(100, raw)),
  );

const scenarioArb = weightsArb().chain((weights) =>
  fc.record({
    weights: fc.constant(weights),
    index: fc.nat(weights.length - 1),
    value: fc.oneof(fc.integer({ min: -20, max: 120 }), fc.double({ min: -10, max: 110, noNaN: true })),
    locked: fc.array(fc.boolean(), { minLength: weights.length, maxLength: weights.length }),
  }),
);

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe("rebalance", () => {
  it("follows the moved slider and shares the rest proportionally", () => {
    expect(rebalance([70, 30], 1, 50, [])).toEqual([50, 50]);
    expect(rebalance([50, 25, 25], 0, 80, [])).toEqual([80, 10, 10]);
    expect(rebalance([40, 40, 20], 0, 50, [])).toEqual([50, 33, 17]);
  });

  it("never moves locked sliders and clamps to what they leave", () => {
    expect(rebalance([20, 30, 50], 0, 90, [false, false, true])).toEqual([50, 0, 50]);
    expect(rebalance([20, 30, 50], 0, 90, [false, true, true])).toEqual([20, 30, 50]);
    expect(rebalance([20, 30, 50], 2, 10, [false, false, true])).toEqual([20, 30, 50]);
  });

  it("splits evenly when the other sliders are all 0", () => {
    expect(rebalance([100, 0, 0], 0, 40, [])).toEqual([40, 30, 30]);
    expect(rebalance([100, 0, 0, 0], 0, 99, [])).toEqual([99, 1, 0, 0]);
  });

  it("rejects weights that are not integers summing to 100", () => {
    expect(() => rebalance([50, 40], 0, 10)).toThrow(RangeError);
    expect(() => rebalance([50.5, 49.5], 0, 10)).toThrow(RangeError);
  });

  it("always returns integers 0–100 summing to 100, keeps locks, sets the moved value when it can", () => {
    fc.assert(
      fc.property(scenarioArb, ({ weights, index, value, locked }) => {
        const out = rebalance(weights, index, value, locked);
        expect(out).toHaveLength(weights.length);
        expect(sum(out)).toBe(100);
        for (const w of out) expect(Number.isInteger(w) && w >= 0 && w <= 100).toBe(true);
        out.forEach((w, i) => {
          if (locked[i]) expect(w).toBe(weights[i]);
        });
        if (!locked[index]) {
          const lockedSum = sum(weights.filter((_, i) => i !== index && locked[i]));
          const others = weights.some((_, i) => i !== index && !locked[i]);
          const expected = others ? Math.min(100 - lockedSum, Math.max(0, Math.round(value))) : 100 - lockedSum;
          expect(out[index]).toBe(expected);
        }
      }),
    );
  });

  it("moves the free sliders the other way, never past their proportional share", () => {
    fc.assert(
      fc.property(scenarioArb, ({ weights, index, value, locked }) => {
        const out = rebalance(weights, index, value, locked);
        const delta = (out[index] ?? 0) - (weights[index] ?? 0);
        out.forEach((w, i) => {
          if (i === index || locked[i]) return;
          if (delta > 0) expect(w).toBeLessThanOrEqual(weights[i] ?? 0);
          if (delta < 0 && sum(weights.filter((_, j) => j !== index && !locked[j])) > 0) expect(w).toBeGreaterThanOrEqual(weights[i] ?? 0);
        });
      }),
    );
  });

  it("is stable: moving a slider to where it is changes nothing", () => {
    fc.assert(
      fc.property(scenarioArb, ({ weights, index, locked }) => {
        const othersFree = weights.some((_, i) => i !== index && !locked[i]);
        if (othersFree) expect(rebalance(weights, index, weights[index] ?? 0, locked)).toEqual(weights);
      }),
    );
  });
});

describe("evenSplit", () => {
  it("splits 100 evenly, remainder to the first", () => {
    expect(evenSplit(3)).toEqual([34, 33, 33]);
    expect(evenSplit(1)).toEqual([100]);
    expect(evenSplit(0)).toEqual([]);
  });

  it("keeps locked weights and splits the rest", () => {
    expect(evenSplit(3, [true, false, false], [40, 50, 10])).toEqual([40, 30, 30]);
    expect(evenSplit(2, [true, true], [40, 60])).toEqual([40, 60]);
  });

  it("always sums to 100 and keeps locks", () => {
    fc.assert(
      fc.property(
        weightsArb().chain((weights) => fc.tuple(fc.constant(weights), fc.array(fc.boolean(), { minLength: weights.length, maxLength: weights.length }))),
        ([weights, locked]) => {
          const out = evenSplit(weights.length, locked, weights);
          expect(sum(out)).toBe(100);
          out.forEach((w, i) => {
            if (locked[i]) expect(w).toBe(weights[i]);
          });
          const free = out.filter((_, i) => !locked[i]);
          if (free.length) expect(Math.max(...free) - Math.min(...free)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});
