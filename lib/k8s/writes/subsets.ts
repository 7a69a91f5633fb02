import "server-only";
import { z } from "zod";
import { subsetsInputSchema, type ActionResult } from "@/lib/api/actions";
import { AppError } from "@/lib/errors/app-error";
import { isActionError, planSubsetsFromVersions, type SubsetsPlan } from "@/lib/istio/actions";
import { pod as podSchema, service as serviceSchema, type PodWire, type ServiceWire } from "@/lib/istio/wire";
import { clientFor } from "../identity/client-for";
import type { KubeHttp } from "../identity/kube-http";
import { toAppError } from "../map-error";
import type { ObjectParams, WriteOptions } from "./actions";
import { conflictError, fromActionError } from "./errors";
import { createObject, patchObject, readObjectIfExists } from "./object-io";
import { assertMay, changedResult, freshView } from "./run-action";
import { destinationRuleTarget, targetLabel } from "./targets";
import { toObjectView } from "./view";
import { whoAmI } from "./who-am-i";

export { subsetsInputSchema };
export type SubsetsInput = z.infer<typeof subsetsInputSchema>;

async function readService(http: KubeHttp, namespace: string, name: string): Promise<ServiceWire> {
  let raw: unknown;
  try {
    raw = await http.json<unknown>({ path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/services/${encodeURIComponent(name)}`, timeoutMs: 10_000 });
  } catch (error) {
    throw toAppError(error, { verb: "get", resource: "services", namespace });
  }
  const parsed = serviceSchema.safeParse(raw);
  if (!parsed.success) throw new AppError({ code: "Unprocessable", message: `Service ${namespace}/${name} has a shape Meshdeck cannot read`, resource: "services", namespace });
  return parsed.data;
}

async function listPods(http: KubeHttp, namespace: string, selector: Record<string, string>): Promise<PodWire[]> {
  const labelSelector = Object.entries(selector).map(([k, v]) => `${k}=${v}`).join(",");
  let list: { items?: unknown[] };
  try {
    list = await http.json<{ items?: unknown[] }>({ path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods`, query: { labelSelector }, timeoutMs: 15_000 });
  } catch (error) {
    throw toAppError(error, { verb: "list", resource: "pods", namespace });
  }
  return (list.items ?? []).flatMap((item) => {
    const parsed = podSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * DestinationRule subsets from the `version` label of a Service's live pods,
 * as the caller: creates the DestinationRule named after the Service, or
 * patches the existing one with the missing subsets (resourceVersion
 * precondition; `resourceVersion` from the client refers to the
 * DestinationRule). Dry run, no-op, Event and errors as for the other actions.
 */
export async function runSubsetsAction(params: ObjectParams, options: WriteOptions, input: SubsetsInput): Promise<ActionResult> {
  const { identity, dryRun } = options;
  const { http } = clientFor(identity);
  const target = destinationRuleTarget(params.namespace, params.name);
  const service = await readService(http, params.namespace, params.name);
  const pods = Object.keys(service.spec.selector ?? {}).length > 0 ? await listPods(http, params.namespace, service.spec.selector ?? {}) : [];
  const existing = await readObjectIfExists(http, target);
  await assertMay(identity, existing ? "patch" : "create", target);
  const currentVersion = existing?.metadata.resourceVersion ?? "";
  if (options.resourceVersion !== undefined && options.resourceVersion !== currentVersion) {
    throw conflictError(
      `${targetLabel(target)} ${existing ? `changed since you loaded it (resourceVersion ${options.resourceVersion}, now ${currentVersion})` : "does not exist (any more)"}: review and plan again`,
      existing ? toObjectView(existing) : undefined,
    );
  }
  const when = new Date();
  let plan: SubsetsPlan;
  try {
    plan = planSubsetsFromVersions(service, pods, existing, { user: await whoAmI(identity), now: when.toISOString() }, { ...input, apiVersion: `${target.group}/${await target.version()}` });
  } catch (error) {
    throw isActionError(error) ? fromActionError(error) : error;
  }
  if (!plan.changed && existing) {
    return { action: plan.action, summary: plan.summary, changed: false, dryRun, resourceVersion: currentVersion, object: toObjectView(existing), diff: "", eventRecorded: false };
  }
  const outcome = plan.kind === "create" ? await createObject(http, target, plan.object, dryRun) : await patchObject(http, target, plan.patch, dryRun);
  if (!outcome.ok) {
    throw conflictError(`${targetLabel(target)} was changed or created by someone else meanwhile; nothing was written. Review it and plan again.`, await freshView(identity, target), outcome.conflict);
  }
  return changedResult(http, outcome.object, existing?.spec ?? null, { action: plan.action, summary: plan.summary, when, dryRun });
}
