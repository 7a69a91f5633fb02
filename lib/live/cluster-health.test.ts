import { describe, expect, it } from "vitest";
import { clusterHealth } from "./cluster-health";
import type { ClusterSummary } from "./cluster-summary";

const summary = (kinds: Record<string, ClusterSummary["kinds"][string]["status"]>): ClusterSummary => ({
  revision: 7,
  at: 0,
  kinds: Object.fromEntries(Object.entries(kinds).map(([k, status]) => [k, { status, count: 1 }])),
  changed: [],
});

describe("clusterHealth", () => {
  it("unknown before the first summary", () => {
    expect(clusterHealth(null)).toEqual({ state: "unknown" });
  });

  it("ok while every watch is synced, whatever kinds are missing or forbidden", () => {
    expect(clusterHealth(summary({ pods: "synced", services: "syncing", rollouts: "missing", secrets: "forbidden" }))).toEqual({ state: "ok" });
  });

  it("degraded, naming the failing kinds, when some watches fail", () => {
    expect(clusterHealth(summary({ pods: "synced", virtualservices: "error", services: "error", rollouts: "missing" }))).toEqual({
      state: "degraded",
      failing: ["services", "virtualservices"],
      total: 3,
      unreachable: false,
    });
  });

  it("unreachable when every watched kind fails (the API server is gone)", () => {
    const h = clusterHealth(summary({ pods: "error", services: "error", rollouts: "missing" }));
    expect(h).toMatchObject({ state: "degraded", unreachable: true, total: 2 });
  });
});
