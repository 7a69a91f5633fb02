import { describe, expect, it } from "vitest";
import { formatEventId, newInstanceId, parseEventId } from "./event-id";

describe("event ids", () => {
  it("round-trips instance and sequence", () => {
    const instance = newInstanceId();
    expect(instance).toMatch(/^[a-z0-9]{10}$/);
    expect(parseEventId(formatEventId(instance, 42))).toEqual({ instance, seq: 42 });
    expect(parseEventId(` ${instance}-0 `)).toEqual({ instance, seq: 0 });
  });

  it("gives different instances different ids", () => {
    expect(new Set(Array.from({ length: 20 }, newInstanceId)).size).toBe(20);
  });

  it.each([null, undefined, "", "42", "abc-1", "ABCD-1", "abcd-", "abcd--1", "abcd-01", "abcd-1.5", "abcd-99999999999999999", "abcd-1-2", "a b c d-1"])(
    "rejects %j",
    (value) => {
      expect(parseEventId(value)).toBeNull();
    },
  );

  it("refuses to format invalid parts", () => {
    expect(() => formatEventId("UP", 1)).toThrow();
    expect(() => formatEventId("abcd", -1)).toThrow();
    expect(() => formatEventId("abcd", 1.5)).toThrow();
  });
});
