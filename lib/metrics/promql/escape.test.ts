import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alternation, assertLabelName, escapeRegex, promDuration, promString } from "./escape";

/** Reads back a Go/PromQL double-quoted literal (the escapes promString emits), or throws. */
function unquote(literal: string): string {
  expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
  const body = literal.slice(1, -1);
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') throw new Error(`unescaped quote at ${i}`);
    if (ch === "\n") throw new Error("raw newline");
    if (ch !== "\\") {
      out += ch;
      continue;
    }
    const next = body[++i];
    if (next === "\\" || next === '"') out += next;
    else if (next === "n") out += "\n";
    else if (next === "r") out += "\r";
    else if (next === "t") out += "\t";
    else if (next === "x") {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (next === "u") {
      out += String.fromCharCode(parseInt(body.slice(i + 1, i + 5), 16));
      i += 4;
    } else throw new Error(`unknown escape \\${next}`);
  }
  return out;
}

describe("promString", () => {
  it.each([
    ["reviews", '"reviews"'],
    ['a"b', '"a\\"b"'],
    ["a\\b", '"a\\\\b"'],
    ["line\nbreak", '"line\\nbreak"'],
    ["\u0001", '"\\x01"'],
    ["ünïcode ✓", '"ünïcode ✓"'],
  ])("quotes %j as %s", (input, expected) => {
    expect(promString(input)).toBe(expected);
  });

  it("cannot be closed early by the value (injection)", () => {
    const evil = 'x"} or vector(1) or up{a="';
    const q = promString(evil);
    expect(unquote(q)).toBe(evil);
  });

  it("round-trips any well-formed string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), (s) => {
        expect(unquote(promString(s))).toBe(s);
      }),
    );
    fc.assert(
      fc.property(fc.string({ unit: "binary-ascii", maxLength: 40 }), (s) => {
        expect(unquote(promString(s))).toBe(s);
      }),
    );
  });

  it("replaces lone surrogates, which have no UTF-8 form", () => {
    expect(promString("a\ud800b")).toBe('"a\\ufffdb"');
  });
});

describe("escapeRegex / alternation", () => {
  it("escapes RE2 metacharacters so a value matches only itself", () => {
    expect(escapeRegex("reviews.bookinfo")).toBe("reviews\\.bookinfo");
    expect(escapeRegex("a|b(c)*[d]{2}^$+?\\")).toBe("a\\|b\\(c\\)\\*\\[d\\]\\{2\\}\\^\\$\\+\\?\\\\");
    expect(alternation(["a.b", "c"])).toBe("a\\.b|c");
    expect(() => alternation([])).toThrow();
  });

  it("matches exactly the escaped values (JS regex as a stand-in for RE2 on this subset)", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 4 }), fc.string({ maxLength: 12 }), (values, probe) => {
        const re = new RegExp(`^(?:${alternation(values)})$`, "u");
        expect(re.test(probe)).toBe(values.includes(probe));
        for (const v of values) expect(re.test(v)).toBe(true);
      }),
    );
  });
});

describe("names and durations", () => {
  it("rejects label names that are not identifiers", () => {
    expect(assertLabelName("destination_version")).toBe("destination_version");
    expect(() => assertLabelName('x"} or up{')).toThrow();
    expect(() => assertLabelName("1abc")).toThrow();
  });

  it("formats whole-second durations in the largest exact unit", () => {
    expect(promDuration(20)).toBe("20s");
    expect(promDuration(65)).toBe("65s");
    expect(promDuration(300)).toBe("5m");
    expect(promDuration(7200)).toBe("2h");
    expect(() => promDuration(0)).toThrow();
    expect(() => promDuration(1.5)).toThrow();
  });
});
