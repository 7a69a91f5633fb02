import "server-only";
import type { RolloutActionResult } from "@/lib/api/rollouts";
import { yamlDiff } from "@/lib/diff";
import type { KubeHttp } from "@/lib/k8s/identity/kube-http";
import { toAppError } from "@/lib/k8s/map-error";
import { toObjectView } from "@/lib/k8s/writes/view";
import { resultingObject, targetKey, type RequestTarget, type RolloutRequest } from "@/lib/rollouts/actions";
import type { ObjectMeta } from "@/lib/istio/wire";
import type { RolloutWire } from "@/lib/rollouts/wire";
import { objectPath, qualified, type SentRequest } from "./send";

type RawObject = Record<string, unknown>;

function targetsOf(requests: readonly RolloutRequest[], into = new Map<string, RequestTarget>()): Map<string, RequestTarget> {
  for (const r of requests) {
    into.set(targetKey(r.target), r.target);
    if (r.verb === "patch" && r.onNotFound) targetsOf(r.onNotFound, into);
  }
  return into;
}

/** Each object a plan writes, as stored before it is sent (for the diff), read as the caller. */
export async function readTargets(http: KubeHttp, ro: RolloutWire, requests: readonly RolloutRequest[]): Promise<{ rollout: RolloutWire; objects: Map<string, RawObject> }> {
  const objects = new Map<string, RawObject>();
  for (const [key, target] of targetsOf(requests)) {
    try {
      objects.set(key, await http.json<RawObject>({ path: objectPath(target), timeoutMs: 10_000 }));
    } catch (error) {
      throw toAppError(error, { verb: "get", resource: qualified(target), namespace: target.namespace });
    }
  }
  return { rollout: ro, objects };
}

type ObjectView = RolloutActionResult["object"];

function view(object: RawObject): ObjectView {
  const typed = object as { apiVersion?: string; kind?: string; metadata?: ObjectMeta; spec?: Record<string, unknown>; status?: Record<string, unknown> };
  const base = toObjectView({ apiVersion: typed.apiVersion ?? "", kind: typed.kind ?? "", metadata: typed.metadata ?? { name: "" }, spec: typed.spec ?? {} });
  return typed.status ? { ...base, status: typed.status } : base;
}

const diffLabels = { fromLabel: "spec and status (current)", toLabel: "spec and status (result)" };

function specAndStatus(object: RawObject | undefined): unknown {
  return { spec: object?.spec ?? {}, status: object?.status ?? {} };
}

/** The resulting object and the diff of its spec and status (before → after), as traffic actions answer. */
export function actionOutcome(before: { rollout: RolloutWire; objects: Map<string, RawObject> }, sent: readonly SentRequest[], dryRun: boolean): Pick<RolloutActionResult, "object" | "diff"> {
  const result = resultingObject(sent, dryRun);
  if (!result) return { object: view(before.rollout as unknown as RawObject), diff: "" };
  const previous = before.objects.get(targetKey(result.target));
  return { object: view(result.object), diff: yamlDiff(specAndStatus(previous), specAndStatus(result.object), diffLabels) };
}
