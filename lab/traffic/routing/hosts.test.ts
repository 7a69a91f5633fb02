import { describe, expect, it } from "vitest";
import { parseDurationMs } from "./duration";
import { bestHostMatch, expandShortName, hostMatches, parseHostPattern, resolveFromNamespace } from "./hosts";
import { compileNegatedStringMatch, compileStringMatch } from "@/lib/istio/semantics/string-match";

describe("hosts", () => {
  it("expands only dotless short names", () => {
    expect(expandShortName("reviews", "bookinfo")).toBe("reviews.bookinfo.svc.cluster.local");
    expect(expandShortName("reviews.bookinfo.svc.cluster.local", "x")).toBe("reviews.bookinfo.svc.cluster.local");
    expect(expandShortName("www.googleapis.com", "x")).toBe("www.googleapis.com");
    expect(expandShortName("*", "x")).toBe("*");
  });

  it("parses host:port forms (Rio) into a port restriction", () => {
    const p = parseHostPattern("foobar:80", "default-265db573");
    expect(p).toMatchObject({ kind: "exact", value: "foobar.default-265db573.svc.cluster.local", port: 80 });
    expect(hostMatches(p, "foobar.default-265db573.svc.cluster.local", 80)).toBe(true);
    expect(hostMatches(p, "foobar.default-265db573.svc.cluster.local", 8080)).toBe(false);
    const gw = parseHostPattern("foobar.default.127.0.0.1.nip.io:80", "ns");
    expect(gw).toMatchObject({ kind: "exact", value: "foobar.default.127.0.0.1.nip.io", port: 80 });
  });

  it("prefers exact over wildcard and longer wildcards over shorter", () => {
    const patterns = ["*", "*.com", "*.hoge.com", "sample.hoge.com"].map((h) => parseHostPattern(h, ""));
    expect(bestHostMatch(patterns, "sample.hoge.com", 80)?.raw).toBe("sample.hoge.com");
    expect(bestHostMatch(patterns, "x.hoge.com", 80)?.raw).toBe("*.hoge.com");
    expect(bestHostMatch(patterns, "x.com", 80)?.raw).toBe("*.com");
    expect(bestHostMatch(patterns, "localhost", 80)?.raw).toBe("*");
  });

  it("resolves names along the pod's DNS search path", () => {
    const known = new Set(["foobar.default-265db573.svc.cluster.local", "reviews.bookinfo.svc.cluster.local"]);
    const has = (h: string): boolean => known.has(h);
    expect(resolveFromNamespace("reviews", "bookinfo", has)).toBe("reviews.bookinfo.svc.cluster.local");
    expect(resolveFromNamespace("foobar.default-265db573", "lab-clients", has)).toBe("foobar.default-265db573.svc.cluster.local");
    expect(resolveFromNamespace("example.com", "x", has)).toBe("example.com");
  });
});

describe("string matches", () => {
  it("implements exact, prefix, full-string regex and presence", () => {
    expect(compileStringMatch({ exact: "jason" })("jason")).toBe(true);
    expect(compileStringMatch({ exact: "jason" })("jason2")).toBe(false);
    expect(compileStringMatch({ prefix: "/api" })("/api/v1")).toBe(true);
    expect(compileStringMatch({ regex: "v[0-9]" })("v1")).toBe(true);
    expect(compileStringMatch({ regex: "v[0-9]" })("xv1")).toBe(false);
    expect(compileStringMatch({ regex: ".*user=jason.*" })("a=1; user=jason; b=2")).toBe(true);
    expect(compileStringMatch({})("")).toBe(true);
    expect(compileStringMatch({})(undefined)).toBe(false);
    expect(compileStringMatch({ exact: "/A" }, true)("/a")).toBe(true);
  });

  it("negates for withoutHeaders, treating a missing header as empty", () => {
    expect(compileNegatedStringMatch({ exact: "jason" })(undefined)).toBe(true);
    expect(compileNegatedStringMatch({ exact: "jason" })("jason")).toBe(false);
    expect(compileNegatedStringMatch({})(undefined)).toBe(true);
    expect(compileNegatedStringMatch({})("x")).toBe(false);
  });
});

describe("durations", () => {
  it("parses protobuf durations to ms", () => {
    expect(parseDurationMs("7s")).toBe(7000);
    expect(parseDurationMs("1.5s")).toBe(1500);
    expect(parseDurationMs("100ms")).toBe(100);
    expect(parseDurationMs("1m30s")).toBe(90_000);
    expect(parseDurationMs("soon")).toBeNull();
    expect(parseDurationMs(undefined)).toBeNull();
  });
});
