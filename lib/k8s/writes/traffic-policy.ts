import "server-only";
import type { ActionResult } from "@/lib/api/actions";
import { isActionError, planCreateWithPolicy, planSetHostPolicy, type HostPolicyInput } from "@/lib/istio/actions";
import { clientFor } from "../identity/client-for";
import type { ObjectParams, WriteOptions } from "./actions";
import { conflictError, fromActionError } from "./errors";
import { createObject, readObjectIfExists } from "./object-io";
import { assertMay, changedResult, freshView, runAction } from "./run-action";
import { destinationRuleTarget, targetLabel } from "./targets";
import { whoAmI } from "./who-am-i";

/**
 * Sets a DestinationRule's host-level traffic policy as the caller; creates
 * the DestinationRule (for `host`, default its name) when it does not exist.
 * An existing one goes through runAction (resourceVersion, 423, dry run, Event).
 */
export async function runHostPolicyAction(params: ObjectParams, options: WriteOptions, input: HostPolicyInput): Promise<ActionResult> {
  const { identity, dryRun } = options;
  const target = destinationRuleTarget(params.namespace, params.name);
  const { http } = clientFor(identity);
  const existing = await readObjectIfExists(http, target);
  if (existing) {
    return runAction({ identity, target, dryRun, expectedResourceVersion: options.resourceVersion, plan: (dr, ctx) => planSetHostPolicy(dr, input.policy, ctx) });
  }
  await assertMay(identity, "create", target);
  if (options.resourceVersion !== undefined) throw conflictError(`${targetLabel(target)} does not exist (any more): review and plan again`, undefined);
  const when = new Date();
  let plan: ReturnType<typeof planCreateWithPolicy>;
  try {
    const apiVersion = `${target.group}/${await target.version()}`;
    plan = planCreateWithPolicy({ namespace: params.namespace, name: params.name, apiVersion }, input.host ?? params.name, input.policy, { user: await whoAmI(identity), now: when.toISOString() });
  } catch (error) {
    throw isActionError(error) ? fromActionError(error) : error;
  }
  const outcome = await createObject(http, target, plan.object, dryRun);
  if (!outcome.ok) {
    throw conflictError(`${targetLabel(target)} was created by someone else meanwhile; nothing was written. Review it and plan again.`, await freshView(identity, target), outcome.conflict);
  }
  return changedResult(http, outcome.object, null, { action: plan.action, summary: plan.summary, when, dryRun });
}
