import type { CanaryStepWire, RolloutWire } from "../wire";
import { formatRfc3339, formatSeconds, parseTime, pauseDurationSeconds } from "./durations";
import type { StepKind, StepView } from "./schema";
import { formatMatches, stepRoute } from "./step-route";

// Canary steps: the current one, the weight they ask for, and the timeline.
// Ports of utils/replicaset GetCurrentCanaryStep / GetCurrentSetWeight and
// utils/weightutil MaxTrafficWeight (Argo Rollouts v1.9).

export function canarySteps(ro: RolloutWire): CanaryStepWire[] {
  return ro.spec.strategy.canary?.steps ?? [];
}

/** GetCurrentCanaryStep: index null without canary steps; step null once every step is done. */
export function currentCanaryStep(ro: RolloutWire): { step: CanaryStepWire | null; index: number | null } {
  const steps = canarySteps(ro);
  if (!ro.spec.strategy.canary || steps.length === 0) return { step: null, index: null };
  const index = ro.status?.currentStepIndex ?? 0;
  return { step: steps[index] ?? null, index };
}

export function maxTrafficWeight(ro: RolloutWire): number {
  return ro.spec.strategy.canary?.trafficRouting?.maxTrafficWeight ?? 100;
}

/** GetCurrentSetWeight: 0 once aborted; the max weight when no step is current; else the last setWeight at or before the current step. */
export function currentSetWeight(ro: RolloutWire): number {
  if (ro.status?.abort) return 0;
  const { step, index } = currentCanaryStep(ro);
  if (!step || index === null) return maxTrafficWeight(ro);
  const steps = canarySteps(ro);
  for (let i = index; i >= 0; i--) {
    const w = steps[i]?.setWeight;
    if (w !== null && w !== undefined) return w;
  }
  return 0;
}

export function stepKind(step: CanaryStepWire): StepKind {
  if (step.setWeight !== null && step.setWeight !== undefined) return "setWeight";
  if (step.pause) return "pause";
  if (step.experiment) return "experiment";
  if (step.analysis) return "analysis";
  if (step.setCanaryScale) return "setCanaryScale";
  if (step.plugin) return "plugin";
  if (step.setHeaderRoute) return "setHeaderRoute";
  if (step.setMirrorRoute) return "setMirrorRoute";
  return "invalid";
}

function templateNames(templates: readonly { templateName?: string | undefined }[] | null | undefined): string {
  return (templates ?? []).map((t) => t.templateName).filter((n): n is string => !!n).join(", ");
}

function pauseLabel(durationSeconds: number | null, remainingSeconds: number | null): string {
  if (durationSeconds === null) return "Pause (indefinite)";
  if (durationSeconds < 0) return "Pause (invalid duration)";
  const base = `Pause ${formatSeconds(durationSeconds)}`;
  return remainingSeconds === null ? base : `${base} — ${formatSeconds(remainingSeconds)} left`;
}

function describe(step: CanaryStepWire, kind: StepKind, pause: StepView["pause"]): string {
  switch (kind) {
    case "setWeight":
      return `Set weight ${step.setWeight ?? 0} %`;
    case "pause":
      return pauseLabel(pause?.durationSeconds ?? null, pause?.remainingSeconds ?? null);
    case "analysis": {
      const names = templateNames(step.analysis?.templates);
      return names ? `Analysis ${names}` : "Analysis";
    }
    case "experiment": {
      const e = step.experiment;
      const names = (e?.templates ?? []).map((t) => t.name).join(", ");
      return `Experiment${names ? ` ${names}` : ""}${e?.duration ? ` for ${e.duration}` : ""}`;
    }
    case "setCanaryScale": {
      const s = step.setCanaryScale;
      if (s?.weight !== null && s?.weight !== undefined) return `Set canary scale ${s.weight} %`;
      if (s?.matchTrafficWeight) return "Set canary scale to match traffic weight";
      if (s?.replicas !== null && s?.replicas !== undefined) return `Set canary scale ${s.replicas} replica${s.replicas === 1 ? "" : "s"}`;
      return "Set canary scale";
    }
    case "setHeaderRoute":
    case "setMirrorRoute":
      return routeLabel(step, kind);
    case "plugin":
      return `Plugin ${step.plugin?.name ?? ""}`.trimEnd();
    case "invalid":
      return "Unknown step";
  }
}

function routeLabel(step: CanaryStepWire, kind: "setHeaderRoute" | "setMirrorRoute"): string {
  const route = stepRoute(step);
  const what = kind === "setHeaderRoute" ? "header route" : "mirror route";
  if (!route || route.matches.length === 0) return `Remove ${what} ${route?.name ?? ""}`.trimEnd();
  const percent = route.mirrorPercent === null ? "" : ` ${route.mirrorPercent} %`;
  const matches = formatMatches(route.matches);
  return `Set ${what} ${route.name}${percent}${matches ? `: ${matches}` : ""}`;
}

/** Start of the CanaryPauseStep pause condition, in epoch ms. */
function canaryPauseStart(ro: RolloutWire): number | null {
  const cond = (ro.status?.pauseConditions ?? []).find((c) => c.reason === "CanaryPauseStep");
  return cond ? parseTime(cond.startTime) : null;
}

/**
 * Every canary step with its label and state. The current step is the one at
 * status.currentStepIndex; a timed pause there counts down from its pause
 * condition's start time, as the controller does (start + duration, seconds).
 */
export function stepTimeline(ro: RolloutWire, now: number): StepView[] {
  const steps = canarySteps(ro);
  const { index: current } = currentCanaryStep(ro);
  const pauseStart = canaryPauseStart(ro);
  return steps.map((step, index) => {
    const kind = stepKind(step);
    const state = current === null || index < current ? "done" : index === current ? "current" : "pending";
    let pause: StepView["pause"] = null;
    if (kind === "pause") {
      const timed = step.pause?.duration !== null && step.pause?.duration !== undefined;
      const durationSeconds = timed ? pauseDurationSeconds(step.pause?.duration) : null;
      let remainingSeconds: number | null = null;
      let endsAt: string | null = null;
      if (state === "current" && durationSeconds !== null && pauseStart !== null) {
        const end = pauseStart + durationSeconds * 1000;
        remainingSeconds = Math.max(0, Math.ceil((end - now) / 1000));
        endsAt = formatRfc3339(end);
      }
      pause = { durationSeconds, remainingSeconds, endsAt };
    }
    const weight = kind === "setWeight" ? (step.setWeight ?? 0) : null;
    const scs = kind === "setCanaryScale" ? step.setCanaryScale : null;
    const canaryScale = scs ? { replicas: scs.replicas ?? null, weight: scs.weight ?? null, matchTrafficWeight: !!scs.matchTrafficWeight } : null;
    return { index, kind, label: describe(step, kind, pause), state, weight, pause, route: stepRoute(step), canaryScale };
  });
}
