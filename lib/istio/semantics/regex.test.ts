import { describe, expect, it } from "vitest";
import { compileRe2, quoteMeta, re2Error } from "./regex";

describe("re2Error (Go's regexp syntax, as istiod validates)", () => {
  it.each([
    "^(.*?;)?(user=jason)(;.*)?$",
    "^v[0-9]+$",
    "(?i)chrome|firefox",
    "(?P<build>[a-f0-9]{7,40})",
    "(?<build>[a-f0-9]{7,40})",
    "[[:alpha:]_]+\\d*",
    "[^[:space:]]+",
    "\\pL+\\p{Greek}\\P{Lu}\\p{^Nd}",
    "\\x41\\x{1F600}\\101\\0",
    "a{1000}",
    "a{,3}",
    "[]a]",
    "\\Qa.b*c\\E",
    "\\Aabc\\z",
    "x*?y+?z??",
    "(?s:.)(?-m)",
    "\\.\\-\\/\\_",
  ])("accepts %s", (pattern) => {
    expect(re2Error(pattern)).toBeNull();
  });

  it.each([
    ["a(?=b)", /unsupported Perl syntax: `\(\?=` \(lookahead is not supported/],
    ["a(?!b)", /unsupported Perl syntax: `\(\?!`/],
    ["(?<=a)b", /invalid named capture.*lookbehind is not supported/],
    ["(?<!a)b", /invalid named capture/],
    ["(a)\\1", /invalid escape sequence: `\\1`.*backreferences are not supported/],
    ["(?P<x>a)(?P=x)", /invalid named capture|unsupported Perl syntax/],
    ["\\k<x>", /invalid escape sequence/],
    ["a*+", /invalid nested repetition/],
    ["a++", /invalid nested repetition/],
    ["(?>ab)", /unsupported Perl syntax/],
    ["abc\\Z", /invalid escape sequence: `\\Z`/],
    ["(?#comment)", /unsupported Perl syntax/],
    ["a**", /invalid nested repetition/],
    ["*a", /missing argument to repetition operator/],
    ["a{1001}", /invalid repeat count/],
    ["[z-a]", /invalid character class range/],
    ["[[:foo:]]", /invalid character class range/],
    ["\\p{Klingon}", /invalid character class range/],
    ["(abc", /missing closing \)/],
    ["abc)", /unexpected \)/],
    ["[abc", /missing closing \]/],
    ["abc\\", /trailing backslash/],
    ["(?P<a>x)(?P<a>y)", /duplicate capture group name/],
    ["", /empty/],
    ["a".repeat(1025), /too large/],
  ])("rejects %s", (pattern, message) => {
    expect(re2Error(pattern)).toMatch(message);
  });
});

describe("compileRe2", () => {
  it("matches the whole value, as Envoy's safe_regex does", () => {
    const re = compileRe2("/api/v[0-9]+");
    expect(re?.fullMatch("/api/v2")).toBe(true);
    expect(re?.fullMatch("/api/v2/users")).toBe(false);
    expect(re?.fullMatch("x/api/v2")).toBe(false);
  });

  it("supports both named-group spellings and case folding", () => {
    expect(compileRe2("(?P<v>v1)|(?<w>v2)")?.fullMatch("v2")).toBe(true);
    expect(compileRe2("chrome", true)?.fullMatch("Chrome")).toBe(true);
    expect(compileRe2("chrome")?.fullMatch("Chrome")).toBe(false);
  });

  it("treats . as any character but newline and $ as end of text, as RE2 does", () => {
    expect(compileRe2("a.c")?.fullMatch("a\nc")).toBe(false);
    expect(compileRe2("(?s)a.c")?.fullMatch("a\nc")).toBe(true);
  });

  it("returns null for what RE2 rejects (lookahead, backreference)", () => {
    expect(compileRe2("a(?=b)b")).toBeNull();
    expect(compileRe2("(a)\\1")).toBeNull();
  });
});

describe("quoteMeta", () => {
  it("escapes what Go's regexp.QuoteMeta escapes, so the text matches literally", () => {
    const text = "a.b+c*d?e(f)g|h[i]j{k}l^m$n\\o-p";
    expect(quoteMeta(text)).toBe("a\\.b\\+c\\*d\\?e\\(f\\)g\\|h\\[i\\]j\\{k\\}l\\^m\\$n\\\\o-p");
    expect(compileRe2(quoteMeta(text))?.fullMatch(text)).toBe(true);
  });
});
