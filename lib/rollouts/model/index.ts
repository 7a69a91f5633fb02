export * from "./schema";
export { buildRolloutView, type RolloutInput } from "./build";
export { buildRolloutViews, sortRollouts, filterRollouts, rolloutRank, rolloutCounts, rolloutSearchText, type RolloutFilter, type RolloutSnapshot } from "./list";
export { rolloutPhase, calculateRolloutPhase, isFullyPromoted, isUnpausing, restartPending, type PhaseAndMessage } from "./phase";
export { stepTimeline, stepKind, currentCanaryStep, currentSetWeight, maxTrafficWeight, canarySteps } from "./steps";
export { trafficRoutingView, splitArgoRef } from "./traffic";
export { revisionViews, revisionOf, podTemplateHash, ownedBy } from "./revisions";
export { analysisRunView, analysisRunViews, numericValue } from "./analysis";
export { pauseDurationSeconds, formatSeconds, formatRfc3339, goDurationMillis, parseTime } from "./durations";
