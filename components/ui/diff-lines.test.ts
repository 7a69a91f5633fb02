import { describe, expect, it } from "vitest";
import { diffLineKind, diffStats } from "./diff-lines";

describe("diffLineKind", () => {
  it("tells headers, hunks, additions and removals apart", () => {
    expect(diffLineKind("--- before")).toBe("header");
    expect(diffLineKind("+++ after")).toBe("header");
    expect(diffLineKind("@@ -1,3 +1,3 @@")).toBe("hunk");
    expect(diffLineKind("+  weight: 80")).toBe("add");
    expect(diffLineKind("-  weight: 50")).toBe("remove");
    expect(diffLineKind("   host: a")).toBe("context");
  });
});

describe("diffStats", () => {
  it("counts changed lines, not headers", () => {
    expect(diffStats("--- a\n+++ b\n@@ -1 +1 @@\n-x\n+y\n+z\n")).toEqual({ added: 2, removed: 1 });
  });
});
