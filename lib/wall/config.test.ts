import { describe, expect, it } from "vitest";
import { parseWallConfig, viewTitle, watchedNamespaces } from "./config";

const parse = (q: string) => parseWallConfig(new URLSearchParams(q));

describe("wall configuration from the URL", () => {
  it("reads views with namespace groups ('+' arrives as a space), interval, window, threshold and refresh", () => {
    const r = parse("views=graph:bookinfo+default,rollouts,splits:argo-apl&interval=15&window=5m&errors=2.5&refresh=1");
    expect(r).toEqual({
      ok: true,
      config: {
        views: [
          { id: "graph:bookinfo+default", kind: "graph", namespaces: ["bookinfo", "default"] },
          { id: "rollouts", kind: "rollouts", namespaces: [] },
          { id: "splits:argo-apl", kind: "splits", namespaces: ["argo-apl"] },
        ],
        intervalSeconds: 15,
        window: "5m",
        errorThreshold: 0.025,
        refreshSeconds: 1,
        graphType: "versionedApp",
        idleEdges: false,
      },
    });
    // The same with a literal %2B.
    const encoded = parse("views=graph:default%2Bbookinfo");
    expect(encoded.ok && encoded.config.views[0]?.id).toBe("graph:bookinfo+default");
  });

  it("has defaults for everything", () => {
    expect(parse("")).toEqual({
      ok: true,
      config: {
        views: [
          { id: "rollouts", kind: "rollouts", namespaces: [] },
          { id: "splits", kind: "splits", namespaces: [] },
        ],
        intervalSeconds: 30,
        window: "1m",
        errorThreshold: 0.1,
        refreshSeconds: null,
        graphType: "versionedApp",
        idleEdges: false,
      },
    });
  });

  it("reads the graph type and idle edges", () => {
    const r = parse("views=graph:bookinfo&graphType=workload&idle=1");
    expect(r.ok && [r.config.graphType, r.config.idleEdges]).toEqual(["workload", true]);
    expect(parse("graphType=pods").ok).toBe(false);
  });

  it("drops repeated views and empty entries", () => {
    const r = parse("views=rollouts,,rollouts, splits");
    expect(r.ok && r.config.views.map((v) => v.id)).toEqual(["rollouts", "splits"]);
  });

  it("says what is wrong instead of guessing", () => {
    const problems = (q: string) => {
      const r = parse(q);
      return r.ok ? [] : r.problems;
    };
    expect(problems("views=charts")).toEqual(['unknown view "charts" (one of graph, rollouts, splits)']);
    expect(problems("views=graph")).toEqual(['a graph view needs its namespaces, e.g. "graph:bookinfo+default"']);
    expect(problems("views=rollouts:Bad_NS")).toEqual(['"Bad_NS" in view "rollouts:Bad_NS" is not a namespace name']);
    expect(problems("views=splits:")).toEqual(['view "splits:" names no namespace after ":"']);
    expect(problems("interval=0")[0]).toMatch(/^interval: /);
    expect(problems("interval=abc")[0]).toMatch(/^interval: /);
    expect(problems("window=2d")[0]).toMatch(/^window: /);
    expect(problems("errors=0")[0]).toMatch(/^errors: /);
    expect(problems("color=red")[0]).toMatch(/color/);
    const many = Array.from({ length: 21 }, (_, i) => `ns${i}`).join("+");
    expect(problems(`views=graph:${many}`)).toEqual(["a graph view shows at most 20 namespaces"]);
  });

  it("takes the last of repeated parameters (Next.js hands them over as arrays)", () => {
    const r = parseWallConfig({ interval: ["10", "20"], views: "splits" });
    expect(r.ok && r.config.intervalSeconds).toBe(20);
  });

  it("watches the union of the views' namespaces, or everything when a view is not scoped", () => {
    const views = (q: string) => {
      const r = parse(q);
      if (!r.ok) throw new Error(r.problems.join());
      return r.config.views;
    };
    expect(watchedNamespaces(views("views=graph:a+b,splits:c"))).toEqual(new Set(["a", "b", "c"]));
    expect(watchedNamespaces(views("views=graph:a+b,rollouts"))).toBeNull();
    expect(viewTitle(views("views=graph:b+a")[0]!)).toBe("Service graph · a, b");
  });
});
