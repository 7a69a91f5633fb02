import { describe, expect, it } from "vitest";
import { pingPongState, stableAndCanaryServices, type PingPongInput } from "./argo-ping-pong";

const ro = (canary: NonNullable<PingPongInput["spec"]["strategy"]["canary"]>, stablePingPong?: string): PingPongInput => ({
  spec: { strategy: { canary } },
  status: stablePingPong === undefined ? {} : { canary: { stablePingPong } },
});
const pingPong = { pingService: "web-ping", pongService: "web-pong" };

describe("pingPongState (Argo's IsStablePing)", () => {
  it("takes pong as stable until status.canary.stablePingPong is set, then follows it", () => {
    expect(pingPongState(ro({ pingPong }))).toEqual({ ...pingPong, stable: "pong", reported: false, stableService: "web-pong", canaryService: "web-ping" });
    expect(pingPongState(ro({ pingPong }, "ping"))).toMatchObject({ stable: "ping", reported: true, stableService: "web-ping", canaryService: "web-pong" });
    expect(pingPongState(ro({ pingPong }, "pong"))).toMatchObject({ stable: "pong", reported: true, stableService: "web-pong" });
    // Only "ping" makes ping stable.
    expect(pingPongState(ro({ pingPong }, "PING"))).toMatchObject({ stable: "pong", reported: false });
    expect(pingPongState(ro({ stableService: "s", canaryService: "c" }))).toBeNull();
  });
});

describe("stableAndCanaryServices (Argo's GetStableAndCanaryServices)", () => {
  it("Istio: the ping-pong sides when no stable/canary Service is named, else those", () => {
    const istio = { trafficRouting: { istio: {} } };
    expect(stableAndCanaryServices(ro({ ...istio, pingPong }, "ping"))).toEqual({ stable: "web-ping", canary: "web-pong" });
    expect(stableAndCanaryServices(ro({ ...istio, pingPong, stableService: "s", canaryService: "c" }, "ping"))).toEqual({ stable: "s", canary: "c" });
    expect(stableAndCanaryServices(ro({ ...istio, stableService: "s" }))).toEqual({ stable: "s", canary: null });
  });

  it("ALB prefers ping-pong even with stable/canary Services named", () => {
    expect(stableAndCanaryServices(ro({ trafficRouting: { alb: {} }, pingPong, stableService: "s", canaryService: "c" }))).toEqual({ stable: "web-pong", canary: "web-ping" });
  });
});
