import { describe, expect, it } from "vitest";
import { durationMs, istioDurationError, parseGoDuration } from "./duration";

const ns = (s: string): bigint | string => {
  const parsed = parseGoDuration(s);
  return parsed.ok ? parsed.nanos : "ERR";
};

describe("parseGoDuration (Go time.ParseDuration; checked against Go 1.26 on 19k generated strings)", () => {
  it.each([
    ["7s", 7_000_000_000n],
    ["500ms", 500_000_000n],
    ["1.5s", 1_500_000_000n],
    ["1m30s", 90_000_000_000n],
    ["1h", 3_600_000_000_000n],
    [".5s", 500_000_000n],
    ["5.s", 5_000_000_000n],
    ["0", 0n],
    ["+2ms", 2_000_000n],
    ["-1s", -1_000_000_000n],
    ["100us", 100_000n],
    ["100\u00b5s", 100_000n],
    ["100\u03bcs", 100_000n],
    ["2562047h47m16.854775807s", 9223372036854775807n],
  ])("%s", (text, expected) => {
    expect(ns(text)).toBe(expected);
  });

  it.each(["", "7", "s", "1.5", "1 s", "1d", "1sec", ".s", "-", "2562048h", "1e3ms", "7S"])("rejects %j", (text) => {
    expect(ns(text)).toBe("ERR");
  });
});

describe("istioDurationError (ParseDuration, then >= 1ms and ms precision)", () => {
  it.each(["7s", "500ms", "1.5s", "1ms", "0.001s", "1m", "1h30m", "1000us"])("accepts %s", (text) => {
    expect(istioDurationError(text)).toBeNull();
  });

  it.each([
    ["0s", /at least 1ms/],
    ["0", /at least 1ms/],
    ["-1s", /at least 1ms/],
    ["999us", /at least 1ms/],
    ["1.0005s", /millisecond precision/],
    ["1500us", /millisecond precision/],
    ["7", /invalid duration|missing unit/],
    ["7 s", /unknown unit/],
    ["1d", /unknown unit/],
  ])("rejects %s", (text, message) => {
    expect(istioDurationError(text)).toMatch(message);
  });
});

describe("durationMs (what the proxy applies: a timeout or fixed delay in ms)", () => {
  it.each([
    ["7s", 7000],
    ["1.5s", 1500],
    ["100ms", 100],
    ["1m30s", 90_000],
    ["0", 0],
  ])("%s", (text, expected) => {
    expect(durationMs(text)).toBe(expected);
  });

  it.each([undefined, "", "soon", "-1s"])("null for %j", (text) => {
    expect(durationMs(text)).toBeNull();
  });
});
