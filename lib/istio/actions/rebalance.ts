// Slider arithmetic for the traffic-split UI. Pure and browser-safe: every
// result is a list of integers 0–100 summing to 100.

function assertValid(weights: readonly number[], locked: readonly boolean[]): void {
  if (weights.length === 0) return;
  const ok = weights.every((w) => Number.isInteger(w) && w >= 0 && w <= 100);
  const sum = weights.reduce((a, b) => a + b, 0);
  if (!ok || sum !== 100) throw new RangeError(`weights must be integers 0-100 summing to 100, got [${weights.join(", ")}]`);
  if (locked.length > weights.length) throw new RangeError("more lock flags than weights");
}

/**
 * Splits `total` over `indices` in proportion to `basis` with the
 * largest-remainder method (ties: the larger basis, then the lower index).
 * When the basis is all zero the split is even (ties to the lower index).
 */
export function largestRemainder(total: number, basis: readonly number[]): number[] {
  if (basis.length === 0) return [];
  const sum = basis.reduce((a, b) => a + b, 0);
  const shares = sum > 0 ? basis.map((b) => (total * b) / sum) : basis.map(() => total / basis.length);
  const out = shares.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = shares
    .map((share, i) => ({ i, frac: share - Math.floor(share), basis: basis[i] ?? 0 }))
    .sort((a, b) => b.frac - a.frac || b.basis - a.basis || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left--;
  }
  return out;
}

/**
 * Moves slider `index` to `newValue` (rounded, clamped to what the locked
 * sliders leave) and rebalances the other unlocked sliders proportionally to
 * their current values (even split when they are all 0). Locked sliders never
 * change. If no other slider is unlocked the moved one cannot move: it keeps
 * the only value that sums to 100. Moving a locked slider changes nothing.
 * Throws RangeError unless `weights` are integers 0–100 summing to 100.
 */
export function rebalance(weights: readonly number[], index: number, newValue: number, locked: readonly boolean[] = []): number[] {
  assertValid(weights, locked);
  if (index < 0 || index >= weights.length) throw new RangeError(`no slider #${index}`);
  if (locked[index]) return [...weights];
  const lockedSum = weights.reduce((sum, w, i) => (i !== index && locked[i] ? sum + w : sum), 0);
  const free = weights.flatMap((_, i) => (i !== index && !locked[i] ? [i] : []));
  const room = 100 - lockedSum;
  const wanted = Number.isFinite(newValue) ? Math.round(newValue) : (weights[index] ?? 0);
  const value = free.length === 0 ? room : Math.min(room, Math.max(0, wanted));
  const split = largestRemainder(
    room - value,
    free.map((i) => weights[i] ?? 0),
  );
  const out = [...weights];
  out[index] = value;
  free.forEach((i, k) => (out[i] = split[k] ?? 0));
  return out;
}

/**
 * Even split of what the locked sliders leave over the unlocked ones
 * (remainder to the first ones). `weights` defaults to all zero, in which case
 * locks are ignored; with no unlocked slider the weights are returned as they are.
 */
export function evenSplit(n: number, locked: readonly boolean[] = [], weights?: readonly number[]): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError("n must be a non-negative integer");
  if (n === 0) return [];
  if (!weights) return largestRemainder(100, new Array<number>(n).fill(0));
  if (weights.length !== n) throw new RangeError(`expected ${n} weights, got ${weights.length}`);
  assertValid(weights, locked);
  const free = weights.flatMap((_, i) => (locked[i] ? [] : [i]));
  if (free.length === 0) return [...weights];
  const lockedSum = weights.reduce((sum, w, i) => (locked[i] ? sum + w : sum), 0);
  const split = largestRemainder(100 - lockedSum, new Array<number>(free.length).fill(0));
  const out = [...weights];
  free.forEach((i, k) => (out[i] = split[k] ?? 0));
  return out;
}
