import { describe, expect, it } from "vitest";
import { canaryStep } from "../wire";
import { formatMatches, stepRoute } from "./step-route";

const step = (raw: unknown) => canaryStep.parse(raw);

describe("stepRoute", () => {
  it("tells two header routes apart by their match (one Istio match entry per header match)", () => {
    const firefox = stepRoute(step({ setHeaderRoute: { name: "canary-header", match: [{ headerName: "agent", headerValue: { regex: "firefox(.*)" } }] } }));
    const chrome = stepRoute(step({ setHeaderRoute: { name: "canary-header", match: [{ headerName: "agent", headerValue: { regex: "chrome(.*)" } }] } }));
    expect(firefox).toEqual({ name: "canary-header", matches: [[{ field: "header agent", operator: "regex", value: "firefox(.*)" }]], mirrorPercent: null });
    expect(formatMatches(firefox?.matches ?? [])).toBe("agent ~ firefox(.*)");
    expect(formatMatches(chrome?.matches ?? [])).toBe("agent ~ chrome(.*)");
  });

  it("ORs header matches and ANDs the fields of a mirror match", () => {
    const header = stepRoute(
      step({
        setHeaderRoute: {
          name: "h",
          match: [
            { headerName: "x-version", headerValue: { exact: "green" } },
            { headerName: "x-user", headerValue: { prefix: "qa-" } },
          ],
        },
      }),
    );
    expect(formatMatches(header?.matches ?? [])).toBe("x-version = green or x-user ^= qa-");
    const mirror = stepRoute(step({ setMirrorRoute: { name: "m", percentage: 35, match: [{ method: { exact: "POST" }, path: { prefix: "/api" }, headers: { b: { exact: "2" }, a: { regex: "x.*" } } }] } }));
    expect(mirror?.mirrorPercent).toBe(35);
    expect(formatMatches(mirror?.matches ?? [])).toBe("method = POST and path ^= /api and a ~ x.* and b = 2");
  });

  it("mirrors 100 % when no percentage is given, and a step without matches removes the route", () => {
    expect(stepRoute(step({ setMirrorRoute: { name: "m", match: [{ method: { exact: "GET" } }] } }))?.mirrorPercent).toBe(100);
    expect(stepRoute(step({ setMirrorRoute: { name: "m" } }))).toEqual({ name: "m", matches: [], mirrorPercent: null });
    expect(stepRoute(step({ setHeaderRoute: { name: "h" } }))).toEqual({ name: "h", matches: [], mirrorPercent: null });
    expect(stepRoute(step({ setWeight: 10 }))).toBeNull();
  });
});
