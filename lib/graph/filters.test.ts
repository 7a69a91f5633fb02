import { describe, expect, it } from "vitest";
import { buildGraph } from "./build-graph";
import { parseFilter, type FilterExpr } from "./filter-parse";
import { findElements, hideElements } from "./filters";
import { bookinfoFixture } from "./testing/fixtures";

const g = buildGraph(bookinfoFixture, { type: "versionedApp", namespaces: ["bookinfo"], badges: [{ kind: "service", namespace: "bookinfo", name: "ratings", badges: [{ kind: "fault" }] }] });
const expr = (text: string): FilterExpr => {
  const r = parseFilter(text);
  if (!r.ok) throw new Error(r.error);
  return r.expr;
};
const found = (text: string) => {
  const m = findElements(g, expr(text));
  return { nodes: [...m.nodes].sort(), edges: [...m.edges].sort() };
};

describe("parseFilter", () => {
  it("reads terms, and/or, negation and bare words", () => {
    expect(parseFilter("name = reviews and version != v1 or rps > 2")).toEqual({
      ok: true,
      expr: [
        [
          { field: "name", op: "=", value: "reviews", negate: false },
          { field: "version", op: "!=", value: "v1", negate: false },
        ],
        [{ field: "rps", op: ">", value: "2", negate: false }],
      ],
    });
    expect(parseFilter("!idle")).toEqual({ ok: true, expr: [[{ field: "idle", op: "is", value: "", negate: true }]] });
    expect(parseFilter("ratings")).toEqual({ ok: true, expr: [[{ field: "name", op: "~", value: "ratings", negate: false }]] });
    expect(parseFilter("label:app = reviews")).toMatchObject({ ok: true, expr: [[{ field: "label", key: "app", value: "reviews" }]] });
    expect(parseFilter("  ")).toEqual({ ok: true, expr: [] });
  });

  it("explains what it cannot read", () => {
    expect(parseFilter("colour = red")).toEqual({ ok: false, error: 'unknown field "colour"' });
    expect(parseFilter("rps > lots")).toMatchObject({ ok: false, error: expect.stringMatching(/number/) });
    expect(parseFilter("name > 3")).toMatchObject({ ok: false });
    expect(parseFilter("name =")).toMatchObject({ ok: false });
    expect(parseFilter("rps > 1 and")).toMatchObject({ ok: false });
  });
});

describe("find", () => {
  it("finds nodes by name, version, kind, label, health and badge", () => {
    expect(found("name = reviews").nodes).toEqual(["svc:bookinfo/reviews", "vapp:bookinfo/reviews/v1", "vapp:bookinfo/reviews/v2"]);
    expect(found("name = reviews and version = v2").nodes).toEqual(["vapp:bookinfo/reviews/v2"]);
    expect(found("kind = ingressGateway").nodes).toEqual(["gw:istio-system/istio-ingressgateway"]);
    expect(found("label:version = v2").nodes).toEqual(["vapp:bookinfo/reviews/v2"]);
    expect(found("health = failing").nodes).toEqual(["svc:bookinfo/ratings"]);
    expect(found("badge = fault").nodes).toEqual(["svc:bookinfo/ratings"]);
    expect(found("outside").nodes).toEqual(["gw:istio-system/istio-ingressgateway"]);
    expect(found("rev").nodes).toEqual(["svc:bookinfo/reviews", "vapp:bookinfo/reviews/v1", "vapp:bookinfo/reviews/v2"]);
  });

  it("finds edges by traffic, errors, latency and share; shared fields match both", () => {
    expect(found("error > 5").edges).toEqual(["vapp:bookinfo/reviews/v2->svc:bookinfo/ratings"]);
    expect(found("share < 30").edges).toEqual(["svc:bookinfo/reviews->vapp:bookinfo/reviews/v2"]);
    expect(found("p95 > 0 and protocol = http").edges.length).toBe(g.edges.length);
    const failing = found("health = failing");
    expect(failing.edges).toEqual(["vapp:bookinfo/reviews/v2->svc:bookinfo/ratings"]);
    // An and-group mixing node-only and edge-only fields matches nothing.
    expect(found("name = reviews and p95 > 0")).toEqual({ nodes: [], edges: [] });
  });
});

describe("hide", () => {
  it("removes matched nodes with their edges and nodes left stranded", () => {
    const h = hideElements(g, expr("name = productpage"));
    // The gateway only called productpage: it goes too. The rest still has edges.
    expect(h.nodes.map((n) => n.id)).toEqual([
      "svc:bookinfo/details",
      "svc:bookinfo/ratings",
      "svc:bookinfo/reviews",
      "vapp:bookinfo/details/v1",
      "vapp:bookinfo/ratings/v1",
      "vapp:bookinfo/reviews/v1",
      "vapp:bookinfo/reviews/v2",
    ]);
    expect(h.edges.every((e) => !e.source.includes("productpage") && !e.target.includes("productpage"))).toBe(true);
  });

  it("removes matched edges and returns the same graph when nothing matches", () => {
    const h = hideElements(g, expr("rps < 1"));
    expect(h.edges.every((e) => e.rps >= 1)).toBe(true);
    expect(hideElements(g, expr("name = nothing-like-this"))).toBe(g);
  });
});
