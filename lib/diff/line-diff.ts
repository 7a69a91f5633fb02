/**
 * Line diff (Myers' O((N+M)·D) greedy algorithm). Pure and browser-safe.
 *
 * The edit script is the shortest one; among equally short scripts deletions
 * come before insertions at each change, as `diff -u` prints them.
 */

export type DiffOp =
  | { kind: "equal"; line: string; a: number; b: number }
  | { kind: "delete"; line: string; a: number }
  | { kind: "insert"; line: string; b: number };

/** Above this many differing lines the diff is "replace everything" (bounded time). */
export const MAX_EDIT_DISTANCE = 4000;
/** Bound on the saved search frontiers (4 bytes each): ~32 MB at most. */
const MAX_TRACE_CELLS = 8_000_000;

function replaceAll(a: readonly string[], b: readonly string[], prefix: number, suffix: number): DiffOp[] {
  const ops: DiffOp[] = [];
  for (let i = 0; i < prefix; i++) ops.push({ kind: "equal", line: a[i] as string, a: i, b: i });
  for (let i = prefix; i < a.length - suffix; i++) ops.push({ kind: "delete", line: a[i] as string, a: i });
  for (let j = prefix; j < b.length - suffix; j++) ops.push({ kind: "insert", line: b[j] as string, b: j });
  for (let k = suffix; k > 0; k--) ops.push({ kind: "equal", line: a[a.length - k] as string, a: a.length - k, b: b.length - k });
  return ops;
}

/** The edit script turning `a` into `b`, as a list of equal/delete/insert operations in order. */
export function diffLines(a: readonly string[], b: readonly string[]): DiffOp[] {
  // Common prefix and suffix cost nothing and shrink the search.
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const n = a.length - prefix - suffix;
  const m = b.length - prefix - suffix;
  const at = (xs: readonly string[], i: number) => xs[prefix + i] as string;

  const max = n + m;
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max; d++) {
    if (d > MAX_EDIT_DISTANCE || (d + 1) * v.length > MAX_TRACE_CELLS) return replaceAll(a, b, prefix, suffix);
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] as number) < (v[offset + k + 1] as number));
      let x = down ? (v[offset + k + 1] as number) : (v[offset + k - 1] as number) + 1;
      let y = x - k;
      while (x < n && y < m && at(a, x) === at(b, y)) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    if (found >= 0) break;
  }

  // Walk the trace back from (n, m), collecting operations in reverse.
  const middle: DiffOp[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const vd = trace[d] as Int32Array;
    const k = x - y;
    const down = k === -d || (k !== d && (vd[offset + k - 1] as number) < (vd[offset + k + 1] as number));
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK] as number;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      middle.push({ kind: "equal", line: at(a, x), a: prefix + x, b: prefix + y });
    }
    if (down) {
      y--;
      middle.push({ kind: "insert", line: at(b, y), b: prefix + y });
    } else {
      x--;
      middle.push({ kind: "delete", line: at(a, x), a: prefix + x });
    }
  }
  while (x > 0 && y > 0) {
    x--;
    y--;
    middle.push({ kind: "equal", line: at(a, x), a: prefix + x, b: prefix + y });
  }
  middle.reverse();

  const ops: DiffOp[] = [];
  for (let i = 0; i < prefix; i++) ops.push({ kind: "equal", line: a[i] as string, a: i, b: i });
  ops.push(...groupChanges(middle));
  for (let k = suffix; k > 0; k--) ops.push({ kind: "equal", line: a[a.length - k] as string, a: a.length - k, b: b.length - k });
  return ops;
}

/** Within each run of changes, deletions first, then insertions (stable). */
function groupChanges(ops: DiffOp[]): DiffOp[] {
  const out: DiffOp[] = [];
  let deletes: DiffOp[] = [];
  let inserts: DiffOp[] = [];
  const flush = () => {
    out.push(...deletes, ...inserts);
    deletes = [];
    inserts = [];
  };
  for (const op of ops) {
    if (op.kind === "delete") deletes.push(op);
    else if (op.kind === "insert") inserts.push(op);
    else {
      flush();
      out.push(op);
    }
  }
  flush();
  return out;
}
