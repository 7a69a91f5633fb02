import { describe, expect, it } from "vitest";
import { FrameBudget } from "./frame-budget";

function run(b: FrameBudget, from: number, frames: number, intervalMs: number, drawMs: number): { now: number; changes: number } {
  let now = from;
  let changes = 0;
  for (let i = 0; i < frames; i++) {
    now += intervalMs;
    if (b.frame(now, intervalMs, drawMs)) changes++;
  }
  return { now, changes };
}

describe("FrameBudget", () => {
  it("stays at full budget while frames are fast", () => {
    const b = new FrameBudget();
    run(b, 0, 600, 16.7, 1.5);
    expect(b.fraction).toBe(1);
  });

  it("steps down when frames get slow, then off, and retries after a doubling back-off", () => {
    const b = new FrameBudget({ retryMs: 10_000 });
    // Each level gets 20 frames to show it is fast enough.
    let { now } = run(b, 0, 25, 60, 2);
    expect(b.fraction).toBe(0.5);
    ({ now } = run(b, now, 20, 60, 2));
    expect(b.fraction).toBe(0.25);
    ({ now } = run(b, now, 20, 60, 2));
    expect(b.off).toBe(true);
    // Nothing is recorded while off.
    expect(b.frame(now + 16, 16, 1)).toBe(false);
    expect(b.retry(now + 5_000)).toBe(false);
    expect(b.retryIn(now + 5_000)).toBeGreaterThan(4_000);
    expect(b.retryIn(now + 5_000)).toBeLessThanOrEqual(5_000);
    expect(b.retry(now + 10_001)).toBe(true);
    expect(b.fraction).toBe(0.25);
    // Still slow: off again, and the next retry waits twice as long.
    ({ now } = run(b, now + 10_001, 20, 60, 2));
    expect(b.off).toBe(true);
    expect(b.retry(now + 15_000)).toBe(false);
    expect(b.retry(now + 20_001)).toBe(true);
  });

  it("steps down when drawing the dots is what is slow", () => {
    const b = new FrameBudget();
    run(b, 0, 40, 16.7, 20);
    expect(b.level).toBeGreaterThan(0);
  });

  it("climbs back after fast frames for recoverAfterMs", () => {
    const b = new FrameBudget({ recoverAfterMs: 2_000 });
    let { now } = run(b, 0, 25, 60, 2);
    expect(b.level).toBe(1);
    ({ now } = run(b, now, 60, 16.7, 1)); // smoothing catches up, then 1 s of fast frames
    expect(b.level).toBe(1);
    run(b, now, 200, 16.7, 1);
    expect(b.level).toBe(0);
  });

  it("ignores the first interval after a pause", () => {
    const b = new FrameBudget();
    run(b, 0, 100, 16.7, 1);
    b.reset();
    expect(b.frame(10_000, 5_000, 1)).toBe(false);
    run(b, 10_000, 100, 16.7, 1);
    expect(b.level).toBe(0);
  });
});
