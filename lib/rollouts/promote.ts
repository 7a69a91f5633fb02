/**
 * Plans the merge patches `kubectl argo rollouts promote` sends (Argo Rollouts
 * v1.9, pkg/kubectl-argo-rollouts/cmd/promote). Pure: the caller applies the
 * status patch to the status subresource first and, only if that subresource
 * answers 404 (Rollouts before v0.10), the unified patch to the main resource
 * instead of the spec patch.
 */

import { RolloutActionError } from "./actions/errors";

/** What the planner reads of a Rollout; a parsed RolloutWire (./wire) fits. */
export interface RolloutForPromote {
  spec: {
    paused?: boolean | null;
    strategy: {
      canary?: { steps?: readonly unknown[] | null } | null;
      blueGreen?: unknown;
    };
  };
  status?: {
    currentStepIndex?: number | null;
    currentPodHash?: string | null;
    stableRS?: string | null;
    controllerPause?: boolean | null;
    pauseConditions?: readonly unknown[] | null;
    canary?: { currentStepAnalysisRunStatus?: { status?: string | null } | null } | null;
  } | null;
}

export type PromoteMode = "default" | "full" | "skip-current-step" | "skip-all-steps";

export interface PromotePlan {
  specPatch?: Record<string, unknown>;
  statusPatch?: Record<string, unknown>;
  unifiedPatch?: Record<string, unknown>;
}

/** A refused promote (skipping steps of a blue-green rollout or of one without steps): "Unprocessable". */
export class PromoteError extends RolloutActionError {
  constructor(message: string) {
    super("Unprocessable", message, { action: "promote" });
    this.name = "PromoteError";
  }
}

function canarySteps(r: RolloutForPromote): readonly unknown[] {
  return r.spec.strategy.canary?.steps ?? [];
}

/** Argo's GetCurrentCanaryStep index: undefined without canary steps, else status.currentStepIndex (default 0). */
function currentStepIndex(r: RolloutForPromote): number | undefined {
  if (!r.spec.strategy.canary || canarySteps(r).length === 0) return undefined;
  return r.status?.currentStepIndex ?? 0;
}

function nextIndex(r: RolloutForPromote, index: number): number {
  return index < canarySteps(r).length ? index + 1 : index;
}

export function planPromote(r: RolloutForPromote, mode: PromoteMode = "default"): PromotePlan {
  const plan: PromotePlan = {};
  const status = r.status ?? {};
  const pauseConditions = status.pauseConditions ?? [];
  if (mode === "skip-current-step" || mode === "skip-all-steps") {
    if (r.spec.strategy.blueGreen) throw new PromoteError("Cannot skip steps of a bluegreen rollout. Run without a flags");
    if (r.spec.strategy.canary && canarySteps(r).length === 0) throw new PromoteError("Cannot skip steps of a rollout without steps");
  }
  switch (mode) {
    case "skip-current-step": {
      const index = currentStepIndex(r);
      if (index !== undefined) {
        plan.statusPatch = { status: { currentStepIndex: nextIndex(r, index) } };
        plan.unifiedPatch = plan.statusPatch;
      }
      return plan;
    }
    case "skip-all-steps":
      plan.statusPatch = { status: { currentStepIndex: canarySteps(r).length } };
      plan.unifiedPatch = plan.statusPatch;
      return plan;
    case "full":
      if (r.spec.paused) plan.specPatch = { spec: { paused: false } };
      if ((status.currentPodHash ?? "") !== (status.stableRS ?? "")) plan.statusPatch = { status: { promoteFull: true } };
      plan.unifiedPatch = { spec: { paused: false }, status: { promoteFull: true } };
      return plan;
    case "default": {
      plan.unifiedPatch = { spec: { paused: false }, status: { pauseConditions: null } };
      if (r.spec.paused) plan.specPatch = { spec: { paused: false } };
      const inconclusive = !!r.spec.strategy.canary && status.canary?.currentStepAnalysisRunStatus?.status === "Inconclusive";
      if (inconclusive && pauseConditions.length > 0 && status.controllerPause) {
        const index = currentStepIndex(r);
        if (index !== undefined) plan.statusPatch = { status: { pauseConditions: null, controllerPause: false, currentStepIndex: nextIndex(r, index) } };
      } else if (pauseConditions.length > 0) {
        plan.statusPatch = { status: { pauseConditions: null } };
      } else if (r.spec.strategy.canary) {
        const index = currentStepIndex(r);
        if (index !== undefined) {
          const next = nextIndex(r, index);
          plan.statusPatch = { status: { pauseConditions: null, currentStepIndex: next } };
          plan.unifiedPatch = { spec: { paused: false }, status: { pauseConditions: null, currentStepIndex: next } };
        }
      }
      return plan;
    }
  }
}
