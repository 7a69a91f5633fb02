// The thin adapter that sends traffic-action plans (lib/istio/actions) to the API server as the caller.
export {
  runVirtualServiceAction,
  runHttpRouteAction,
  runDestinationRuleAction,
  undoSpec,
  readTestRoutes,
  readVirtualServiceHistory,
  readHttpRouteHistory,
  readDestinationRuleHistory, type ObjectParams, type WriteOptions, type ActionSpec } from "./actions";
export { writeHandler, readHandler, type RouteContext, type WriteInput, type ReadInput } from "./handler";
export { validateInput, noInputSchema } from "./request-body";
export { virtualServiceRouteRef, routeScope, httpRouteRuleRef, isIndexRef, routeActionSpec, ruleActionSpec, l4RouteActionSpec, l4RouteIndex } from "./route-param";
export { runAction, type ActionRequest } from "./run-action";
export { findWeightsLocks, assertScopeUnlocked, assertChangeUnlocked, type WeightsLock, type LockScope } from "./owners";
export { recordTrafficEvent, EVENT_REASON, REPORTING_CONTROLLER } from "./event";
export { FIELD_MANAGER } from "./object-io";
export { runSubsetsAction, subsetsInputSchema, type SubsetsInput } from "./subsets";
export { runHostPolicyAction } from "./traffic-policy";
