import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gatewayApiWeightRules, istioWeightRules, splitWeights } from "./weights";

describe("splitWeights (Istio)", () => {
  it("gives a lone destination 100 whatever its weight", () => {
    expect(splitWeights([undefined], istioWeightRules)).toMatchObject({ effective: [100], shares: [1], allZero: false });
    expect(splitWeights([0], istioWeightRules)).toMatchObject({ effective: [100], shares: [1] });
  });
  it("normalises relative weights and treats omitted weights as 0", () => {
    expect(splitWeights([70, 30], istioWeightRules).shares).toEqual([0.7, 0.3]);
    expect(splitWeights([1, 3], istioWeightRules).shares).toEqual([0.25, 0.75]);
    expect(splitWeights([100, undefined], istioWeightRules).shares).toEqual([1, 0]);
  });
  it("flags several destinations that all weigh 0", () => {
    expect(splitWeights([0, 0], istioWeightRules)).toMatchObject({ total: 0, shares: [0, 0], allZero: true });
  });
  it("shares sum to 1 whenever something weighs more than 0", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 1000 }), { nil: undefined }), { minLength: 1, maxLength: 8 }), (ws) => {
        const s = splitWeights(ws, istioWeightRules);
        const sum = s.shares.reduce((a, b) => a + b, 0);
        if (s.total > 0) expect(sum).toBeCloseTo(1, 9);
        else expect(sum).toBe(0);
      }),
    );
  });
});

describe("splitWeights (Gateway API)", () => {
  it("defaults weights to 1 and lets a lone weight-0 backend receive nothing", () => {
    expect(splitWeights([undefined, undefined], gatewayApiWeightRules).shares).toEqual([0.5, 0.5]);
    expect(splitWeights([0], gatewayApiWeightRules)).toMatchObject({ shares: [0], allZero: false, total: 0 });
  });
});
