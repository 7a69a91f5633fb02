/**
 * Argo Rollouts' ping-pong rule (v1.9, rollout/trafficrouting/service_helper.go):
 * with `canary.pingPong {pingService, pongService}` the two Services take
 * turns. `status.canary.stablePingPong` names the one on the stable
 * ReplicaSet; until the controller sets it ("" — IsStablePing is false) pong
 * counts as stable and ping as canary. Each promotion flips it
 * (sync.go promoteStable), so the canary Service of an update becomes the
 * stable one. Pure; shared by the mesh model and the Rollout view.
 */

export type PingPongSide = "ping" | "pong";

/** What the rule reads of a Rollout (either wire schema fits). */
export interface PingPongInput {
  spec: {
    strategy: {
      canary?: {
        canaryService?: string | null | undefined;
        stableService?: string | null | undefined;
        pingPong?: { pingService?: string | null | undefined; pongService?: string | null | undefined } | null | undefined;
        trafficRouting?: { alb?: unknown; istio?: unknown } | null | undefined;
      } | null | undefined;
    };
  };
  status?: { canary?: { stablePingPong?: string | null | undefined } | null | undefined } | null | undefined;
}

export interface PingPongState {
  pingService: string;
  pongService: string;
  /** The side on the stable ReplicaSet now. */
  stable: PingPongSide;
  /** false: status.canary.stablePingPong is not set yet, `stable` is Argo's default (pong). */
  reported: boolean;
  /** The Service of the stable side, and of the other (canary) side. */
  stableService: string;
  canaryService: string;
}

/** IsPingPongEnabled, with the Services it names; null without pingPong. */
export function pingPongState(ro: PingPongInput): PingPongState | null {
  const pp = ro.spec.strategy.canary?.pingPong;
  if (!pp) return null;
  const reported = ro.status?.canary?.stablePingPong;
  const [ping, pong] = [pp.pingService ?? "", pp.pongService ?? ""];
  // IsStablePing: only "ping" makes ping stable.
  const stable = reported === "ping" ? "ping" : "pong";
  return {
    pingService: ping,
    pongService: pong,
    stable,
    reported: reported === "ping" || reported === "pong",
    stableService: stable === "ping" ? ping : pong,
    canaryService: stable === "ping" ? pong : ping,
  };
}

/**
 * GetStableAndCanaryServices: the Services the traffic router weighs. Ping-pong
 * wins when the router prefers it (ALB) or no stable/canary Service is named
 * (Istio and the others use stableService/canaryService when they are set).
 */
export function stableAndCanaryServices(ro: PingPongInput): { stable: string | null; canary: string | null } {
  const canary = ro.spec.strategy.canary;
  const pp = pingPongState(ro);
  const preferred = canary?.trafficRouting?.alb !== undefined && canary.trafficRouting.alb !== null;
  if (pp && (preferred || (!canary?.stableService && !canary?.canaryService))) return { stable: pp.stableService || null, canary: pp.canaryService || null };
  return { stable: canary?.stableService || null, canary: canary?.canaryService || null };
}
