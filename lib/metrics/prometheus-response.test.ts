import { describe, expect, it } from "vitest";
import { configYaml, parseSampleValue, responseBodySchema, toInstantVector, toRangeMatrix } from "./prometheus-response";

function data(body: unknown) {
  const parsed = responseBodySchema.parse(body);
  if (parsed.status !== "success") throw new Error("not success");
  return parsed.data;
}

describe("parseSampleValue", () => {
  it.each([
    ["1.5", 1.5],
    ["0", 0],
    ["1e-3", 0.001],
    ["+Inf", Infinity],
    ["Inf", Infinity],
    ["-Inf", -Infinity],
  ])("%s → %f", (text, value) => expect(parseSampleValue(text)).toBe(value));

  it("keeps NaN as NaN and rejects garbage", () => {
    expect(parseSampleValue("NaN")).toBeNaN();
    expect(parseSampleValue("")).toBeUndefined();
    expect(parseSampleValue("abc")).toBeUndefined();
  });
});

describe("Prometheus responses", () => {
  it("parses an instant vector with NaN and +Inf values", () => {
    const v = toInstantVector(
      data({
        status: "success",
        data: {
          resultType: "vector",
          result: [
            { metric: { meshdeck_version: "v1" }, value: [1795507002.58, "1.99"] },
            { metric: { meshdeck_version: "v2" }, value: [1795507002.58, "NaN"] },
            { metric: { meshdeck_version: "v3" }, value: [1795507002.58, "+Inf"] },
            { metric: { meshdeck_version: "nh" }, histogram: [1795507002.58, { count: "1", sum: "1" }] },
          ],
        },
      }),
    );
    expect(v).toHaveLength(3);
    expect(v[0]).toEqual({ metric: { meshdeck_version: "v1" }, time: 1795507002.58, value: 1.99 });
    expect(v[1]?.value).toBeNaN();
    expect(v[2]?.value).toBe(Infinity);
  });

  it("parses a range matrix and a scalar", () => {
    const m = toRangeMatrix(
      data({ status: "success", data: { resultType: "matrix", result: [{ metric: {}, values: [[1, "1"], [16, "-Inf"], [31, "NaN"]] }] } }),
    );
    expect(m[0]?.values[0]).toEqual([1, 1]);
    expect(m[0]?.values[1]).toEqual([16, -Infinity]);
    expect(m[0]?.values[2]?.[1]).toBeNaN();
    expect(toInstantVector(data({ status: "success", data: { resultType: "scalar", result: [5, "2"] } }))).toEqual([{ metric: {}, time: 5, value: 2 }]);
  });

  it("refuses a vector where a matrix is expected and vice versa", () => {
    expect(() => toRangeMatrix(data({ status: "success", data: { resultType: "vector", result: [] } }))).toThrow(/matrix/);
    expect(() => toInstantVector(data({ status: "success", data: { resultType: "matrix", result: [] } }))).toThrow(/instant/);
  });

  it("parses error bodies and rejects malformed ones", () => {
    expect(responseBodySchema.parse({ status: "error", errorType: "bad_data", error: "parse error" })).toMatchObject({ status: "error", errorType: "bad_data" });
    expect(responseBodySchema.safeParse({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [1, "oops"] }] } }).success).toBe(false);
    expect(responseBodySchema.safeParse({ status: "success", data: { resultType: "table", result: [] } }).success).toBe(false);
    expect(responseBodySchema.safeParse("<html>").success).toBe(false);
  });

  it("keeps warnings", () => {
    expect(responseBodySchema.parse({ status: "success", data: { resultType: "vector", result: [] }, warnings: ["w"] })).toMatchObject({ warnings: ["w"] });
  });

  it("reads the YAML of /api/v1/status/config", () => {
    expect(configYaml({ status: "success", data: { yaml: "global:\n  scrape_interval: 5s\n" } })).toContain("scrape_interval");
    expect(configYaml({ status: "error" })).toBeNull();
  });
});
