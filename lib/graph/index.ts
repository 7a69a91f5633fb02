/**
 * lib/graph: the service graph, pure. Queries → builder → filters / diff;
 * the layout lives in ./worker (run it in a Web Worker, see components/graph).
 */
export * from "./types";
export { buildGraph, type BuildGraphInput, type BuildGraphOptions } from "./build-graph";
export { graphQueries, requestsQuery, latencyQuery, escapeLabelValue, escapeRegex, labelIn, type GraphQueryOptions } from "./queries";
export { parsePromVector, type PromSample, type PromVectorInput, type PromVectorResponse } from "./prom";
export { diffGraphs, applyDiff, isEmptyDiff, DiffMismatchError, type GraphDiff, type ElementDiff, type ElementChange } from "./diff";
export { parseFilter, type FilterExpr, type FilterTerm, type ParseResult } from "./filter-parse";
export { findElements, hideElements, type FilterMatch } from "./filters";
export { KIALI_TOLERANCES, requestHealth, worstHealth, type HealthTolerances, type Tolerance } from "./health";
export type { BadgeTarget } from "./badges";
export type { InventoryItem } from "./inventory";
export { UNKNOWN_SOURCE_ID, UNKNOWN_DESTINATION_ID, workloadId, appId, versionedAppId, serviceId, gatewayId, edgeId } from "./node-ids";
