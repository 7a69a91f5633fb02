import { describe, expect, it } from "vitest";
import { overviewSearch, parseMetricsWindow, parseOverviewState, routeAnchor, serviceHref, withMetricsWindow } from "./url-state";

describe("overview URL state", () => {
  it("reads namespace and window, falling back to defaults on bad values", () => {
    expect(parseOverviewState(new URLSearchParams("namespace=bookinfo&window=5m"))).toEqual({ namespace: "bookinfo", window: "5m" });
    expect(parseOverviewState(new URLSearchParams("namespace=Not_Valid&window=7m"))).toEqual({ namespace: null, window: "1m" });
    expect(parseOverviewState(new URLSearchParams(""))).toEqual({ namespace: null, window: "1m" });
  });

  it("writes only what differs from the defaults and round-trips", () => {
    expect(overviewSearch({ namespace: null, window: "1m" })).toBe("");
    expect(overviewSearch({ namespace: "default", window: "15m" })).toBe("?namespace=default&window=15m");
    const state = { namespace: "argo-apl", window: "1h" } as const;
    expect(parseOverviewState(new URLSearchParams(overviewSearch(state)))).toEqual(state);
  });
});

describe("service page URL state", () => {
  it("reads the metrics window with a 5m default", () => {
    expect(parseMetricsWindow(new URLSearchParams("window=1h"))).toBe("1h");
    expect(parseMetricsWindow(new URLSearchParams("window=2d"))).toBe("5m");
  });

  it("keeps other parameters when setting the window", () => {
    expect(withMetricsWindow(new URLSearchParams("x=1"), "1h")).toBe("?x=1&window=1h");
    expect(withMetricsWindow(new URLSearchParams("window=1h"), "5m")).toBe("");
  });

  it("builds links and anchors", () => {
    expect(serviceHref("bookinfo", "reviews")).toBe("/services/bookinfo/reviews");
    expect(serviceHref("default", "web", routeAnchor("web-vs", 0))).toBe("/services/default/web#route-web-vs-0");
  });
});
