import "server-only";
import type { RolloutActionResult } from "@/lib/api/rollouts";
import { AppError } from "@/lib/errors/app-error";
import { getClusterCache } from "@/lib/k8s/cache/cluster-cache";
import { clientFor } from "@/lib/k8s/identity/client-for";
import { isKubeHttpError, type KubeHttp } from "@/lib/k8s/identity/kube-http";
import type { UserContext } from "@/lib/k8s/identity/user-context";
import { toAppError } from "@/lib/k8s/map-error";
import { whoAmI } from "@/lib/k8s/writes/who-am-i";
import { planRolloutAction, type RolloutActionRequest, type SetImageOptions } from "@/lib/rollouts/actions";
import { replicaSetWire, rolloutWire, type ReplicaSetWire, type RolloutWire } from "@/lib/rollouts/wire";
import { recordRolloutEvent } from "./event";
import { sendRequests, SendError } from "./send";
import { rolloutsDegraded } from "./snapshot";

const RESOURCE = "rollouts.argoproj.io";
/** Like the Argo CLI: a PUT that lost a race (409) is re-read, re-planned and sent again, up to 5 times. */
const UPDATE_ATTEMPTS = 5;

function rolloutPath(namespace: string, name: string): string {
  return `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(namespace)}/rollouts/${encodeURIComponent(name)}`;
}

function assertCrd(): void {
  const degraded = rolloutsDegraded(getClusterCache().snapshot());
  if (degraded?.code === "CrdMissing") throw new AppError({ code: "CrdMissing", message: degraded.message, resource: RESOURCE });
}

async function readRollout(http: KubeHttp, namespace: string, name: string): Promise<RolloutWire> {
  let raw: unknown;
  try {
    raw = await http.json<unknown>({ path: rolloutPath(namespace, name), timeoutMs: 10_000 });
  } catch (error) {
    if (isKubeHttpError(error) && error.code === 404) {
      if (!error.body.includes('"name"')) assertCrd();
      throw new AppError({ code: "NotFound", message: `Rollout ${namespace}/${name} not found`, verb: "get", resource: RESOURCE, namespace }, { cause: error });
    }
    throw toAppError(error, { verb: "get", resource: RESOURCE, namespace });
  }
  const parsed = rolloutWire.safeParse(raw);
  if (!parsed.success) throw new AppError({ code: "Unprocessable", message: `Rollout ${namespace}/${name} does not look like an Argo Rollout: ${parsed.error.issues[0]?.message ?? "invalid"}` });
  return parsed.data;
}

/** The ReplicaSets the Rollout owns, read as the caller; the shared cache when the caller may not list them. */
async function readReplicaSets(http: KubeHttp, ro: RolloutWire): Promise<ReplicaSetWire[]> {
  const namespace = ro.metadata.namespace ?? "default";
  const owned = (rs: ReplicaSetWire) => (rs.metadata.ownerReferences ?? []).some((r) => r.kind === "Rollout" && (ro.metadata.uid ? r.uid === ro.metadata.uid : r.name === ro.metadata.name));
  let items: unknown[];
  try {
    const list = await http.json<{ items?: unknown[] }>({ path: `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/replicasets`, timeoutMs: 10_000 });
    items = list.items ?? [];
  } catch {
    items = [...(getClusterCache().snapshot().kinds.get("replicasets")?.objects.get(namespace)?.values() ?? [])];
  }
  return items.flatMap((o) => {
    const parsed = replicaSetWire.safeParse(o);
    return parsed.success && owned(parsed.data) ? [parsed.data] : [];
  });
}

async function readWorkload(http: KubeHttp, ro: RolloutWire): Promise<SetImageOptions["workload"]> {
  const ref = ro.spec.workloadRef;
  if (!ref || ref.kind !== "Deployment") return undefined;
  const namespace = ro.metadata.namespace ?? "default";
  try {
    return await http.json<NonNullable<SetImageOptions["workload"]>>({ path: `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/deployments/${encodeURIComponent(ref.name)}`, timeoutMs: 10_000 });
  } catch (error) {
    throw toAppError(error, { verb: "get", resource: "deployments.apps", namespace });
  }
}

function describe(request: RolloutActionRequest): string {
  switch (request.action) {
    case "set-image":
      return `set image ${request.container}=${request.image}`;
    case "undo":
      return request.toRevision ? `undo to revision ${request.toRevision}` : "undo";
    default:
      return request.action;
  }
}

/**
 * Runs a Rollout action as the caller: reads the Rollout (and its
 * ReplicaSets), plans with lib/rollouts/actions (409 with the reason when the
 * phase does not allow it, 422 for bad input), sends the patches (status
 * subresource first, main resource on 404) and records an Event (skipped
 * silently when forbidden). Kubernetes refusals map to typed errors (403 names
 * the verb and resource).
 */
export async function runRolloutAction(ctx: UserContext, namespace: string, name: string, request: RolloutActionRequest): Promise<RolloutActionResult> {
  const { http } = clientFor(ctx);
  for (let attempt = 1; ; attempt++) {
    const ro = await readRollout(http, namespace, name);
    const replicaSets = await readReplicaSets(http, ro);
    const workload = request.action === "set-image" ? await readWorkload(http, ro) : undefined;
    const plan = planRolloutAction(request, { rollout: ro, replicaSets, now: Date.now(), ...(workload ? { workload } : {}) });
    try {
      const sent = await sendRequests(http, plan.requests);
      const eventRecorded = sent.length > 0 ? await recordRolloutEvent(http, ro, plan.action, `${describe(request)}: ${plan.message}`, await whoAmI(ctx)) : false;
      return { action: plan.action, namespace, name, message: plan.message, requests: sent.length, eventRecorded };
    } catch (error) {
      if (!(error instanceof SendError)) throw error;
      const cause = error.cause;
      const isUpdateConflict = error.request.verb === "update" && isKubeHttpError(cause) && cause.code === 409;
      if (isUpdateConflict && attempt < UPDATE_ATTEMPTS) continue;
      throw toAppError(cause, { verb: error.request.verb, resource: error.request.resource, namespace: error.request.namespace });
    }
  }
}
