import "server-only";
import type { KubeHttp } from "@/lib/k8s/identity/kube-http";
import { isKubeHttpError } from "@/lib/k8s/identity/kube-http";
import type { RequestTarget, RolloutRequest, SentObject } from "@/lib/rollouts/actions";

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

export interface SentRequest extends SentObject {
  verb: "patch" | "update";
  resource: string;
}

export interface SendOptions {
  /** Server-side dry run (`?dryRun=All`): admitted and answered as if stored, nothing is written. */
  dryRun?: boolean;
}

function withDryRun(path: string, dryRun: boolean | undefined): string {
  return dryRun ? `${path}?dryRun=All` : path;
}

/**
 * Sends a plan's requests in order, as the Argo CLI does: a request with
 * `onNotFound` is replaced (with everything after it) by those requests when
 * the server answers 404 (a CRD without the status subresource).
 * Answers what was sent and the object each answer carried.
 * Throws {@link SendError} (the failed request and the server's error).
 */
export async function sendRequests(http: KubeHttp, requests: readonly RolloutRequest[], options: SendOptions = {}, sent: SentRequest[] = []): Promise<SentRequest[]> {
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i]!;
    const resource = qualified(r.target);
    try {
      let object: Record<string, unknown>;
      if (r.verb === "update") {
        object = await http.json({ method: "PUT", path: withDryRun(objectPath(r.target), options.dryRun), body: r.body, timeoutMs: 15_000 });
      } else {
        object = await http.json({
          method: "PATCH",
          path: withDryRun(objectPath(r.target, r.subresource), options.dryRun),
          body: r.body,
          contentType: r.patchType === "json" ? "application/json-patch+json" : "application/merge-patch+json",
          timeoutMs: 15_000,
        });
      }
      sent.push({ verb: r.verb, resource, target: r.target, subresource: r.subresource, object });
    } catch (error) {
      if (r.verb === "patch" && r.onNotFound && isKubeHttpError(error) && error.code === 404) {
        return sendRequests(http, r.onNotFound, options, sent);
      }
      throw new SendError({ verb: r.verb, resource, namespace: r.target.namespace }, error);
    }
  }
  return sent;
}
