// Traffic actions: pure planners from the current object to a JSON merge patch.
// See README.md for the patch format.

export * from "./errors";
export * from "./schemas";
export * from "./plan";
export * from "./audit";
export { canonicalJson, canonicalHash, jsonEqual } from "./canonical-json";
export { istioDurationError, parseGoDuration } from "@/lib/istio/semantics/duration";
export { re2Error, quoteMeta, MAX_REGEX_LENGTH } from "@/lib/istio/semantics/regex";
export { formatRouteRef, parseRouteRef, resolveRouteRef, type RouteRef, type ResolvedRoute } from "./route-ref";
export { describeDestination } from "./destinations";
export { planSetL4Weights, planSetWeights, setWeightsInputSchema, weightedDestinationSchema, type SetWeightsInput, type WeightedDestination } from "./weights";
export * from "./http-route-weights";
export { rebalance, evenSplit, largestRemainder } from "./rebalance";
export * from "./cookie-match";
export * from "./test-routes";
export * from "./switch";
export * from "./promote";
export * from "./fault";
export { FAULT_RULE_PREFIX, isMeshdeckFaultRule } from "./fault-rules";
export * from "./mirror";
export * from "./timeouts";
export * from "./subsets";
export * from "./undo";
export * from "./locked";
export * from "./traffic-policy";
