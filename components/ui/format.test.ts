import { describe, expect, it } from "vitest";
import { formatAgo, formatMillis, formatPercent, formatRate, formatSeconds, formatShare } from "./format";

describe("formatSeconds", () => {
  it("keeps seconds up to 90 and rounds larger durations to minutes and hours", () => {
    expect(formatSeconds(65)).toBe("65 s");
    expect(formatSeconds(120)).toBe("2 min");
    expect(formatSeconds(3600)).toBe("1 h");
    expect(formatSeconds(3900)).toBe("1 h 5 min");
  });
});

describe("formatAgo", () => {
  it("says just now under a second", () => {
    expect(formatAgo(1000, 1500)).toBe("just now");
    expect(formatAgo(0, 3000)).toBe("3 s ago");
  });
});

describe("number formats", () => {
  it("formats shares, rates, latencies and ratios", () => {
    expect(formatShare(0.505)).toBe("51%");
    expect(formatShare(null)).toBe("–");
    expect(formatRate(4.2345)).toBe("4.23 req/s");
    expect(formatRate(0)).toBe("0 req/s");
    expect(formatRate(123.4)).toBe("123 req/s");
    expect(formatMillis(4.31)).toBe("4.3 ms");
    expect(formatMillis(1400)).toBe("1.40 s");
    expect(formatPercent(0.005)).toBe("0.5%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatPercent(null)).toBe("–");
  });
});
