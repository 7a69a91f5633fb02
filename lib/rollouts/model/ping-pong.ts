import type { ManagedResource, PingPongView } from "./schema";

function side(pp: PingPongView, which: "ping" | "pong", namespace: string, owner: string): ManagedResource {
  const name = which === "ping" ? pp.pingService : pp.pongService;
  const now = pp.stable === which ? "stable" : "canary";
  return {
    kind: "Service",
    namespace,
    name,
    routes: [],
    lockReason:
      `Argo Rollouts sets the rollouts-pod-template-hash selector of this Service, the ${which} side of ${owner}'s ping-pong (${now} now): ` +
      "an update points the canary side at the new ReplicaSet and a promotion makes it the stable side; a changed selector is put back on the next reconcile.",
  };
}

/** The ping and pong Services, whose selectors Argo writes (controller.go getReferencedService, service.go reconcilePingAndPongService). */
export function pingPongResources(pp: PingPongView | null, namespace: string, owner: string): ManagedResource[] {
  if (!pp) return [];
  return [side(pp, "ping", namespace, owner), side(pp, "pong", namespace, owner)].filter((r) => r.name !== "");
}
