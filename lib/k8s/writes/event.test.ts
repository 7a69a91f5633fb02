import { describe, expect, it } from "vitest";
import { eventName, microTime } from "./event";

describe("event helpers", () => {
  it("formats MicroTime with six fractional digits", () => {
    expect(microTime(new Date("2026-01-02T03:04:05.678Z"))).toBe("2026-01-02T03:04:05.678000Z");
  });

  it("names events like client-go: object.hex-nanoseconds, a valid DNS subdomain", () => {
    const when = new Date("2026-01-02T03:04:05.678Z");
    const name = eventName("reviews", when);
    expect(name).toMatch(/^reviews\.[0-9a-f]+$/);
    const nanos = BigInt(`0x${name.split(".")[1]}`);
    expect(nanos / 1_000_000n).toBe(BigInt(when.getTime()));
    expect(eventName("x".repeat(253), when).length).toBeLessThanOrEqual(253);
  });
});
