import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { deepDerivative } from "./deep-derivative";

describe("deepDerivative (equality.Semantic.DeepDerivative on unstructured values)", () => {
  it("ignores what the first value leaves unset", () => {
    expect(deepDerivative({ a: "" }, { a: "x" })).toBe(true);
    expect(deepDerivative({ a: null }, { a: 1 })).toBe(true);
    expect(deepDerivative({ a: {} }, { a: { b: 1 } })).toBe(true);
    expect(deepDerivative({ a: [] }, { a: [1] })).toBe(true);
    expect(deepDerivative({ spec: { containers: [{ name: "c", image: "i" }] } }, { spec: { containers: [{ name: "c", image: "i", imagePullPolicy: "IfNotPresent" }], dnsPolicy: "ClusterFirst" } })).toBe(true);
  });

  it("compares what it sets", () => {
    expect(deepDerivative({ a: "x" }, { a: "y" })).toBe(false);
    expect(deepDerivative({ a: 1 }, {})).toBe(false);
    expect(deepDerivative({ a: null }, {})).toBe(false);
    expect(deepDerivative([1, 2], [1])).toBe(false);
    expect(deepDerivative([1], [1, 2])).toBe(true);
    expect(deepDerivative({ a: 1, b: 2 }, { a: 1 })).toBe(false);
    expect(deepDerivative(1, "1")).toBe(false);
    expect(deepDerivative(false, false)).toBe(true);
  });

  it("holds for any JSON value against itself", () => {
    fc.assert(fc.property(fc.jsonValue(), (v) => deepDerivative(v, structuredClone(v))));
  });
});
