import { describe, expect, it } from "vitest";
import { resolveGatewayBinding } from "./gateway-ref";
import { httpMatchBlock, isCatchAll, isHeaderScoped, isTestRoute, l4MatchBlock } from "./matches";

const resolve = (raw: string) => resolveGatewayBinding(raw, "ns", (k) => k === "ns/gw");

describe("httpMatchBlock", () => {
  it("turns every Istio match field into typed conditions", () => {
    const b = httpMatchBlock(
      {
        name: "jason",
        uri: { prefix: "/api" },
        ignoreUriCase: true,
        method: { exact: "GET" },
        headers: { "End-User": { exact: "jason" }, "x-any": {} },
        withoutHeaders: { "x-skip": { regex: "1|true" } },
        queryParams: { canary: { exact: "yes" } },
        port: 80,
        sourceLabels: { app: "web" },
        sourceNamespace: "front",
        gateways: ["mesh", "gw", "other/missing"],
      },
      resolve,
    );
    expect(b.name).toBe("jason");
    expect(b.conditions).toEqual([
      { kind: "uri", op: "prefix", value: "/api", ignoreCase: true },
      { kind: "method", op: "exact", value: "GET" },
      { kind: "header", name: "end-user", op: "exact", value: "jason", negated: false },
      { kind: "header", name: "x-any", op: "present", value: "", negated: false },
      { kind: "header", name: "x-skip", op: "regex", value: "1|true", negated: true },
      { kind: "queryParam", name: "canary", op: "exact", value: "yes" },
      { kind: "port", port: 80 },
      { kind: "sourceLabels", labels: { app: "web" } },
      { kind: "sourceNamespace", namespace: "front" },
      {
        kind: "gateways",
        gateways: [
          { raw: "mesh", key: "mesh", resolution: "mesh", namespace: null, name: null },
          { raw: "gw", key: "ns/gw", resolution: "found", namespace: "ns", name: "gw" },
          { raw: "other/missing", key: "other/missing", resolution: "notFound", namespace: "other", name: "missing" },
        ],
      },
    ]);
  });
  it("types L4 matches", () => {
    expect(l4MatchBlock({ port: 443, sniHosts: ["a.com"] }, resolve).conditions).toEqual([
      { kind: "port", port: 443 },
      { kind: "sniHosts", hosts: ["a.com"] },
    ]);
  });
});

describe("catch-all and test routes", () => {
  const header = httpMatchBlock({ headers: { "end-user": { exact: "jason" } } }, resolve);
  const cookie = httpMatchBlock({ headers: { cookie: { regex: "^(.*?;)?(user=jason)(;.*)?$" } } }, resolve);
  const uri = httpMatchBlock({ uri: { prefix: "/api" } }, resolve);
  const slash = httpMatchBlock({ uri: { prefix: "/" } }, resolve);
  const without = httpMatchBlock({ withoutHeaders: { "x-a": { exact: "1" } } }, resolve);
  it("catch-all: no match, an empty entry, or prefix /", () => {
    expect(isCatchAll([])).toBe(true);
    expect(isCatchAll([{ name: null, conditions: [] }])).toBe(true);
    expect(isCatchAll([slash])).toBe(true);
    expect(isCatchAll([uri, slash])).toBe(true);
    expect(isCatchAll([uri])).toBe(false);
    expect(isCatchAll([httpMatchBlock({ gateways: ["mesh"], port: 80 }, resolve)])).toBe(false);
  });
  it("test route: every entry requires a header, cookie or query parameter", () => {
    expect(isTestRoute([header])).toBe(true);
    expect(isTestRoute([cookie])).toBe(true);
    expect(isTestRoute([header, uri])).toBe(false);
    expect(isTestRoute([without])).toBe(false);
    expect(isTestRoute([])).toBe(false);
    expect(isHeaderScoped([header, cookie])).toBe(true);
    expect(isHeaderScoped([httpMatchBlock({ queryParams: { a: { exact: "1" } } }, resolve)])).toBe(false);
  });
});
