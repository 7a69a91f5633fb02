import { describe, expect, it } from "vitest";
import { faultInputSchema } from "./fault";
import { httpRouteWeightsInputSchema } from "./http-route-weights";
import { MAX_REGEX_LENGTH } from "@/lib/istio/semantics/regex";
import { headerConditionSchema, MAX_COOKIE_LENGTH, MAX_HEADER_NAME_LENGTH, MAX_HEADER_VALUE_LENGTH } from "./schemas";
import { addTestRouteInputSchema } from "./test-routes";

const destination = { host: "reviews" };

describe("every string of an action's input is bounded", () => {
  it("header names and values", () => {
    expect(headerConditionSchema.safeParse({ name: "x".repeat(MAX_HEADER_NAME_LENGTH), value: "v" }).success).toBe(true);
    expect(headerConditionSchema.safeParse({ name: "x".repeat(MAX_HEADER_NAME_LENGTH + 1), value: "v" }).success).toBe(false);
    expect(headerConditionSchema.safeParse({ name: "x-a", value: "v".repeat(MAX_HEADER_VALUE_LENGTH) }).success).toBe(true);
    // The 40 kB header value.
    expect(addTestRouteInputSchema.safeParse({ header: { name: "x-a", value: "v".repeat(40_000) }, destination }).success).toBe(false);
    expect(faultInputSchema.safeParse({ abort: { httpStatus: 500 }, onlyForHeader: { name: "x-a", value: "v".repeat(MAX_HEADER_VALUE_LENGTH + 1) } }).success).toBe(false);
  });

  it("header values: no control characters (tab allowed)", () => {
    expect(headerConditionSchema.safeParse({ name: "x-a", value: "a\tb" }).success).toBe(true);
    for (const bad of ["a\u0000", "a\r\nb", "a\u0007", "a\u007f"]) expect(headerConditionSchema.safeParse({ name: "x-a", value: bad }).success).toBe(false);
  });

  it("regexes, cookies, route names", () => {
    const regex = (value: string) => addTestRouteInputSchema.safeParse({ header: { name: "x-a", match: "regex", value }, destination }).success;
    expect(regex("a".repeat(MAX_REGEX_LENGTH))).toBe(true);
    expect(regex("a".repeat(MAX_REGEX_LENGTH + 1))).toBe(false);
    const cookie = (name: string, value: string) => addTestRouteInputSchema.safeParse({ cookie: { name, value }, destination }).success;
    expect(cookie("user", "c".repeat(MAX_COOKIE_LENGTH))).toBe(true);
    expect(cookie("user", "c".repeat(MAX_COOKIE_LENGTH + 1))).toBe(false);
    expect(cookie("u".repeat(MAX_HEADER_NAME_LENGTH + 1), "c")).toBe(false);
    expect(addTestRouteInputSchema.safeParse({ name: "r".repeat(254), header: { name: "x-a", value: "v" }, destination }).success).toBe(false);
  });

  it("Gateway API backend references follow BackendObjectReference's bounds", () => {
    const weights = (backend: Record<string, unknown>) => httpRouteWeightsInputSchema.safeParse({ weights: [{ name: "svc", weight: 100, ...backend }] }).success;
    expect(weights({})).toBe(true);
    expect(weights({ name: "n".repeat(254) })).toBe(false);
    expect(weights({ group: "", kind: "Service" })).toBe(true);
    expect(weights({ group: "Not A Group" })).toBe(false);
    expect(weights({ kind: "k".repeat(64) })).toBe(false);
    expect(weights({ kind: "Ser vice" })).toBe(false);
  });
});
