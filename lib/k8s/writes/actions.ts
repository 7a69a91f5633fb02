import "server-only";
import type { ActionResult, History, TestRouteList } from "@/lib/api/actions";
import {
  isActionError,
  listTestRoutes,
  planUndo,
  readHistory,
  readLastChange,
  readUndo,
  type ActionContext,
  type ActionPlan,
  type PlannableObject,
  type UndoInput,
} from "@/lib/istio/actions";
import type { DestinationRuleWire, GatewayApiHttpRouteWire, VirtualServiceWire } from "@/lib/istio/wire";
import type { UserContext } from "../identity/user-context";
import type { LockScope } from "./owners";
import { readAsCaller, runAction } from "./run-action";
import { destinationRuleTarget, httpRouteTarget, virtualServiceTarget, type WriteTarget } from "./targets";

export interface ObjectParams {
  namespace: string;
  name: string;
}

export interface WriteOptions {
  identity: UserContext;
  dryRun: boolean;
  resourceVersion: string | undefined;
}

export interface ActionSpec<T> {
  scope?: (current: T) => LockScope;
  /** True when the action addresses a route by position: it then needs the client's resourceVersion (428 without). */
  addressedByIndex?: (current: T) => boolean;
  plan: (current: T, ctx: ActionContext) => ActionPlan<T>;
}

function run<T extends PlannableObject>(target: WriteTarget<T>, options: WriteOptions, spec: ActionSpec<T>): Promise<ActionResult> {
  return runAction({ identity: options.identity, target, dryRun: options.dryRun, expectedResourceVersion: options.resourceVersion, ...spec });
}

/** Runs a planner on a VirtualService as the caller (see runAction). */
export function runVirtualServiceAction(params: ObjectParams, options: WriteOptions, spec: ActionSpec<VirtualServiceWire>): Promise<ActionResult> {
  return run(virtualServiceTarget(params.namespace, params.name), options, spec);
}

/** Runs a planner on a Gateway API HTTPRoute as the caller (see runAction). */
export function runHttpRouteAction(params: ObjectParams, options: WriteOptions, spec: ActionSpec<GatewayApiHttpRouteWire>): Promise<ActionResult> {
  return run(httpRouteTarget(params.namespace, params.name), options, spec);
}

/** Runs a planner on a DestinationRule as the caller (see runAction). */
export function runDestinationRuleAction(params: ObjectParams, options: WriteOptions, spec: ActionSpec<DestinationRuleWire>): Promise<ActionResult> {
  return run(destinationRuleTarget(params.namespace, params.name), options, spec);
}

/** Undo of the last Meshdeck change (any target kind); `changeId` pins which change (409 when it is not the last, or already undone). */
export function undoSpec(input: UndoInput) {
  return { plan: <T extends PlannableObject>(current: T, ctx: ActionContext) => planUndo(current, ctx, input) };
}

/** The test routes of a VirtualService, read as the caller. */
export async function readTestRoutes(identity: UserContext, params: ObjectParams): Promise<TestRouteList> {
  const vs = await readAsCaller(identity, virtualServiceTarget(params.namespace, params.name));
  return { namespace: params.namespace, name: params.name, resourceVersion: vs.metadata.resourceVersion ?? "", testRoutes: listTestRoutes(vs) };
}

function undoAvailability(object: PlannableObject): History["undo"] {
  const record = readUndo(object.metadata.annotations);
  if (record === undefined) return { available: false, reason: "no Meshdeck change recorded" };
  if (record === null) return { available: false, reason: "the meshdeck.dev/undo annotation is unreadable" };
  const change = { ...(record.id !== undefined ? { id: record.id } : {}), who: record.who, when: record.when, action: record.action, summary: record.summary };
  try {
    planUndo(object, { user: "meshdeck", now: new Date().toISOString() });
    return { available: true, change };
  } catch (error) {
    return { available: false, reason: isActionError(error) ? error.message : "undo cannot be planned", change };
  }
}

async function readHistoryOf<T extends PlannableObject>(identity: UserContext, target: WriteTarget<T>): Promise<History> {
  const object = await readAsCaller(identity, target);
  const annotations = object.metadata.annotations;
  return {
    kind: object.kind,
    namespace: target.namespace,
    name: target.name,
    resourceVersion: object.metadata.resourceVersion ?? "",
    history: readHistory(annotations),
    lastChange: readLastChange(annotations),
    undo: undoAvailability(object),
  };
}

/** Meshdeck's audit trail of a VirtualService (from its annotations), read as the caller. */
export function readVirtualServiceHistory(identity: UserContext, params: ObjectParams): Promise<History> {
  return readHistoryOf(identity, virtualServiceTarget(params.namespace, params.name));
}

/** Meshdeck's audit trail of an HTTPRoute (from its annotations), read as the caller. */
export function readHttpRouteHistory(identity: UserContext, params: ObjectParams): Promise<History> {
  return readHistoryOf(identity, httpRouteTarget(params.namespace, params.name));
}

/** Meshdeck's audit trail of a DestinationRule (from its annotations), read as the caller. */
export function readDestinationRuleHistory(identity: UserContext, params: ObjectParams): Promise<History> {
  return readHistoryOf(identity, destinationRuleTarget(params.namespace, params.name));
}
