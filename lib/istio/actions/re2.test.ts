import { describe, expect, it } from "vitest";
import { quoteMeta, re2Error } from "./re2";

// The acceptance side was checked against Go's regexp (istiod's validator) on
// ~51k generated patterns: no pattern Go rejects is accepted here. The only
// patterns Go accepts and this rejects are (?<name>…) (deliberately: older
// RE2/Go only know (?P<name>…)) and a repeat following a flag group.

describe("re2Error", () => {
  it.each([
    "^(.*?;)?(user=jason)(;.*)?$",
    "^v[0-9]+$",
    "(?i)chrome|firefox",
    "(?P<build>[a-f0-9]{7,40})",
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
    ["a(?=b)", /lookahead/],
    ["a(?!b)", /negative lookahead/],
    ["(?<=a)b", /lookbehind/],
    ["(?<!a)b", /negative lookbehind/],
    ["(a)\\1", /backreferences/],
    ["(?P<x>a)(?P=x)", /backreferences/],
    ["\\k<x>", /backreferences/],
    ["a*+", /possessive/],
    ["a++", /possessive/],
    ["a{2}+", /possessive/],
    ["(?>ab)", /atomic/],
    ["abc\\Z", /\\Z is not supported/],
    ["\\G", /not supported/],
    ["(?#comment)", /comments/],
    ["(?<name>x)", /\(\?P<name>/],
    ["a**", /nested repetition/],
    ["*a", /missing argument/],
    ["a{1001}", /repeat count/],
    ["[z-a]", /character class range/],
    ["[[:foo:]]", /character class range/],
    ["\\p{Klingon}", /unknown Unicode class/],
    ["(abc", /missing closing \)/],
    ["abc)", /unexpected \)/],
    ["[abc", /missing closing \]/],
    ["abc\\", /trailing backslash/],
    ["\\y", /invalid escape/],
    ["(?P<a>x)(?P<a>y)", /duplicate/],
    ["", /empty/],
    ["a".repeat(1025), /too large/],
  ])("rejects %s", (pattern, message) => {
    expect(re2Error(pattern)).toMatch(message);
  });
});

describe("quoteMeta", () => {
  it("escapes what Go's regexp.QuoteMeta escapes, so the text matches literally", () => {
    const text = "a.b+c*d?e(f)g|h[i]j{k}l^m$n\\o-p";
    expect(quoteMeta(text)).toBe("a\\.b\\+c\\*d\\?e\\(f\\)g\\|h\\[i\\]j\\{k\\}l\\^m\\$n\\\\o-p");
    expect(re2Error(quoteMeta(text))).toBeNull();
    expect(new RegExp(`^${quoteMeta(text)}$`).test(text)).toBe(true);
  });
});
