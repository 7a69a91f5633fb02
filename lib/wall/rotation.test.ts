import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { advance, clampPosition, pageCount, pageItems, START } from "./rotation";

describe("wall rotation", () => {
  it("goes through every page of every view, then wraps", () => {
    const counts = [1, 3, 2];
    const seen: string[] = [];
    let p = START;
    for (let i = 0; i < 7; i++) {
      seen.push(`${p.view}.${p.page}`);
      p = advance(p, counts);
    }
    expect(seen).toEqual(["0.0", "1.0", "1.1", "1.2", "2.0", "2.1", "0.0"]);
  });

  it("copes with views and page counts changing under it", () => {
    // The view shown lost pages: move on from a valid place.
    expect(clampPosition({ view: 1, page: 4 }, [1, 2])).toEqual({ view: 1, page: 0 });
    expect(advance({ view: 1, page: 4 }, [1, 2])).toEqual({ view: 1, page: 1 });
    // Fewer views than before.
    expect(advance({ view: 5, page: 0 }, [1, 1])).toEqual({ view: 1, page: 0 });
    expect(advance({ view: 0, page: 0 }, [])).toEqual(START);
    // A view with zero items still takes one page.
    expect(advance({ view: 0, page: 0 }, [0, 0])).toEqual({ view: 1, page: 0 });
  });

  it("visits every page exactly once per cycle, whatever the counts", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 8 }), (counts) => {
        const total = counts.reduce((a, c) => a + Math.max(1, c), 0);
        const seen = new Set<string>();
        let p = START;
        for (let i = 0; i < total; i++) {
          seen.add(`${p.view}.${p.page}`);
          p = advance(p, counts);
        }
        expect(seen.size).toBe(total);
        expect(p).toEqual(START);
      }),
    );
  });

  it("pages items", () => {
    expect(pageCount(0, 6)).toBe(1);
    expect(pageCount(13, 6)).toBe(3);
    expect(pageItems([1, 2, 3, 4, 5], 1, 2)).toEqual([3, 4]);
    expect(pageItems([1, 2, 3, 4, 5], 9, 2)).toEqual([5]);
    expect(pageItems([], 0, 2)).toEqual([]);
  });
});
