import { describe, expect, it } from "vitest";
import type { DriftResult } from "@/lib/istio/model/drift";
import { weightedDestination } from "@/lib/istio/model/testing/weighted-destination";
import type { Validation } from "@/lib/istio/validate/schema";
import { bySeverity, destinationKey, destinationLabel, findObserved, severityCounts, splitRows, toPercents, validationsFor } from "./share-math";

const dest = weightedDestination;

function drift(entries: Array<[string, number | null]>, total = 240): DriftResult {
  return {
    destinations: entries.map(([key, observedShare]) => ({
      key,
      configuredShare: 0.5,
      observedShare,
      observedRequests: observedShare === null ? 0 : observedShare * total,
      drift: null,
      absoluteDrift: null,
      tolerance: null,
      drifting: false,
    })),
    totalRequests: total,
    enoughTraffic: true,
    settling: false,
    drifting: false,
    lagSeconds: 65,
    note: "",
    ignored: [],
  };
}

describe("toPercents", () => {
  it("sums to 100 with the largest remainder", () => {
    expect(toPercents([1 / 3, 1 / 3, 1 / 3])).toEqual([34, 33, 33]);
    expect(toPercents([0.5, 0.5])).toEqual([50, 50]);
    expect(toPercents([0.8234, 0.1766])).toEqual([82, 18]);
  });

  it("is all zero without positive shares and ignores junk", () => {
    expect(toPercents([0, 0])).toEqual([0, 0]);
    expect(toPercents([Number.NaN, 1])).toEqual([0, 100]);
    expect(toPercents([])).toEqual([]);
  });
});

describe("destination keys and labels", () => {
  it("match the server's observation keys", () => {
    expect(destinationKey(dest("reviews", 0.8, "v1"))).toBe("reviews/v1");
    expect(destinationKey(dest("web", 1))).toBe("web");
    expect(destinationLabel(dest("reviews", 0.8, "v1"))).toBe("reviews · v1");
  });
});

describe("splitRows", () => {
  it("puts configured and observed percentages side by side", () => {
    const rows = splitRows([dest("a", 0.5), dest("b", 0.5)], drift([["b", 0.45], ["a", 0.55]]));
    expect(rows.map((r) => [r.label, r.configured, r.observed])).toEqual([
      ["a", 50, 55],
      ["b", 50, 45],
    ]);
  });

  it("has no observed column without traffic or without an observation", () => {
    expect(splitRows([dest("a", 0.5), dest("b", 0.5)], null).map((r) => r.observed)).toEqual([null, null]);
    expect(splitRows([dest("a", 0.5), dest("b", 0.5)], drift([["a", null], ["b", null]], 0)).map((r) => r.observed)).toEqual([null, null]);
  });
});

describe("findObserved", () => {
  it("finds the observation of one http route", () => {
    const route = { object: { kind: "VirtualService" as const, namespace: "ns", name: "vs" }, route: "http:1", basis: "", drift: drift([]) };
    const observed = { status: "ok" as const, window: "1m" as const, at: "", routes: [route] };
    expect(findObserved(observed, { namespace: "ns", name: "vs" }, 1)).toBe(route);
    expect(findObserved(observed, { namespace: "ns", name: "vs" }, 0)).toBeNull();
    expect(findObserved({ status: "unavailable", message: "down" }, { namespace: "ns", name: "vs" }, 1)).toBeNull();
  });
});

describe("validations", () => {
  const v = (severity: Validation["severity"], name: string, related: string[] = []): Validation => ({
    code: "X",
    kialiCode: null,
    severity,
    message: "m",
    object: { kind: "VirtualService", namespace: "ns", name },
    path: "spec",
    related: related.map((r) => ({ kind: "DestinationRule", namespace: "ns", name: r })),
  });

  it("filters by object (and related objects on request), counts and sorts by severity", () => {
    const all = [v("info", "a"), v("error", "b", ["dr"]), v("warning", "a")];
    expect(validationsFor(all, { kind: "VirtualService", namespace: "ns", name: "a" })).toHaveLength(2);
    expect(validationsFor(all, { kind: "DestinationRule", namespace: "ns", name: "dr" })).toHaveLength(0);
    expect(validationsFor(all, { kind: "DestinationRule", namespace: "ns", name: "dr" }, true)).toHaveLength(1);
    expect(severityCounts(all)).toEqual({ error: 1, warning: 1, info: 1 });
    expect(bySeverity(all).map((x) => x.severity)).toEqual(["error", "warning", "info"]);
  });
});
