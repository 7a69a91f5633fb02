import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatRfc3339, formatSeconds, goDurationMillis, parseTime, pauseDurationSeconds } from "./durations";

describe("pauseDurationSeconds (RolloutPause.DurationSeconds)", () => {
  it("reads integers, digit strings and Go durations, truncating to seconds", () => {
    expect(pauseDurationSeconds(undefined)).toBe(0);
    expect(pauseDurationSeconds(null)).toBe(0);
    expect(pauseDurationSeconds(30)).toBe(30);
    expect(pauseDurationSeconds("45")).toBe(45);
    expect(pauseDurationSeconds("+7")).toBe(7);
    expect(pauseDurationSeconds("30s")).toBe(30);
    expect(pauseDurationSeconds("1h30m")).toBe(5400);
    expect(pauseDurationSeconds("1.9s")).toBe(1);
    expect(pauseDurationSeconds("500ms")).toBe(0);
  });

  it("is -1 for what Go cannot parse (Argo then treats the pause as over)", () => {
    expect(pauseDurationSeconds("soon")).toBe(-1);
    expect(pauseDurationSeconds("10")).toBe(10);
    expect(pauseDurationSeconds("10x")).toBe(-1);
    expect(pauseDurationSeconds("")).toBe(-1);
  });

  it("agrees for every integer written as a number, a string or seconds", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (n): void => {
        expect(pauseDurationSeconds(n)).toBe(n);
        expect(pauseDurationSeconds(String(n))).toBe(n);
        if (n < 1e9) expect(pauseDurationSeconds(`${n}s`)).toBe(n);
      }),
    );
  });
});

describe("time helpers", () => {
  it("formats seconds with two units at most", () => {
    expect(formatSeconds(0)).toBe("0 s");
    expect(formatSeconds(12.4)).toBe("12 s");
    expect(formatSeconds(60)).toBe("1 min");
    expect(formatSeconds(3599)).toBe("59 min 59 s");
    expect(formatSeconds(3600)).toBe("1 h");
    expect(formatSeconds(5400)).toBe("1 h 30 min");
    expect(formatSeconds(90_000)).toBe("1 d 1 h");
    expect(formatSeconds(-5)).toBe("0 s");
  });

  it("writes RFC 3339 as Go does for a UTC time: whole seconds, truncated", () => {
    expect(formatRfc3339(Date.parse("2025-06-01T10:20:30.999Z"))).toBe("2025-06-01T10:20:30Z");
  });

  it("parses times and Go durations", () => {
    expect(parseTime("2025-01-01T00:00:00Z")).toBe(Date.UTC(2025, 0, 1));
    expect(parseTime("")).toBeNull();
    expect(parseTime("yesterday")).toBeNull();
    expect(goDurationMillis("1m30s")).toBe(90_000);
    expect(goDurationMillis("10")).toBeNull();
  });
});
