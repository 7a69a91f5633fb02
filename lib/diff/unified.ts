import { diffLines, type DiffOp } from "./line-diff";

export interface UnifiedDiffOptions {
  /** Label of the old side (`--- label`). Default "before". */
  fromLabel?: string;
  /** Label of the new side (`+++ label`). Default "after". */
  toLabel?: string;
  /** Unchanged lines shown around each change. Default 3, as `diff -u`. */
  context?: number;
}

/** Text to lines; a final newline does not make an empty last line. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

function range(start: number, count: number): string {
  // GNU diff: a hunk side with no lines names the line before it.
  const first = count === 0 ? start : start + 1;
  return count === 1 ? `${first}` : `${first},${count}`;
}

/**
 * Unified diff (`diff -u` format, without file timestamps) of two texts, line
 * by line; "" when they are equal. Lines are compared exactly (no whitespace
 * folding); CRLF and LF line ends count as the same.
 */
export function unifiedDiff(before: string, after: string, options: UnifiedDiffOptions = {}): string {
  const context = Math.max(0, Math.floor(options.context ?? 3));
  const ops = diffLines(splitLines(before), splitLines(after));
  const changed = ops.flatMap((op, i) => (op.kind === "equal" ? [] : [i]));
  if (changed.length === 0) return "";

  // Group changes whose context windows touch or overlap into one hunk.
  const hunks: { start: number; end: number }[] = [];
  for (const i of changed) {
    const last = hunks[hunks.length - 1];
    const start = Math.max(0, i - context);
    if (last && start <= last.end + 1) last.end = Math.min(ops.length - 1, i + context);
    else hunks.push({ start, end: Math.min(ops.length - 1, i + context) });
  }

  const out = [`--- ${options.fromLabel ?? "before"}`, `+++ ${options.toLabel ?? "after"}`];
  for (const { start, end } of hunks) {
    const slice: DiffOp[] = ops.slice(start, end + 1);
    // Line numbers (0-based) where the hunk starts on each side.
    let aStart = 0;
    let bStart = 0;
    for (let i = 0; i < start; i++) {
      const op = ops[i] as DiffOp;
      if (op.kind !== "insert") aStart++;
      if (op.kind !== "delete") bStart++;
    }
    const aCount = slice.filter((op) => op.kind !== "insert").length;
    const bCount = slice.filter((op) => op.kind !== "delete").length;
    out.push(`@@ -${range(aStart, aCount)} +${range(bStart, bCount)} @@`);
    for (const op of slice) out.push(`${op.kind === "equal" ? " " : op.kind === "delete" ? "-" : "+"}${op.line}`);
  }
  return `${out.join("\n")}\n`;
}
