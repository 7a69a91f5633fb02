import "server-only";
import type { KubeHttp } from "@/lib/k8s/identity/kube-http";
import { isKubeHttpError } from "@/lib/k8s/identity/kube-http";
import type { RequestTarget, RolloutRequest } from "@/lib/rollouts/actions";

const PLURALS: Record<string, string> = { Rollout: "rollouts", Deployment: "deployments", ReplicaSet: "replicasets", PodTemplate: "podtemplates" };

/** The object's API path (with `/status` for the status subresource). */
export function objectPath(target: RequestTarget, subresource: "status" | null = null): string {
  const plural = PLURALS[target.kind] ?? `${target.kind.toLowerCase()}s`;
  const prefix = target.apiVersion.includes("/") ? `/apis/${target.apiVersion}` : `/api/${target.apiVersion}`;
  return `${prefix}/namespaces/${encodeURIComponent(target.namespace)}/${plural}/${encodeURIComponent(target.name)}${subresource ? `/${subresource}` : ""}`;
}

/** "rollouts.argoproj.io", "deployments.apps": the resource a refusal names. */
export function qualified(target: RequestTarget): string {
  const plural = PLURALS[target.kind] ?? `${target.kind.toLowerCase()}s`;
  const group = target.apiVersion.includes("/") ? target.apiVersion.split("/")[0] : "";
  return `${plural}${group ? `.${group}` : ""}`;
}

/** A request of a plan failed: which one, and why (`cause`: usually a KubeHttpError). */
export class SendError extends Error {
  constructor(
    readonly request: { verb: "patch" | "update"; resource: string; namespace: string },
    override readonly cause: unknown,
  ) {
    super(`${request.verb} ${request.resource} failed`);
    this.name = "SendError";
  }
}

export interface SentRequest {
  verb: "patch" | "update";
  resource: string;
}

/**
 * Sends a plan's requests in order, as the Argo CLI does: a request with
 * `onNotFound` is replaced (with everything after it) by those requests when
 * the server answers 404 (a CRD without the status subresource).
 * Throws {@link SendError} (the failed request and the server's error).
 */
export async function sendRequests(http: KubeHttp, requests: readonly RolloutRequest[], sent: SentRequest[] = []): Promise<SentRequest[]> {
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i]!;
    const resource = qualified(r.target);
    try {
      if (r.verb === "update") {
        await http.json({ method: "PUT", path: objectPath(r.target), body: r.body, timeoutMs: 15_000 });
      } else {
        await http.json({
          method: "PATCH",
          path: objectPath(r.target, r.subresource),
          body: r.body,
          contentType: r.patchType === "json" ? "application/json-patch+json" : "application/merge-patch+json",
          timeoutMs: 15_000,
        });
      }
      sent.push({ verb: r.verb, resource });
    } catch (error) {
      if (r.verb === "patch" && r.onNotFound && isKubeHttpError(error) && error.code === 404) {
        return sendRequests(http, r.onNotFound, sent);
      }
      throw new SendError({ verb: r.verb, resource, namespace: r.target.namespace }, error);
    }
  }
  return sent;
}
