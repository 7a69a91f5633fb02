import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { KubeConfig } from "@kubernetes/client-node";
import { getClusterCache } from "@/lib/k8s/cache/cluster-cache";
import { isKubeHttpError, type KubeHttp } from "@/lib/k8s/identity/kube-http";
import { toAppError } from "@/lib/k8s/map-error";
import { rolloutWire, type RolloutWire } from "@/lib/rollouts/wire";
import { rolloutsDegraded } from "./snapshot";

const RESOURCE = "rollouts.argoproj.io";

function rolloutPath(namespace: string, name: string): string {
  return `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(namespace)}/rollouts/${encodeURIComponent(name)}`;
}

function assertCrd(kubeConfig: KubeConfig | undefined): void {
  const degraded = rolloutsDegraded(getClusterCache(kubeConfig).snapshot());
  if (degraded?.code === "CrdMissing") throw new AppError({ code: "CrdMissing", message: degraded.message, resource: RESOURCE });
}

/** Reads a Rollout as the caller (a quorum read, never older than the caller's own writes); typed errors. */
export async function readRollout(http: KubeHttp, namespace: string, name: string, kubeConfig?: KubeConfig): Promise<RolloutWire> {
  let raw: unknown;
  try {
    raw = await http.json<unknown>({ path: rolloutPath(namespace, name), timeoutMs: 10_000 });
  } catch (error) {
    if (isKubeHttpError(error) && error.code === 404) {
      if (!error.body.includes('"name"')) assertCrd(kubeConfig);
      throw new AppError({ code: "NotFound", message: `Rollout ${namespace}/${name} not found`, verb: "get", resource: RESOURCE, namespace }, { cause: error });
    }
    throw toAppError(error, { verb: "get", resource: RESOURCE, namespace });
  }
  const parsed = rolloutWire.safeParse(raw);
  if (!parsed.success) throw new AppError({ code: "Unprocessable", message: `Rollout ${namespace}/${name} does not look like an Argo Rollout: ${parsed.error.issues[0]?.message ?? "invalid"}` });
  return parsed.data;
}
