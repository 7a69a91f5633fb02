import { describe, expect, it } from "vitest";
import { hostCovers, hostsOverlap, istioFqdn, kubernetesDnsAlias, parseServiceFqdn, serviceFqdn, splitHostPort } from "./host";

describe("istioFqdn", () => {
  it("expands a short name with the object's namespace", () => {
    expect(istioFqdn("reviews", "bookinfo", "cluster.local")).toBe("reviews.bookinfo.svc.cluster.local");
  });
  it("takes any dotted name literally, as Istio does (name.namespace is not expanded)", () => {
    expect(istioFqdn("reviews.bookinfo", "default", "cluster.local")).toBe("reviews.bookinfo");
    expect(istioFqdn("reviews.bookinfo.svc.cluster.local", "default", "cluster.local")).toBe("reviews.bookinfo.svc.cluster.local");
  });
  it("keeps *, IPs and lowercases", () => {
    expect(istioFqdn("*", "ns", "cluster.local")).toBe("*");
    expect(istioFqdn("10.0.0.1", "ns", "cluster.local")).toBe("10.0.0.1");
    expect(istioFqdn("Reviews", "bookinfo", "corp.local")).toBe("reviews.bookinfo.svc.corp.local");
  });
});

describe("splitHostPort", () => {
  it("splits host:port and leaves plain names", () => {
    expect(splitHostPort("foobar:80")).toEqual({ name: "foobar", port: 80 });
    expect(splitHostPort("foobar.default.127.0.0.1.nip.io:80")).toEqual({ name: "foobar.default.127.0.0.1.nip.io", port: 80 });
    expect(splitHostPort("foobar")).toEqual({ name: "foobar", port: null });
    expect(splitHostPort("fe80::1")).toEqual({ name: "fe80::1", port: null });
  });
});

describe("kubernetesDnsAlias / parseServiceFqdn", () => {
  it("recognises name.ns and name.ns.svc", () => {
    expect(kubernetesDnsAlias("reviews.bookinfo")).toEqual({ name: "reviews", namespace: "bookinfo" });
    expect(kubernetesDnsAlias("reviews.bookinfo.svc")).toEqual({ name: "reviews", namespace: "bookinfo" });
    expect(kubernetesDnsAlias("reviews")).toBeNull();
    expect(kubernetesDnsAlias("www.googleapis.com")).toBeNull();
    expect(kubernetesDnsAlias("*.bookinfo")).toBeNull();
  });
  it("parses service FQDNs for the given domain only", () => {
    expect(parseServiceFqdn(serviceFqdn("reviews", "bookinfo", "cluster.local"), "cluster.local")).toEqual({ name: "reviews", namespace: "bookinfo" });
    expect(parseServiceFqdn("reviews.bookinfo.svc.other.local", "cluster.local")).toBeNull();
    expect(parseServiceFqdn("a.b.c.svc.cluster.local", "cluster.local")).toBeNull();
  });
});

describe("hostCovers / hostsOverlap", () => {
  it("follows Istio wildcard semantics", () => {
    expect(hostCovers("*", "foo.com")).toBe(true);
    expect(hostCovers("*.foo.com", "bar.foo.com")).toBe(true);
    expect(hostCovers("*.foo.com", "a.bar.foo.com")).toBe(true);
    expect(hostCovers("*.foo.com", "foo.com")).toBe(false);
    expect(hostCovers("*.foo.com", "*.bar.foo.com")).toBe(true);
    expect(hostCovers("*.bar.foo.com", "*.foo.com")).toBe(false);
    expect(hostCovers("foo.com", "*.foo.com")).toBe(false);
    expect(hostCovers("FOO.com", "foo.COM")).toBe(true);
    expect(hostCovers("*.foo.com", "*")).toBe(false);
  });
  it("overlap is symmetric", () => {
    expect(hostsOverlap("*.foo.com", "x.foo.com")).toBe(true);
    expect(hostsOverlap("x.foo.com", "*.foo.com")).toBe(true);
    expect(hostsOverlap("x.foo.com", "y.foo.com")).toBe(false);
  });
});
