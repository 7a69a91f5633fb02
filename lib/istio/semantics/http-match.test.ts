import { describe, expect, it } from "vitest";
import { compileHttpMatches, compileL4Matches, compileTlsMatches } from "./http-match";
import { requestFacts } from "./testing/request-facts";

const request = requestFacts;

describe("compileHttpMatches (VirtualService HTTPMatchRequest)", () => {
  it("ANDs the fields of a block and ORs the blocks; no block matches everything", () => {
    const p = compileHttpMatches([{ uri: { prefix: "/api" }, method: { exact: "GET" } }, { headers: { "x-canary": { exact: "1" } } }], "prod");
    expect(p(request({ path: "/api/x" }))).toBe(true);
    expect(p(request({ path: "/api/x", method: "POST" }))).toBe(false);
    expect(p(request({ method: "POST", headers: { "x-canary": "1" } }))).toBe(true);
    expect(compileHttpMatches(undefined, "prod")(request())).toBe(true);
  });

  it("folds only the uri with ignoreUriCase, and matches regexes as RE2 full matches", () => {
    const p = compileHttpMatches([{ uri: { regex: "/v[0-9]+/.*" }, ignoreUriCase: true, authority: { exact: "REVIEWS.prod.svc.cluster.local" } }], "prod");
    expect(compileHttpMatches([{ uri: { regex: "/v[0-9]+/.*" }, ignoreUriCase: true }], "prod")(request({ path: "/V2/x" }))).toBe(true);
    expect(p(request({ path: "/v2/x" }))).toBe(false);
  });

  it("reads headers ({} = present), withoutHeaders ({} = absent, missing = \"\"), query params", () => {
    const present = compileHttpMatches([{ headers: { "end-user": {} } }], "prod");
    expect(present(request({ headers: { "end-user": "" } }))).toBe(true);
    expect(present(request())).toBe(false);
    const without = compileHttpMatches([{ withoutHeaders: { "x-skip": {}, "x-env": { exact: "" } } }], "prod");
    expect(without(request())).toBe(false);
    expect(without(request({ headers: { "x-env": "qa" } }))).toBe(true);
    expect(compileHttpMatches([{ queryParams: { v: { exact: "2" } } }], "prod")(request({ query: { v: "2" } }))).toBe(true);
  });

  it("checks port, sourceLabels, sourceNamespace and gateways (short names in the VirtualService's namespace)", () => {
    const p = compileHttpMatches([{ port: 9080, sourceLabels: { env: "prod" }, sourceNamespace: "prod", gateways: ["bookinfo-gateway"] }], "prod");
    const base = { sourceLabels: { env: "prod", app: "x" }, gateways: new Set(["prod/bookinfo-gateway"]) };
    expect(p(request(base))).toBe(true);
    expect(p(request({ ...base, port: 80 }))).toBe(false);
    expect(p(request({ ...base, sourceNamespace: "qa" }))).toBe(false);
    expect(p(request({ ...base, gateways: new Set(["mesh"]) }))).toBe(false);
  });

  it("matches TCP routes on L4 attributes only", () => {
    const p = compileL4Matches([{ port: 27017 }], "prod");
    expect(p(request({ port: 27017 }))).toBe(true);
    expect(p(request())).toBe(false);
  });

  it("matches TLS routes on the SNI (exact or *.suffix, case-insensitive) and L4 attributes", () => {
    const p = compileTlsMatches([{ port: 443, sniHosts: ["login.example.com", "*.api.example.com"] }], "prod");
    expect(p(request({ port: 443, authority: "login.example.com" }))).toBe(true);
    expect(p(request({ port: 443, authority: "v1.api.example.com" }))).toBe(true);
    expect(p(request({ port: 443, authority: "api.example.com" }))).toBe(false);
    expect(p(request({ port: 8443, authority: "login.example.com" }))).toBe(false);
    expect(compileTlsMatches([{ sniHosts: ["a.example.com"] }, { sniHosts: ["b.example.com"] }], "prod")(request({ authority: "b.example.com" }))).toBe(true);
  });
});
