import { describe, expect, it } from "vitest";
import { DEFAULT_GRAPH_STATE, graphSearch, parseGraphState } from "./graph-url-state";

describe("graph page URL state", () => {
  it("round-trips and leaves defaults out", () => {
    const state = { namespaces: ["default", "bookinfo"], window: "5m" as const, type: "app" as const, idle: true, find: "name ~ rev", hide: "idle" };
    const search = graphSearch(state);
    expect(search).toBe("?namespaces=bookinfo%2Cdefault&window=5m&type=app&idle=1&find=name+%7E+rev&hide=idle");
    expect(parseGraphState(new URLSearchParams(search))).toEqual({ ...state, namespaces: ["bookinfo", "default"] });
    expect(graphSearch(DEFAULT_GRAPH_STATE)).toBe("");
  });

  it("falls back per field on invalid values", () => {
    expect(parseGraphState(new URLSearchParams("window=2m&type=nodes&namespaces=Bad_NS&idle=yes"))).toEqual(DEFAULT_GRAPH_STATE);
  });
});
