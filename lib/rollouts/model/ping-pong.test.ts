import { describe, expect, it } from "vitest";
import { fixtureNow, loadFixture, type FixtureName } from "../fixtures/load";
import { buildRolloutView } from "./build";

// Fixtures recorded from the real controller by tests/integration/rollouts-pingpong.int.test.ts.
const routing = (name: FixtureName) => {
  const f = loadFixture(name);
  return buildRolloutView(f, fixtureNow(f)).trafficRouting;
};

describe("ping-pong traffic routing on objects captured from the controller", () => {
  it("healthy: ping is stable after the first deploy and takes the stable role", () => {
    const t = routing("pingpong-healthy");
    expect(t).toMatchObject({ kind: "istio-host", stableService: "web-ping", canaryService: "web-pong" });
    expect(t?.pingPong).toEqual({ pingService: "web-ping", pongService: "web-pong", stable: "ping", reported: true, stableService: "web-ping", canaryService: "web-pong" });
  });

  it("paused mid-canary: pong is the canary side; ping and pong are listed as Services whose selectors Argo writes", () => {
    const t = routing("pingpong-paused");
    expect(t).toMatchObject({ stableService: "web-ping", canaryService: "web-pong", pingPong: { stable: "ping" } });
    expect(t?.resources.map((r) => [r.kind, r.name])).toEqual([
      ["VirtualService", "web"],
      ["Service", "web-ping"],
      ["Service", "web-pong"],
    ]);
    const [, ping, pong] = t?.resources ?? [];
    expect(ping?.lockReason).toContain("the ping side of Rollout meshdeck-fixtures/web's ping-pong (stable now)");
    expect(pong?.lockReason).toContain("the pong side of Rollout meshdeck-fixtures/web's ping-pong (canary now)");
    expect(pong?.lockReason).toContain("rollouts-pod-template-hash selector");
  });

  it("after promotion: stablePingPong flipped, pong is stable and ping the canary side for the next update", () => {
    const t = routing("pingpong-promoted");
    expect(t).toMatchObject({ stableService: "web-pong", canaryService: "web-ping", pingPong: { stable: "pong", reported: true } });
    expect(t?.resources.find((r) => r.name === "web-pong")?.lockReason).toContain("(stable now)");
  });

  it("before the controller reports a side, pong counts as stable (Argo's default)", () => {
    const f = loadFixture("pingpong-healthy");
    const fresh = { ...f, rollout: { ...f.rollout, status: {} } };
    expect(buildRolloutView(fresh, fixtureNow(f)).trafficRouting).toMatchObject({ stableService: "web-pong", canaryService: "web-ping", pingPong: { stable: "pong", reported: false } });
  });
});
