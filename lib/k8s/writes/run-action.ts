import "server-only";
import type { ActionResult } from "@/lib/api/actions";
import { yamlDiff } from "@/lib/diff";
import { AppError } from "@/lib/errors/app-error";
import { isActionError, type ActionContext, type ActionPlan, type PlannableObject } from "@/lib/istio/actions";
import { describeWrite } from "@/lib/rollouts/actions/access";
import { canI } from "../identity/access";
import { clientFor } from "../identity/client-for";
import type { KubeHttp } from "../identity/kube-http";
import type { UserContext } from "../identity/user-context";
import { conflictError, fromActionError } from "./errors";
import { recordTrafficEvent } from "./event";
import { patchObject, readObject } from "./object-io";
import { assertChangeUnlocked, assertScopeUnlocked, findWeightsLocks, type LockScope } from "./owners";
import { targetLabel, type WriteTarget } from "./targets";
import { toObjectView } from "./view";
import { whoAmI } from "./who-am-i";

export interface ActionRequest<T extends PlannableObject> {
  identity: UserContext;
  target: WriteTarget<T>;
  dryRun: boolean;
  /** The resourceVersion the client planned on, if it sent one. */
  expectedResourceVersion?: string | undefined;
  /** True when the action addresses a route by position: without `expectedResourceVersion` → 428. */
  addressedByIndex?: (current: T) => boolean;
  /** What the action targets, for the lock check before planning (default: the whole object). */
  scope?: (current: T) => LockScope;
  /** The pure planner, applied to the object as read (throws ActionError). */
  plan: (current: T, ctx: ActionContext) => ActionPlan<T>;
}

export const diffLabels = { fromLabel: "spec (current)", toLabel: "spec (result)" };

/** A write to check with a SelfSubjectAccessReview. */
export interface WriteAccess {
  verb: string;
  /** API group ("" for the core group). */
  group: string;
  /** Plural resource. */
  resource: string;
  subresource?: string | undefined;
  namespace: string;
  name?: string | undefined;
}

/**
 * 403 naming the verb and resource when the caller may not make this write
 * (SelfSubjectAccessReview, cached). The API server still decides on the
 * request itself; a failed review only skips this early answer.
 */
export async function assertAllowed(identity: UserContext, access: WriteAccess): Promise<void> {
  let allowed: boolean;
  try {
    allowed = await canI(identity, {
      verb: access.verb,
      group: access.group,
      resource: access.resource,
      namespace: access.namespace,
      ...(access.subresource ? { subresource: access.subresource } : {}),
      ...(access.name ? { name: access.name } : {}),
    });
  } catch {
    return;
  }
  if (allowed) return;
  const resource = `${access.resource}${access.group ? `.${access.group}` : ""}`;
  throw new AppError({
    code: "Forbidden",
    message: `Forbidden: you may not ${describeWrite(access)}`,
    verb: access.verb,
    resource,
    namespace: access.namespace,
  });
}

/** 403 before anything else when the caller may not patch (or create) the target. */
export function assertMay(identity: UserContext, verb: "patch" | "create", target: WriteTarget<unknown>): Promise<void> {
  return assertAllowed(identity, { verb, group: target.group, resource: target.plural, namespace: target.namespace, ...(verb === "patch" ? { name: target.name } : {}) });
}

export async function freshView<T extends PlannableObject>(identity: UserContext, target: WriteTarget<T>) {
  try {
    return toObjectView(await readObject(clientFor(identity).http, target));
  } catch {
    return undefined;
  }
}

/**
 * A route addressed by index may have moved (another client inserted a test
 * route above it): such a write must say which version of the object the index
 * refers to. Routes addressed by name need no precondition.
 */
