import { z } from "zod";
import { imageReferenceSchema } from "../image-reference";
import type { ReplicaSetWire, RolloutWire } from "../wire";
import { containerNameSchema } from "./container-name";
import { planAbort } from "./abort";
import { RolloutActionError } from "./errors";
import type { RolloutActionPlan } from "./plan";
import { planPromoteAction } from "./promote";
import { planRestart } from "./restart";
import { planRetry } from "./retry";
import { planSetImage, type SetImageOptions } from "./set-image";
import { planUndo } from "./undo";

export { availableActions, assertAvailable } from "./availability";
export { RolloutActionError, isRolloutActionError, type RolloutActionErrorCode } from "./errors";
export { ROLLOUT_API_VERSION, type RequestTarget, type RolloutActionPlan, type RolloutRequest } from "./plan";
export { ABORT_PATCH, planAbort } from "./abort";
export { RETRY_PATCH, planRetry } from "./retry";
export { planRestart, type RestartOptions } from "./restart";
export { planUndo, type UndoOptions } from "./undo";
export { planSetImage, withImage, type SetImageOptions } from "./set-image";
export { planPromoteAction, promoteRequests } from "./promote";
export { findUndoReplicaSet } from "./revision";
export { accessByAction, actionAccess, describeWrite, withCallerRights, type ActionAccess } from "./access";
export { resultingObject, targetKey, type SentObject } from "./result-object";

/** The body of a Rollout action request (what the UI posts). */
export const rolloutActionRequestSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("promote") }),
  z.object({ action: z.literal("promote-full") }),
  z.object({ action: z.literal("abort") }),
  z.object({ action: z.literal("retry") }),
  z.object({ action: z.literal("restart"), in: z.string().max(32).optional() }),
  z.object({ action: z.literal("undo"), toRevision: z.number().int().min(0).optional() }),
  z.object({ action: z.literal("set-image"), container: containerNameSchema, image: imageReferenceSchema }),
]);
export type RolloutActionRequest = z.infer<typeof rolloutActionRequestSchema>;

export interface RolloutActionContext {
  rollout: RolloutWire;
  /** The ReplicaSets of the Rollout's namespace (for undo and availability). */
  replicaSets: readonly ReplicaSetWire[];
  now: number;
  /** set-image with a workloadRef: the referenced Deployment. */
  workload?: SetImageOptions["workload"];
}

/** Plans any action; throws RolloutActionError (Conflict / Unprocessable). Parse the body with {@link rolloutActionRequestSchema} first. */
export function planRolloutAction(request: RolloutActionRequest, ctx: RolloutActionContext): RolloutActionPlan {
  const { rollout, replicaSets, now } = ctx;
  switch (request.action) {
    case "promote":
      return planPromoteAction(rollout, replicaSets, now);
    case "promote-full":
      return planPromoteAction(rollout, replicaSets, now, { full: true });
    case "abort":
      return planAbort(rollout, replicaSets, now);
    case "retry":
      return planRetry(rollout, replicaSets, now);
    case "restart":
      return planRestart(rollout, replicaSets, now, request.in !== undefined ? { in: request.in } : {});
    case "undo":
      return planUndo(rollout, replicaSets, request.toRevision !== undefined ? { toRevision: request.toRevision } : {});
    case "set-image":
      return planSetImage(rollout, request.container, request.image, ctx.workload ? { workload: ctx.workload } : {});
  }
}

/** Parses an action body; invalid input is an Unprocessable RolloutActionError listing the fields. */
export function parseRolloutActionRequest(body: unknown): RolloutActionRequest {
  const parsed = rolloutActionRequestSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  const first = parsed.error.issues[0];
  const path = first?.path.map(String).join(".") || "(root)";
  throw new RolloutActionError("Unprocessable", `Invalid action request: ${path}: ${first?.message ?? "invalid"}`, { field: path });
}
