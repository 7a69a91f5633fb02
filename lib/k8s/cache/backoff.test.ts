import { describe, expect, it } from "vitest";
import { backoffDelay, randomBetween } from "./backoff";

describe("backoffDelay", () => {
  const policy = { baseMs: 500, maxMs: 30_000, factor: 2 };

  it("doubles per attempt within [ceiling/2, ceiling] and caps at maxMs", () => {
    expect(backoffDelay(1, policy, () => 0)).toBe(250);
    expect(backoffDelay(1, policy, () => 1)).toBe(500);
    expect(backoffDelay(3, policy, () => 0)).toBe(1000);
    expect(backoffDelay(3, policy, () => 1)).toBe(2000);
    expect(backoffDelay(20, policy, () => 1)).toBe(30_000);
    expect(backoffDelay(20, policy, () => 0)).toBe(15_000);
  });

  it("treats attempts below 1 as the first", () => {
    expect(backoffDelay(0, policy, () => 1)).toBe(500);
    expect(backoffDelay(-3, policy, () => 1)).toBe(500);
  });

  it("spreads retries (jitter)", () => {
    const values = new Set(Array.from({ length: 50 }, () => backoffDelay(5, policy)));
    expect(values.size).toBeGreaterThan(10);
  });
});

describe("randomBetween", () => {
  it("stays within bounds inclusive", () => {
    expect(randomBetween(300, 600, () => 0)).toBe(300);
    expect(randomBetween(300, 600, () => 0.999999)).toBe(600);
  });
});
