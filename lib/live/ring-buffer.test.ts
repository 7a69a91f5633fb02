import { describe, expect, it } from "vitest";
import { RingBuffer } from "./ring-buffer";

describe("RingBuffer", () => {
  it("keeps the newest `capacity` items and returns what it evicts", () => {
    const ring = new RingBuffer<number>(3);
    expect([ring.push(1), ring.push(2), ring.push(3)]).toEqual([undefined, undefined, undefined]);
    expect(ring.push(4)).toBe(1);
    expect(ring.push(5)).toBe(2);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect([ring.oldest(), ring.newest(), ring.size]).toEqual([3, 5, 3]);
    expect(ring.at(3)).toBeUndefined();
  });

  it("returns items after a position by binary search", () => {
    const ring = new RingBuffer<number>(5);
    for (let i = 1; i <= 12; i++) ring.push(i);
    expect(ring.after((n) => n <= 9)).toEqual([10, 11, 12]);
    expect(ring.after((n) => n <= 0)).toEqual([8, 9, 10, 11, 12]);
    expect(ring.after((n) => n <= 12)).toEqual([]);
  });

  it("rejects a non-positive capacity", () => {
    expect(() => new RingBuffer(0)).toThrow();
  });
});
