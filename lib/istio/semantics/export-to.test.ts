import { describe, expect, it } from "vitest";
import { isExportedTo } from "./export-to";

describe("isExportedTo", () => {
  it("defaults to everywhere and honours . ~ and names", () => {
    expect(isExportedTo(undefined, "a", "b")).toBe(true);
    expect(isExportedTo(["*"], "a", "b")).toBe(true);
    expect(isExportedTo(["."], "a", "a")).toBe(true);
    expect(isExportedTo(["."], "a", "b")).toBe(false);
    expect(isExportedTo(["~"], "a", "a")).toBe(false);
    expect(isExportedTo(["b", "c"], "a", "b")).toBe(true);
  });
});
