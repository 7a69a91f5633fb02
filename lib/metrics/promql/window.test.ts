import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { METRICS_WINDOWS } from "@/lib/api/metrics";
import { MAX_POINTS, parsePromDuration, rangeFor, stepFor, WINDOW_SECONDS } from "./window";

const now = Date.UTC(2026, 10, 24, 12, 34, 56, 789);

describe("rangeFor", () => {
  it.each([
    ["1m", 5, 20],
    ["5m", 15, 20],
    ["15m", 30, 35],
    ["30m", 30, 35],
    ["1h", 60, 65],
    ["3h", 120, 125],
    ["6h", 300, 305],
    ["12h", 600, 605],
    ["24h", 1200, 1205],
  ] as const)("%s → step %i s, rate window %i s (scrape 5 s)", (window, step, rateWindow) => {
    const r = rangeFor(window, now, 5);
    expect(r.step).toBe(step);
    expect(r.rateWindow).toBe(rateWindow);
    expect(r.lagSeconds).toBe(5 + rateWindow);
  });

  it("aligns start and end to the step, end ≤ now, covering the window", () => {
    const r = rangeFor("5m", now);
    expect(r.end % r.step).toBe(0);
    expect(r.start % r.step).toBe(0);
    expect(r.end).toBeLessThanOrEqual(now / 1000);
    expect(now / 1000 - r.end).toBeLessThan(r.step);
    expect(r.end - r.start).toBe(300);
    expect(r.points).toBe(21);
  });

  it("gives every caller within one step the same range (so queries coalesce)", () => {
    const a = rangeFor("1h", Date.UTC(2026, 0, 1, 10, 0, 1));
    const b = rangeFor("1h", Date.UTC(2026, 0, 1, 10, 0, 59));
    expect(a).toEqual(b);
  });

  it("follows a slower scrape interval (15 s: never a step below it, rate window ≥ 4 × scrape)", () => {
    const r = rangeFor("1m", now, 15);
    expect(r.step).toBe(15);
    expect(r.rateWindow).toBe(60);
    expect(r.lagSeconds).toBe(75);
  });

  it("holds its invariants for every window and scrape interval", () => {
    fc.assert(
      fc.property(fc.constantFrom(...METRICS_WINDOWS), fc.integer({ min: 1, max: 120 }), fc.integer({ min: 0, max: 4e12 }), (window, scrape, t) => {
        const r = rangeFor(window, t, scrape);
        expect(r.points).toBeLessThanOrEqual(MAX_POINTS);
        expect(r.step).toBeGreaterThanOrEqual(scrape);
        expect(r.rateWindow).toBeGreaterThanOrEqual(4 * scrape);
        expect(r.rateWindow).toBeGreaterThanOrEqual(r.step);
        expect(r.end - r.start).toBeGreaterThanOrEqual(WINDOW_SECONDS[window]);
        expect(r.end % r.step).toBe(0);
      }),
    );
  });

  it("stepFor keeps any window length under the point budget", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 90 * 86400 }), fc.integer({ min: 1, max: 60 }), (w, scrape) => {
        const step = stepFor(w, scrape);
        expect(Math.ceil(w / step) + 1).toBeLessThanOrEqual(MAX_POINTS);
        expect(step).toBeGreaterThanOrEqual(scrape);
      }),
    );
  });
});

describe("parsePromDuration", () => {
  it.each([
    ["5s", 5],
    ["15s", 15],
    ["1m", 60],
    ["1m30s", 90],
    ["500ms", 0.5],
    ["2h", 7200],
  ])("%s = %f s", (text, seconds) => expect(parsePromDuration(text)).toBe(seconds));

  it.each(["", "5", "s", "1.5m", "-5s", "5 s"])("rejects %j", (text) => expect(parsePromDuration(text)).toBeNull());
});
