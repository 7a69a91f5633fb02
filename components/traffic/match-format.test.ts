import { describe, expect, it } from "vitest";
import { cookieRegex } from "@/lib/istio/actions/cookie-match";
import { formatCondition, formatMatchBlock, formatMatches } from "./match-format";

describe("formatCondition", () => {
  it("renders header and uri matches readably", () => {
    expect(formatCondition({ kind: "header", name: "x-version", op: "exact", value: "green", negated: false })).toBe("header x-version = green");
    expect(formatCondition({ kind: "uri", op: "prefix", value: "/api", ignoreCase: false })).toBe("uri prefix /api");
    expect(formatCondition({ kind: "uri", op: "regex", value: "^/v[0-9]+", ignoreCase: true })).toBe("uri matches ^/v[0-9]+ (ignore case)");
    expect(formatCondition({ kind: "header", name: "end-user", op: "present", value: "", negated: false })).toBe("header end-user present");
    expect(formatCondition({ kind: "header", name: "x-debug", op: "present", value: "", negated: true })).toBe("header x-debug absent");
    expect(formatCondition({ kind: "header", name: "x-env", op: "exact", value: "prod", negated: true })).toBe("header x-env ≠ prod");
  });

  it("reads Meshdeck's cookie regexes back as cookie matches", () => {
    const value = cookieRegex({ name: "session", value: "jason", match: "exact" });
    expect(formatCondition({ kind: "header", name: "cookie", op: "regex", value, negated: false })).toBe("cookie session = jason");
  });

  it("renders the other condition kinds", () => {
    expect(formatCondition({ kind: "method", op: "exact", value: "GET" })).toBe("method = GET");
    expect(formatCondition({ kind: "queryParam", name: "debug", op: "exact", value: "1" })).toBe("query debug = 1");
    expect(formatCondition({ kind: "port", port: 8080 })).toBe("port 8080");
    expect(formatCondition({ kind: "sourceLabels", labels: { app: "web", version: "v2" } })).toBe("from pods with app=web, version=v2");
    expect(formatCondition({ kind: "sourceNamespace", namespace: "shop" })).toBe("from namespace shop");
    expect(
      formatCondition({ kind: "gateways", gateways: [{ raw: "mesh", key: "mesh", resolution: "mesh", namespace: null, name: null }] }),
    ).toBe("via mesh");
  });
});

describe("formatMatchBlock / formatMatches", () => {
  it("ANDs conditions and ORs blocks; no match is any request", () => {
    expect(
      formatMatchBlock({
        name: null,
        conditions: [
          { kind: "uri", op: "prefix", value: "/api", ignoreCase: false },
          { kind: "header", name: "x-version", op: "exact", value: "green", negated: false },
        ],
      }),
    ).toBe("uri prefix /api and header x-version = green");
    expect(formatMatches([])).toEqual(["any request"]);
    expect(formatMatches([{ name: null, conditions: [] }])).toEqual(["any request"]);
  });
});
