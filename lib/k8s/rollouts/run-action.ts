import "server-only";
import type { RolloutActionResult } from "@/lib/api/rollouts";
import type { KubeConfig } from "@kubernetes/client-node";
import { getClusterCache } from "@/lib/k8s/cache/cluster-cache";
import { kubeConfigFor } from "@/lib/k8s/context-config";
import { clientFor } from "@/lib/k8s/identity/client-for";
import { isKubeHttpError, type KubeHttp } from "@/lib/k8s/identity/kube-http";
import type { UserContext } from "@/lib/k8s/identity/user-context";
import { toAppError } from "@/lib/k8s/map-error";
import { assertAllowed } from "@/lib/k8s/writes/run-action";
import { whoAmI } from "@/lib/k8s/writes/who-am-i";
import { actionAccess, planRolloutAction, type RolloutActionRequest, type SetImageOptions } from "@/lib/rollouts/actions";
import { isConfirmedAction } from "@/lib/rollouts/actions/action-outcome";
import { replicaSetWire, type ReplicaSetWire, type RolloutWire } from "@/lib/rollouts/wire";
import { confirmAction } from "./confirm-action";
import { recordRolloutEvent } from "./event";
import { actionOutcome, readTargets } from "./outcome";
import { readRollout } from "./read-rollout";
import { sendRequests, SendError } from "./send";

/** Like the Argo CLI: a PUT that lost a race (409) is re-read, re-planned and sent again, up to 5 times. */
const UPDATE_ATTEMPTS = 5;

/** The ReplicaSets the Rollout owns, read as the caller; the shared cache when the caller may not list them. */
async function readReplicaSets(http: KubeHttp, ro: RolloutWire, kubeConfig: KubeConfig): Promise<ReplicaSetWire[]> {
  const namespace = ro.metadata.namespace ?? "default";
  const owned = (rs: ReplicaSetWire) => (rs.metadata.ownerReferences ?? []).some((r) => r.kind === "Rollout" && (ro.metadata.uid ? r.uid === ro.metadata.uid : r.name === ro.metadata.name));
  let items: unknown[];
  try {
    const list = await http.json<{ items?: unknown[] }>({ path: `/apis/apps/v1/namespaces/${encodeURIComponent(namespace)}/replicasets`, timeoutMs: 10_000 });
    items = list.items ?? [];
  } catch {
    items = [...(getClusterCache(kubeConfig).snapshot().kinds.get("replicasets")?.objects.get(namespace)?.values() ?? [])];
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

export interface RolloutActionOptions {
  /** Server-side dry run: every request with `dryRun=All`; no Event, no follow-ups. */
  dryRun: boolean;
}

/** 403 (SelfSubjectAccessReview of each write the action makes) before any phase check. */
async function assertMayRun(ctx: UserContext, request: RolloutActionRequest, ro: RolloutWire): Promise<void> {
  for (const access of actionAccess(request, ro)) await assertAllowed(ctx, access);
}

/**
 * Runs a Rollout action as the caller: reads the Rollout, checks the caller
 * may make the action's writes (403 first), reads its ReplicaSets, plans with
 * lib/rollouts/actions (409 with the reason when the phase does not allow it,
 * 422 for bad input), sends the requests (status subresource first, main
 * resource on 404) — for real or as a server-side dry run — and, for real,
 * waits for promote, promote-full, abort and retry until the controller acted
 * on it (see ./confirm-action) and records an Event (skipped silently when
 * forbidden). Answers the resulting object and a diff, like traffic actions.
 * Kubernetes refusals map to typed errors (403 names the verb and resource).
 */
export async function runRolloutAction(ctx: UserContext, namespace: string, name: string, request: RolloutActionRequest, options: RolloutActionOptions = { dryRun: false }): Promise<RolloutActionResult> {
  const { http } = clientFor(ctx);
  const kubeConfig = kubeConfigFor(ctx);
  const { dryRun } = options;
  for (let attempt = 1; ; attempt++) {
    const ro = await readRollout(http, namespace, name, kubeConfig);
    if (attempt === 1) await assertMayRun(ctx, request, ro);
    const replicaSets = await readReplicaSets(http, ro, kubeConfig);
    const workload = request.action === "set-image" ? await readWorkload(http, ro) : undefined;
    const plan = planRolloutAction(request, { rollout: ro, replicaSets, now: Date.now(), ...(workload ? { workload } : {}) });
    try {
      const before = await readTargets(http, ro, plan.requests);
      const sent = await sendRequests(http, plan.requests, { dryRun });
      const written = sent.length > 0 && !dryRun;
      // The controller can lose a status action (a stale write, a missed event): watch until it acts.
      const confirmation = isConfirmedAction(plan.action) && written ? await confirmAction(http, plan.action, ro) : undefined;
      const eventRecorded = written ? await recordRolloutEvent(http, ro, plan.action, `${describe(request)}: ${plan.message}`, await whoAmI(ctx)) : false;
      return {
        action: plan.action,
        namespace,
        name,
        message: dryRun ? `${plan.message} (dry run: nothing was written)` : plan.message,
        requests: sent.length,
        eventRecorded,
        ...(confirmation ? { followUps: confirmation.followUps, confirmation: confirmation.outcome } : {}),
        dryRun,
        ...actionOutcome(before, sent, dryRun),
      };
    } catch (error) {
      if (!(error instanceof SendError)) throw error;
      const cause = error.cause;
      const isUpdateConflict = error.request.verb === "update" && isKubeHttpError(cause) && cause.code === 409;
      if (isUpdateConflict && attempt < UPDATE_ATTEMPTS) continue;
      throw toAppError(cause, { verb: error.request.verb, resource: error.request.resource, namespace: error.request.namespace });
    }
  }
}
