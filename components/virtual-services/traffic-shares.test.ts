import { describe, expect, it } from "vitest";
import { destinationLabel, segmentColor, segmentWidths } from "./traffic-shares";

describe("segmentWidths", () => {
  it("is proportional to weights", () => {
    expect(segmentWidths([{ weight: 50 }, { weight: 50 }])).toEqual([50, 50]);
    expect(segmentWidths([{ weight: 1 }, { weight: 3 }])).toEqual([25, 75]);
  });

  it("keeps zero-weight destinations at zero and handles an all-zero route", () => {
    expect(segmentWidths([{ weight: 100 }, { weight: 0 }])).toEqual([100, 0]);
    expect(segmentWidths([{ weight: 0 }, { weight: 0 }])).toEqual([0, 0]);
    expect(segmentWidths([])).toEqual([]);
  });
});

describe("destinationLabel", () => {
  it("joins host, subset and port", () => {
    expect(destinationLabel({ host: "reviews", subset: "v2", port: 9080 })).toBe("reviews · v2 · :9080");
    expect(destinationLabel({ host: "productpage", subset: null, port: null })).toBe("productpage");
  });
});

describe("segmentColor", () => {
  it("cycles", () => {
    expect(segmentColor(0)).toBe(segmentColor(6));
  });
});
