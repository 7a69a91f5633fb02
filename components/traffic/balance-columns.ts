/**
 * Splits items into `columns` lists of similar total height: each item goes
 * to the currently shortest column (ties: the leftmost), order kept within a
 * column. Reading order is column by column.
 */
export function balanceColumns<T>(items: readonly T[], height: (item: T) => number, columns = 2): T[][] {
  const out: T[][] = Array.from({ length: Math.max(1, columns) }, () => []);
  const heights = out.map(() => 0);
  for (const item of items) {
    let target = 0;
    for (let i = 1; i < heights.length; i++) if ((heights[i] ?? 0) < (heights[target] ?? 0)) target = i;
    out[target]?.push(item);
    heights[target] = (heights[target] ?? 0) + Math.max(0, height(item));
  }
  return out;
}
