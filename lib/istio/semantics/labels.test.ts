import { describe, expect, it } from "vitest";
import { matchesLabels, matchesLabelSelector } from "./labels";

describe("matchesLabels", () => {
  it("requires every pair; empty selects all", () => {
    expect(matchesLabels({ app: "a" }, { app: "a", version: "v1" })).toBe(true);
    expect(matchesLabels({ app: "a", version: "v2" }, { app: "a", version: "v1" })).toBe(false);
    expect(matchesLabels({}, { app: "a" })).toBe(true);
    expect(matchesLabels(undefined, undefined)).toBe(true);
    expect(matchesLabels({ app: "a" }, undefined)).toBe(false);
  });
});

describe("matchesLabelSelector", () => {
  const labels = { app: "web", tier: "front", track: "stable" };
  it("ANDs matchLabels and matchExpressions", () => {
    expect(matchesLabelSelector({ matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["front", "back"] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchLabels: { app: "web" }, matchExpressions: [{ key: "tier", operator: "In", values: ["back"] }] }, labels)).toBe(false);
  });
  it("supports NotIn, Exists, DoesNotExist", () => {
    expect(matchesLabelSelector({ matchExpressions: [{ key: "track", operator: "NotIn", values: ["canary"] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "missing", operator: "NotIn", values: ["x"] }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "track", operator: "Exists" }] }, labels)).toBe(true);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "track", operator: "DoesNotExist" }] }, labels)).toBe(false);
  });
  it("empty selector selects all, missing selector none, unknown operator none", () => {
    expect(matchesLabelSelector({}, labels)).toBe(true);
    expect(matchesLabelSelector(undefined, labels)).toBe(false);
    expect(matchesLabelSelector({ matchExpressions: [{ key: "app", operator: "Gt", values: ["1"] }] }, labels)).toBe(false);
  });
});
