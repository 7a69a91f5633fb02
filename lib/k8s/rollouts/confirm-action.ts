import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { KubeHttp } from "@/lib/k8s/identity/kube-http";
import { isKubeHttpError } from "@/lib/k8s/identity/kube-http";
import { logger } from "@/lib/observability/logger";
import type { ConfirmedAction } from "@/lib/rollouts/actions/action-outcome";
import { confirmAction as confirm, type Confirmation, type ConfirmOptions } from "@/lib/rollouts/actions/confirm";
import type { RolloutWire } from "@/lib/rollouts/wire";
import { recordConfirmation } from "./confirm-stats";
import { readRollout } from "./read-rollout";
import { sendRequests, SendError } from "./send";

/**
 * Waits, as the caller, until the Argo controller acted on a status action
 * sent to `before` (see lib/rollouts/actions/confirm): re-sends a promote a
 * stale controller write undid, nudges a controller that missed the change.
 * Counts each confirmation for self-metrics (see ./confirm-stats).
 */
export async function confirmAction(http: KubeHttp, action: ConfirmedAction, before: RolloutWire, opts: ConfirmOptions = {}): Promise<Confirmation> {
  const namespace = before.metadata.namespace ?? "default";
  const name = before.metadata.name;
  const confirmation = await confirm(
    {
      read: () => readRollout(http, namespace, name),
      send: async (requests) => {
        await sendRequests(http, requests);
      },
      isConflict: (error) => error instanceof SendError && isKubeHttpError(error.cause) && error.cause.code === 409,
      sleep: (ms) => sleep(ms),
      now: () => Date.now(),
      onFollowUp: ({ outcome, followUps }) =>
        logger().info({ namespace, name, action, outcome, followUps }, outcome === "reverted" ? "promote undone by a stale controller write: sent again" : "controller has not acted yet: nudged it"),
      onFollowUpError: (error) => logger().warn({ namespace, name, action, err: error instanceof Error ? error.message : String(error) }, "rollout action follow-up failed"),
    },
    action,
    before,
    opts,
  );
  recordConfirmation(action, confirmation);
  return confirmation;
}
