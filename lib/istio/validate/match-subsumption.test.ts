import { describe, expect, it } from "vitest";
import { resolveGatewayBinding } from "@/lib/istio/model/gateway-ref";
import { httpMatchBlock } from "@/lib/istio/model/matches";
import type { HttpMatchRequestWire } from "@/lib/istio/wire";
import { blockSubsumes, stringImplies } from "./match-subsumption";

const block = (m: HttpMatchRequestWire) => httpMatchBlock(m, (raw) => resolveGatewayBinding(raw, "ns", () => true));
const vsGateways = ["mesh", "ns/gw"];
const subsumes = (g: HttpMatchRequestWire, s: HttpMatchRequestWire) => blockSubsumes(block(g), block(s), vsGateways);

describe("stringImplies", () => {
  it("handles exact, prefix, regex and presence", () => {
    expect(stringImplies({ op: "exact", value: "/a/b" }, { op: "prefix", value: "/a" })).toBe(true);
    expect(stringImplies({ op: "prefix", value: "/a/b" }, { op: "prefix", value: "/a" })).toBe(true);
    expect(stringImplies({ op: "prefix", value: "/a" }, { op: "prefix", value: "/a/b" })).toBe(false);
    expect(stringImplies({ op: "prefix", value: "/a" }, { op: "exact", value: "/a" })).toBe(false);
    expect(stringImplies({ op: "exact", value: "jason" }, { op: "regex", value: "jas.*" })).toBe(true);
    expect(stringImplies({ op: "exact", value: "xjason" }, { op: "regex", value: "jas.*" })).toBe(false);
    expect(stringImplies({ op: "regex", value: "a|b" }, { op: "regex", value: "a|b" })).toBe(true);
    expect(stringImplies({ op: "regex", value: "a" }, { op: "regex", value: "a|b" })).toBe(false);
    expect(stringImplies({ op: "present", value: "" }, { op: "regex", value: ".*" })).toBe(true);
    expect(stringImplies({ op: "present", value: "" }, { op: "exact", value: "x" })).toBe(false);
    expect(stringImplies({ op: "exact", value: "x" }, { op: "regex", value: "(" })).toBe(false);
  });
  it("respects case-insensitive matching", () => {
    expect(stringImplies({ op: "exact", value: "/API" }, { op: "prefix", value: "/api" }, { gIgnoresCase: true })).toBe(true);
    expect(stringImplies({ op: "exact", value: "/api" }, { op: "exact", value: "/api" }, { sIgnoresCase: true })).toBe(false);
  });
});

describe("blockSubsumes", () => {
  it("an empty entry subsumes everything; a condition is never implied by nothing", () => {
    expect(subsumes({}, { headers: { a: { exact: "1" } } })).toBe(true);
    expect(subsumes({ headers: { a: { exact: "1" } } }, {})).toBe(false);
  });
  it("prefix / subsumes anything", () => {
    expect(subsumes({ uri: { prefix: "/" } }, { uri: { exact: "/x" }, method: { exact: "GET" } })).toBe(true);
  });
  it("needs every general condition implied", () => {
    expect(subsumes({ uri: { prefix: "/api" } }, { uri: { prefix: "/api/v1" }, headers: { x: { exact: "1" } } })).toBe(true);
    expect(subsumes({ uri: { prefix: "/api" }, headers: { x: {} } }, { uri: { prefix: "/api/v1" }, headers: { x: { exact: "1" } } })).toBe(true);
    expect(subsumes({ uri: { prefix: "/api" }, headers: { y: {} } }, { uri: { prefix: "/api/v1" }, headers: { x: { exact: "1" } } })).toBe(false);
  });
  it("scopes by port, source and gateways", () => {
    expect(subsumes({ port: 80 }, { port: 80, uri: { prefix: "/a" } })).toBe(true);
    expect(subsumes({ port: 80 }, { port: 81 })).toBe(false);
    expect(subsumes({ sourceLabels: { app: "a" } }, { sourceLabels: { app: "a", v: "1" } })).toBe(true);
    expect(subsumes({ gateways: ["gw"] }, { gateways: ["gw"], uri: { prefix: "/a" } })).toBe(true);
    // without gateways the specific entry applies on mesh too, which the general one does not cover
    expect(subsumes({ gateways: ["gw"] }, { uri: { prefix: "/a" } })).toBe(false);
    expect(subsumes({ gateways: ["mesh", "gw"] }, { uri: { prefix: "/a" } })).toBe(true);
  });
  it("negated headers are only implied by the same negation", () => {
    expect(subsumes({ withoutHeaders: { x: { exact: "1" } } }, { withoutHeaders: { x: { exact: "1" } }, port: 80 })).toBe(true);
    expect(subsumes({ withoutHeaders: { x: { exact: "1" } } }, { headers: { x: { exact: "2" } } })).toBe(false);
  });
});
