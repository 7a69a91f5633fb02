import { describe, expect, it } from "vitest";
import { balanceColumns } from "./balance-columns";

describe("balanceColumns", () => {
  it("puts each item in the shortest column, keeping order", () => {
    const items = [
      { id: "a", h: 3 },
      { id: "b", h: 3 },
      { id: "c", h: 10 },
      { id: "d", h: 2 },
      { id: "e", h: 2 },
    ];
    expect(balanceColumns(items, (i) => i.h).map((col) => col.map((i) => i.id))).toEqual([
      ["a", "c"],
      ["b", "d", "e"],
    ]);
  });

  it("handles one column and no items", () => {
    expect(balanceColumns([1, 2], () => 1, 1)).toEqual([[1, 2]]);
    expect(balanceColumns([], () => 1)).toEqual([[], []]);
  });
});