function assertAddressable<T extends PlannableObject>(request: ActionRequest<T>, current: T): void {
  if (request.expectedResourceVersion !== undefined || !request.addressedByIndex) return;
  let byIndex: boolean;
  try {
    byIndex = request.addressedByIndex(current);
  } catch {
    return;
  }
  if (!byIndex) return;
  throw new AppError(
    {
      code: "PreconditionRequired",
      message: `${targetLabel(request.target)}: a route addressed by index needs the resourceVersion it was read at (body or ?resourceVersion=), since routes can be inserted above it; or address the route by name`,
      issues: [{ path: "resourceVersion", message: "required when the route is addressed by index" }],
    },
    { extras: { current: toObjectView(current) } },
  );
}

function mapPlannerError(error: unknown, current: PlannableObject): unknown {
  if (!isActionError(error)) return error;
  // Undo refused because the spec changed since: show the fresh object, as for any 409.
  return error.code === "Conflict" ? conflictError(error.message, toObjectView(current), error) : fromActionError(error);
}

/**
 * Runs one traffic action as the caller: authorize, read, check the client's
 * resourceVersion, refuse controller-owned routes (423), plan (pure), then —
 * unless it is a no-op — send the merge patch (its resourceVersion is a
 * precondition: a concurrent change answers 409 with the fresh object),
 * server-side dry run or for real, and record a Kubernetes Event.
 */
export async function runAction<T extends PlannableObject>(request: ActionRequest<T>): Promise<ActionResult> {
  const { identity, target, dryRun } = request;
  const { http } = clientFor(identity);
  await assertMay(identity, "patch", target);
  const current = await readObject(http, target);
  const currentVersion = current.metadata.resourceVersion ?? "";
  if (request.expectedResourceVersion !== undefined && request.expectedResourceVersion !== currentVersion) {
    throw conflictError(
      `${targetLabel(target)} changed since you loaded it (resourceVersion ${request.expectedResourceVersion}, now ${currentVersion}): review the current object and plan again`,
      toObjectView(current),
    );
  }
  const locks = await findWeightsLocks(http, target, current);
  let scope: LockScope = { section: "object" };
  if (request.scope) {
    try {
      scope = request.scope(current);
    } catch {
      // An unknown route: the planner reports it (404) below.
    }
  }
  assertScopeUnlocked(locks, scope, current);
  assertAddressable(request, current);

  const when = new Date();
  let plan: ActionPlan<T>;
  try {
    plan = request.plan(current, { user: await whoAmI(identity), now: when.toISOString() });
  } catch (error) {
    throw mapPlannerError(error, current);
  }
  assertChangeUnlocked(locks, current, plan.result);

  if (!plan.changed) {
    return { action: plan.action, summary: plan.summary, changed: false, dryRun, resourceVersion: currentVersion, object: toObjectView(current), diff: "", eventRecorded: false };
  }
  const outcome = await patchObject(http, target, plan.patch, dryRun);
  if (!outcome.ok) {
    throw conflictError(
      `${targetLabel(target)} was changed by someone else while this action was being applied; nothing was written. Review the current object and plan again.`,
      await freshView(identity, target),
      outcome.conflict,
    );
  }
  return changedResult(http, outcome.object, current.spec, { action: plan.action, summary: plan.summary, when, dryRun, fallbackVersion: currentVersion });
}

/** The answer for a change the API server accepted (or admitted, on a dry run); records the Event unless dry run. */
export async function changedResult(
  http: KubeHttp,
  written: PlannableObject,
  before: unknown,
  change: { action: string; summary: string; when: Date; dryRun: boolean; fallbackVersion?: string },
): Promise<ActionResult> {
  const { action, summary, when, dryRun } = change;
  const eventRecorded = dryRun ? false : await recordTrafficEvent(http, { object: written, action, summary, when });
  return {
    action,
    summary,
    changed: true,
    dryRun,
    resourceVersion: written.metadata.resourceVersion ?? change.fallbackVersion ?? "",
    object: toObjectView(written),
    diff: yamlDiff(before, written.spec, diffLabels),
    eventRecorded,
  };
}

/** Reads the object as the caller, for the read-only endpoints (history, test routes). */
export async function readAsCaller<T extends PlannableObject>(identity: UserContext, target: WriteTarget<T>): Promise<T> {
  return readObject(clientFor(identity).http, target);
}
