import { describe, expect, it } from "vitest";
import { groupByNamespace } from "./group-by-namespace";

describe("groupByNamespace", () => {
  it("groups and sorts by namespace, keeping item order", () => {
    const groups = groupByNamespace([
      { namespace: "b", name: "x" },
      { namespace: "a", name: "z" },
      { namespace: "b", name: "y" },
    ]);
    expect(groups).toEqual([
      { namespace: "a", items: [{ namespace: "a", name: "z" }] },
      {
        namespace: "b",
        items: [
          { namespace: "b", name: "x" },
          { namespace: "b", name: "y" },
        ],
      },
    ]);
  });
});
