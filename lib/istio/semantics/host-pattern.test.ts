import { describe, expect, it } from "vitest";
import { istioFqdn } from "./host";
import { bestHostMatch, hostMatches, parseHostPattern, resolveFromNamespace } from "./host-pattern";

describe("hosts", () => {
  it("expands only dotless short names", () => {
    expect(istioFqdn("reviews", "bookinfo")).toBe("reviews.bookinfo.svc.cluster.local");
    expect(istioFqdn("reviews.bookinfo.svc.cluster.local", "x")).toBe("reviews.bookinfo.svc.cluster.local");
    expect(istioFqdn("www.googleapis.com", "x")).toBe("www.googleapis.com");
    expect(istioFqdn("*", "x")).toBe("*");
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
