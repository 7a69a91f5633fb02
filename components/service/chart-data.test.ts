import { describe, expect, it } from "vitest";
import type { ServiceMetrics } from "@/lib/api/metrics";
import type { WeightedDestination } from "@/lib/istio/model/schema";
import { mergeSeries, observedSplit, splitSources } from "./chart-data";

function metrics(versions: Record<string, Array<[number, number]>>, current: Record<string, number>): ServiceMetrics {
  return {
    service: { namespace: "ns", name: "svc" },
    meta: { window: "5m", windowSeconds: 300, start: 0, end: 30, step: 15, rateWindow: 20, scrapeInterval: 5, lagSeconds: 25, reporter: "destination", source: "prometheus" },
    requests: {
      status: "ok",
      data: {
        versions: Object.entries(versions).map(([version, points]) => ({
          version,
          requestRate: points,
          errorRate: [],
          current: { requestRate: current[version] ?? 0, errorRate: 0, share: null },
        })),
        total: { requestRate: null, errorRate: null },
      },
    },
    latency: { status: "NotConfigured", message: "" },
    pods: { status: "NotConfigured", message: "" },
  };
}

function dest(service: string, subset: string | null, versions: string[]): WeightedDestination {
  return {
    host: { raw: service, fqdn: service, port: null, kind: "service", service: { namespace: "ns", name: service }, serviceEntry: null, aliasOf: null },
    subset: subset ? { name: subset, status: "found", destinationRule: null, labels: null } : null,
    port: null,
    backends: { pods: [], total: 1, ready: 1, withSidecar: 1, versions, workloads: [] },
    rollout: null,
    index: 0,
    weight: 50,
    effectiveWeight: 50,
    share: 0.5,
  };
}

describe("mergeSeries", () => {
  it("aligns series by timestamp, with gaps for missing, NaN and infinite points", () => {
    expect(
      mergeSeries([
        { key: "v1", points: [[10, 1], [20, null]] },
        { key: "v2", points: [[20, "+Inf"], [30, 0.5]] },
      ], 100),
    ).toEqual([
      { t: 10, v1: 100, v2: null },
      { t: 20, v1: null, v2: null },
      { t: 30, v1: null, v2: 50 },
    ]);
  });
});

describe("splitSources / observedSplit", () => {
  it("attributes per-version rates to subsets of one Service", () => {
    const sources = splitSources([dest("reviews", "v1", ["v1"]), dest("reviews", "v2", ["v2"])], (d) => d.subset?.name ?? "");
    expect(sources?.map((s) => [s.key, s.service, s.versions])).toEqual([
      ["d0", "ns/reviews", ["v1"]],
      ["d1", "ns/reviews", ["v2"]],
    ]);
    const m = metrics({ v1: [[0, 3], [15, 4]], v2: [[0, 1], [15, 0]], v3: [[0, 9]] }, { v1: 4, v2: 1 });
    const split = observedSplit(sources ?? [], { "ns/reviews": m });
    expect(split.rows).toEqual([
      { t: 0, d0: 75, d1: 25 },
      { t: 15, d0: 100, d1: 0 },
    ]);
    expect(split.current).toEqual({ d0: 80, d1: 20 });
  });

  it("splits across Services (host-level canary) and gives up on indistinguishable destinations", () => {
    const sources = splitSources([dest("a", null, ["1.0"]), dest("b", null, ["2.0"])], (d) => d.host.raw);
    const split = observedSplit(sources ?? [], { "ns/a": metrics({ "1.0": [[0, 2]] }, { "1.0": 2 }), "ns/b": metrics({ "2.0": [[0, 2]] }, { "2.0": 6 }) });
    expect(split.rows).toEqual([{ t: 0, d0: 50, d1: 50 }]);
    expect(split.current).toEqual({ d0: 25, d1: 75 });
    expect(splitSources([dest("a", "x", ["1"]), dest("a", "y", ["1"])], () => "")).toBeNull();
    expect(splitSources([dest("a", "x", [])], () => "")).toBeNull();
  });

  it("has no current split without traffic or without metrics", () => {
    const sources = splitSources([dest("a", null, []), dest("b", null, [])], (d) => d.host.raw) ?? [];
    expect(observedSplit(sources, {}).current).toBeNull();
  });
});
