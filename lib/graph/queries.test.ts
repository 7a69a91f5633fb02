import { describe, expect, it } from "vitest";
import { escapeLabelValue, escapeRegex, graphQueries, graphSelectors, labelIn, latencyQuery, requestsQuery } from "./queries";

describe("label escaping", () => {
  it("escapes quotes, backslashes and control characters for PromQL strings", () => {
    expect(escapeLabelValue('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    expect(escapeLabelValue("tab\there\u0001")).toBe("tab\\there\\x01");
    expect(escapeLabelValue("bookinfo")).toBe("bookinfo");
  });

  it("makes namespace alternatives match literally", () => {
    expect(escapeRegex("a.b|c*")).toBe("a\\.b\\|c\\*");
    expect(labelIn("ns", ["b", "a", "a"])).toBe('ns=~"a|b"');
    // Regex escape, then string escape: a literal dot becomes \\. inside the string literal.
    expect(labelIn("ns", ["x.y"])).toBe('ns=~"x\\\\.y"');
    expect(labelIn("ns", ['evil"})or vector(1)'])).toBe('ns=~"evil\\"\\\\}\\\\)or vector\\\\(1\\\\)"');
  });
});

describe("graph queries", () => {
  it("asks the destination reporter for everything and the source reporter for what never reached a sidecar", () => {
    expect(graphSelectors([])).toEqual(['reporter="destination"', 'reporter="source",destination_workload="unknown"']);
  });

  it("filters by namespace on either end, joined with or", () => {
    const q = requestsQuery({ namespaces: ["bookinfo", "shop"], window: "5m" });
    expect(q.split(" or ")).toEqual(
      [
        'reporter="destination",destination_service_namespace=~"bookinfo|shop"',
        'reporter="destination",source_workload_namespace=~"bookinfo|shop"',
        'reporter="source",destination_workload="unknown",destination_service_namespace=~"bookinfo|shop"',
        'reporter="source",destination_workload="unknown",source_workload_namespace=~"bookinfo|shop"',
      ].map(
        (sel) =>
          `sum by (source_workload_namespace,source_workload,source_canonical_service,source_canonical_revision,destination_service_namespace,destination_service_name,destination_workload_namespace,destination_workload,destination_canonical_service,destination_canonical_revision,request_protocol,response_code,grpc_response_status,response_flags,reporter) (rate(istio_requests_total{${sel}}[5m]))`,
      ),
    );
  });

  it("builds the p95 latency query by edge", () => {
    const q = latencyQuery({ namespaces: ["bookinfo"] });
    expect(q).toContain("histogram_quantile(0.95, sum by (le,source_workload_namespace,");
    expect(q).toContain("rate(istio_request_duration_milliseconds_bucket{reporter=\"destination\",destination_service_namespace=~\"bookinfo\"}[1m])");
    expect(q).not.toContain("response_code");
    expect(latencyQuery({ namespaces: [], quantile: 0.99 })).toContain("histogram_quantile(0.99,");
  });

  it("rejects bad windows and quantiles", () => {
    expect(() => requestsQuery({ namespaces: [], window: "1m]) or vector(1" })).toThrow(/duration/);
    expect(() => latencyQuery({ namespaces: [], quantile: 1.5 })).toThrow(/quantile/);
    expect(graphQueries({ namespaces: ["a"], window: "1h30m" }).requests).toContain("[1h30m]");
  });
});
