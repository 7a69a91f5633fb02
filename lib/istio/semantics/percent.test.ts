import { describe, expect, it } from "vitest";
import { abortPercent, delayPercent, effectiveFaultPercent, mirrorPercent, mirrorPolicyPercent, requestMirrorPercent } from "./percent";

describe("fault percentages (pilot's TranslateFault)", () => {
  it("takes the delay's percentage, else the legacy integer percent", () => {
    expect(delayPercent({ percentage: { value: 12.5 }, percent: 50 })).toBe(12.5);
    expect(delayPercent({ percent: 50 })).toBe(50);
    expect(delayPercent({ percentage: {} })).toBe(0);
    expect(delayPercent({})).toBeNull();
    expect(effectiveFaultPercent(delayPercent({}))).toBe(0);
  });

  it("reads the abort's percentage only", () => {
    expect(abortPercent({ percentage: { value: 30 } })).toBe(30);
    expect(abortPercent({})).toBeNull();
    expect(effectiveFaultPercent(150)).toBe(100);
  });
});

describe("mirror percentages (pilot's MirrorPercent)", () => {
  it("prefers mirrorPercentage, then mirrorPercent, else mirrors everything", () => {
    expect(mirrorPercent({ mirrorPercentage: { value: 5 }, mirrorPercent: 50 })).toBe(5);
    expect(mirrorPercent({ mirrorPercent: 50 })).toBe(50);
    expect(mirrorPercent({ mirrorPercentage: { value: 0 } })).toBe(0);
    expect(mirrorPercent({})).toBe(100);
  });

  it("reads mirrors[].percentage, else 100", () => {
    expect(mirrorPolicyPercent({ percentage: { value: 20 } })).toBe(20);
    expect(mirrorPolicyPercent({})).toBe(100);
  });
});

describe("Gateway API RequestMirror", () => {
  it("reads percent, else fraction (denominator 100 by default), else mirrors everything", () => {
    expect(requestMirrorPercent({ percent: 20 })).toBe(20);
    expect(requestMirrorPercent({ fraction: { numerator: 1, denominator: 2 } })).toBe(50);
    expect(requestMirrorPercent({ fraction: { numerator: 35 } })).toBe(35);
    expect(requestMirrorPercent({})).toBe(100);
  });
});
