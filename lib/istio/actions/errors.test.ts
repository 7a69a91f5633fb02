import { describe, expect, it } from "vitest";
import { ActionError } from "./errors";
import { formatRouteRef, parseRouteRef, resolveRouteRef } from "./route-ref";
import { findCatchAllRoute } from "./switch";
import { seeds } from "./test-support/fixtures";
import { expectActionError } from "./test-support/plan-checks";
import { planSetWeights } from "./weights";

describe("route refs", () => {
  it("parses names, indexes and section-qualified indexes", () => {
    expect(parseRouteRef("primary")).toEqual({ section: "http", name: "primary" });
    expect(parseRouteRef(2)).toEqual({ section: "http", index: 2 });
    expect(parseRouteRef("tcp:0")).toEqual({ section: "tcp", index: 0 });
    expect(parseRouteRef("http:3")).toEqual({ section: "http", index: 3 });
    expect(formatRouteRef({ section: "http", name: "http:0" })).toBe("http:0");
    expect(resolveRouteRef(seeds.canary(), "primary")).toEqual({ section: "http", index: 0, label: 'route "primary"' });
    expect(resolveRouteRef(seeds.blueGreen(), 1).label).toBe('route "live"');
    expect(resolveRouteRef(seeds.reviewsUser(), 1).label).toBe("http route #2");
  });

  it("finds the catch-all route", () => {
    expect(findCatchAllRoute(seeds.blueGreen())).toBe(1);
    const userOnly = seeds.reviewsUser();
    expect(findCatchAllRoute(userOnly)).toBe(1);
    expect(findCatchAllRoute({ ...userOnly, spec: { ...userOnly.spec, http: userOnly.spec.http?.slice(0, 1) } })).toBe(-1);
  });
});

describe("ActionError", () => {
  it("carries per-field errors as a map and as lib/errors-style issues", () => {
    const error = expectActionError(() => planSetWeights(seeds.staged(), 0, { weights: [{ host: "", weight: 101 }] }, { user: "a", now: "2025-01-01T00:00:00Z" }), "Unprocessable");
    expect(error).toBeInstanceOf(ActionError);
    expect(error.fieldErrors?.["weights.0.host"]).toBeDefined();
    expect(error.issues()).toContainEqual({ path: "weights.0.weight", message: "weight must be between 0 and 100" });
    expect(error.message).toMatch(/^Invalid input: weights\.0\.host: /);
  });

  it("validates the context too", () => {
    expectActionError(() => planSetWeights(seeds.staged(), 0, { weights: [{ host: "api", subset: "v1", weight: 50 }, { host: "api", subset: "v2", weight: 50 }] }, { user: "", now: "yesterday" }), "Unprocessable", /action context/);
  });
});
