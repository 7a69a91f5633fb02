import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { splitLines, unifiedDiff } from "./unified";
import { yamlDiff } from "./yaml-diff";

/** Applies a unified diff to `before` (checking context, deletions and hunk headers) — the test's oracle. */
function applyUnified(before: string[], diff: string): string[] {
  const lines = splitLines(diff);
  expect(lines[0]).toMatch(/^--- /);
  expect(lines[1]).toMatch(/^\+\+\+ /);
  const out: string[] = [];
  let pos = 0;
  let i = 2;
  while (i < lines.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@$/.exec(lines[i] ?? "");
    if (!header) throw new Error(`bad hunk header ${lines[i]}`);
    const aCount = header[2] === undefined ? 1 : Number(header[2]);
    const bCount = header[4] === undefined ? 1 : Number(header[4]);
    const aStart = aCount === 0 ? Number(header[1]) : Number(header[1]) - 1;
    expect(aStart).toBeGreaterThanOrEqual(pos);
    out.push(...before.slice(pos, aStart));
    pos = aStart;
    i++;
    let seenA = 0;
    let seenB = 0;
    while (i < lines.length && !(lines[i] ?? "").startsWith("@@")) {
      const line = lines[i] as string;
      const body = line.slice(1);
      if (line.startsWith(" ") || line.startsWith("-")) {
        expect(before[pos]).toBe(body);
        pos++;
        seenA++;
      }
      if (line.startsWith(" ") || line.startsWith("+")) {
        out.push(body);
        seenB++;
      }
      i++;
    }
    expect([seenA, seenB]).toEqual([aCount, bCount]);
  }
  out.push(...before.slice(pos));
  return out;
}

const lines = fc.array(fc.constantFrom("a", "b", "c", "d", "e", "  - x", ""), { maxLength: 60 });

describe("unifiedDiff", () => {
  it("is empty for equal texts and applies back to the new text otherwise", () => {
    fc.assert(
      fc.property(lines, lines, fc.integer({ min: 0, max: 4 }), (a, b, context) => {
        const before = a.map((l) => `${l}\n`).join("");
        const after = b.map((l) => `${l}\n`).join("");
        const diff = unifiedDiff(before, after, { context });
        if (before === after) expect(diff).toBe("");
        else expect(applyUnified(splitLines(before), diff)).toEqual(splitLines(after));
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  it("prints the format of diff -u", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n";
    const after = "a\nb\nc\nD\ne\nf\ng\nh\ni\nj\nk\n";
    expect(unifiedDiff(before, after, { fromLabel: "a/spec", toLabel: "b/spec" })).toBe(
      ["--- a/spec", "+++ b/spec", "@@ -1,10 +1,11 @@", " a", " b", " c", "-d", "+D", " e", " f", " g", " h", " i", " j", "+k", ""].join("\n"),
    );
    expect(unifiedDiff("a\n", "")).toBe("--- before\n+++ after\n@@ -1 +0,0 @@\n-a\n");
    expect(unifiedDiff("", "a\n")).toBe("--- before\n+++ after\n@@ -0,0 +1 @@\n+a\n");
  });

  it("splits far-apart changes into hunks", () => {
    const a = Array.from({ length: 30 }, (_, i) => `l${i}`);
    const b = a.map((l, i) => (i === 2 || i === 25 ? `${l}!` : l));
    const diff = unifiedDiff(a.join("\n"), b.join("\n"));
    expect(diff.match(/^@@/gm)).toHaveLength(2);
    expect(diff).toContain("@@ -1,6 +1,6 @@");
    expect(diff).toContain("@@ -23,7 +23,7 @@");
  });
});

describe("yamlDiff", () => {
  it("shows a weight change as one changed line", () => {
    const before = { http: [{ route: [{ destination: { host: "a" }, weight: 50 }, { destination: { host: "b" }, weight: 50 }] }] };
    const after = { http: [{ route: [{ destination: { host: "a" }, weight: 80 }, { destination: { host: "b" }, weight: 20 }] }] };
    const diff = yamlDiff(before, after, { fromLabel: "spec (current)", toLabel: "spec (planned)" });
    expect(diff.split("\n").filter((l) => /^[-+] /.test(l))).toEqual(["-    weight: 50", "+    weight: 80", "-    weight: 50", "+    weight: 20"]);
    expect(diff).toBe(
      [
        "--- spec (current)",
        "+++ spec (planned)",
        "@@ -2,7 +2,7 @@",
        " - route:",
        "   - destination:",
        "       host: a",
        "-    weight: 50",
        "+    weight: 80",
        "   - destination:",
        "       host: b",
        "-    weight: 50",
        "+    weight: 20",
        "",
      ].join("\n"),
    );
    expect(yamlDiff(before, structuredClone(before))).toBe("");
  });

  it("treats null and absent as empty", () => {
    expect(yamlDiff(null, { a: 1 })).toBe("--- before\n+++ after\n@@ -0,0 +1 @@\n+a: 1\n");
  });
});
