import { describe, expect, it } from "vitest";
import { dotsDue, expire, MAX_DOTS_PER_SECOND, mergeBuckets, pushBounded, sampleDot, type Dot } from "./sampler";

describe("live traffic sampler", () => {
  it("caps dots per second and carries fractions", () => {
    expect(dotsDue(1000, 1000, 0).count).toBe(MAX_DOTS_PER_SECOND);
    const a = dotsDue(2, 250, 0);
    expect(a.count).toBe(0);
    const b = dotsDue(2, 250, a.carry);
    expect(b.count).toBe(1);
  });
  it("samples versions by rate and errors by ratio", () => {
    const seq = [0.9, 0.0, 0.5];
    let i = 0;
    const dot = sampleDot({ stable: { ok: 9, error: 0 }, canary: { ok: 0, error: 1 } }, 10, 1, () => seq[i++ % seq.length]!);
    expect(dot).toMatchObject({ version: "canary", error: true });
    expect(sampleDot({}, 0, 1, Math.random)).toBeNull();
  });
  it("keeps buffers bounded for hours", () => {
    const buf: number[] = [];
    for (let k = 0; k < 10_000; k++) pushBounded(buf, [k], 100);
    expect(buf).toHaveLength(100);
    expect(buf[0]).toBe(9_900);
    const dots: Dot[] = [1, 2, 3].map((born) => ({ version: "v", error: false, born, lane: 0 }));
    expect(expire(dots, 10, 8).map((d) => d.born)).toEqual([2, 3]);
    const merged = mergeBuckets([{ t: 1, rates: {} }, { t: 2, rates: {} }], [{ t: 2, rates: { a: { ok: 1, error: 0 } } }, { t: 3, rates: {} }], 2);
    expect(merged.map((b) => b.t)).toEqual([2, 3]);
    expect(merged[0]?.rates.a?.ok).toBe(1);
  });
});
