import { describe, expect, it } from "vitest";
import { compileNegatedStringMatch, compileStringMatch } from "./string-match";

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
