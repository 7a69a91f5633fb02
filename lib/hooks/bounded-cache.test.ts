import { describe, expect, it } from "vitest";
import { BoundedCache } from "./bounded-cache";

describe("BoundedCache", () => {
  it("keeps at most max entries, dropping the least recently used", () => {
    const c = new BoundedCache<number>(2);
    c.set("a", 1);
    c.set("b", 2);
    expect(c.get("a")).toBe(1); // a is now the most recent
    c.set("c", 3);
    expect([...c.keys()]).toEqual(["a", "c"]);
    expect(c.get("b")).toBeUndefined();
    c.set("a", 4);
    c.set("d", 5);
    expect([...c.keys()]).toEqual(["a", "d"]);
    c.delete("a");
    expect(c.size).toBe(1);
  });

  it("stays bounded however many keys pass through", () => {
    const c = new BoundedCache<number>(50);
    for (let i = 0; i < 10_000; i++) c.set(`k${i}`, i);
    expect(c.size).toBe(50);
    expect(c.get("k9999")).toBe(9999);
    expect(() => new BoundedCache(0)).toThrow(RangeError);
  });
});
