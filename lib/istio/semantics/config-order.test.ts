import { describe, expect, it } from "vitest";
import { compareConfigAge } from "./config-order";

describe("compareConfigAge (pilot's configCompareByCreationTime)", () => {
  it("orders oldest first, then by name, then by namespace", () => {
    const items = [
      { name: "b", namespace: "x", creationTimestamp: "2026-01-01T00:00:00Z" },
      { name: "a", namespace: "y", creationTimestamp: "2026-01-01T00:00:00Z" },
      { name: "a", namespace: "x", creationTimestamp: "2026-01-01T00:00:00Z" },
      { name: "z", namespace: "z", creationTimestamp: "2025-06-01T00:00:00Z" },
    ];
    expect([...items].sort(compareConfigAge).map((i) => `${i.namespace}/${i.name}`)).toEqual(["z/z", "x/a", "y/a", "x/b"]);
  });

  it("compares byte-wise, not by locale", () => {
    expect(compareConfigAge({ name: "B" }, { name: "a" })).toBeLessThan(0);
  });
});
