import { describe, expect, it } from "vitest";
import { queryObject } from "./query";
import { finiteOrNull, serviceMetricsParamsSchema, serviceMetricsQuerySchema, toSampleValue } from "./metrics";

const parse = (qs: string) => serviceMetricsQuerySchema.safeParse(queryObject(new URLSearchParams(qs)));

describe("service metrics parameters", () => {
  it("defaults to a 5 minute window and the automatic reporter", () => {
    expect(parse("")).toMatchObject({ success: true, data: { window: "5m", reporter: "auto" } });
    expect(parse("window=24h&reporter=source")).toMatchObject({ success: true, data: { window: "24h", reporter: "source" } });
  });

  it.each(["window=2m", "window=", "window=5m&window=1h", "reporter=waypoint", "windw=5m", "window=5m;drop"])("rejects %s", (qs) => {
    expect(parse(qs).success).toBe(false);
  });

  it("validates names as DNS-1123 labels", () => {
    expect(serviceMetricsParamsSchema.safeParse({ namespace: "bookinfo", name: "reviews" }).success).toBe(true);
    for (const bad of [{ namespace: "Bookinfo", name: "reviews" }, { namespace: "bookinfo", name: 'r"}' }, { namespace: "bookinfo", name: "a.b" }, { namespace: "bookinfo", name: "-r" }]) {
      expect(serviceMetricsParamsSchema.safeParse(bad).success).toBe(false);
    }
  });
});

describe("sample values", () => {
  it("encode NaN and infinities for JSON and decode for charts", () => {
    expect([NaN, Infinity, -Infinity, 1.5].map(toSampleValue)).toEqual([null, "+Inf", "-Inf", 1.5]);
    expect([null, "+Inf", 2, undefined].map((v) => finiteOrNull(v as never))).toEqual([null, null, 2, null]);
  });
});
