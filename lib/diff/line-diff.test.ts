import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { diffLines, type DiffOp } from "./line-diff";

/** Length of a longest common subsequence, by dynamic programming (the reference). */
function lcsLength(a: readonly string[], b: readonly string[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diag = 0;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j] as number;
      row[j] = a[i - 1] === b[j - 1] ? diag + 1 : Math.max(up, row[j - 1] as number);
      diag = up;
    }
  }
  return row[b.length] as number;
}

const sides = (ops: DiffOp[]) => ({
  a: ops.filter((op) => op.kind !== "insert").map((op) => op.line),
  b: ops.filter((op) => op.kind !== "delete").map((op) => op.line),
});

// Few distinct lines, so that sequences share a lot and the search has choices.
const lines = fc.array(fc.constantFrom("a", "b", "c", "d", "  weight: 50", ""), { maxLength: 40 });

describe("diffLines", () => {
  it("reproduces both sides, and its line numbers point at them", () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const ops = diffLines(a, b);
        expect(sides(ops)).toEqual({ a, b });
        for (const op of ops) {
          if (op.kind !== "insert") expect(a[op.a]).toBe(op.line);
          if (op.kind !== "delete") expect(b[op.b]).toBe(op.line);
        }
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  it("is minimal: as many equal lines as a longest common subsequence", () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const equal = diffLines(a, b).filter((op) => op.kind === "equal").length;
        expect(equal).toBe(lcsLength(a, b));
      }),
      { numRuns: 1500 },
    );
  }, 60_000);

  it("puts deletions before insertions within a change", () => {
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const ops = diffLines(a, b);
        ops.forEach((op, i) => {
          if (op.kind === "insert" && ops[i + 1]?.kind === "delete") throw new Error("insert before delete");
        });
      }),
    );
  });

  it("handles empty sides and identical inputs", () => {
    expect(diffLines([], [])).toEqual([]);
    expect(diffLines(["x"], [])).toEqual([{ kind: "delete", line: "x", a: 0 }]);
    expect(diffLines([], ["x"])).toEqual([{ kind: "insert", line: "x", b: 0 }]);
    expect(diffLines(["x", "y"], ["x", "y"]).every((op) => op.kind === "equal")).toBe(true);
  });

  it("stays fast and exact on large inputs with few changes", () => {
    const a = Array.from({ length: 20_000 }, (_, i) => `line ${i}`);
    const b = [...a];
    b[100] = "changed";
    b.splice(15_000, 3);
    const t0 = performance.now();
    const ops = diffLines(a, b);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(ops.filter((op) => op.kind !== "equal")).toHaveLength(5);
  });

  it("falls back to replacing everything when the inputs share nothing and are huge", () => {
    const a = Array.from({ length: 6000 }, (_, i) => `a${i}`);
    const b = Array.from({ length: 6000 }, (_, i) => `b${i}`);
    const ops = diffLines(a, b);
    expect(sides(ops)).toEqual({ a, b });
  });
});
