import "server-only";
import type { Health } from "@/lib/api/health";
import { getClientSet, withTimeout } from "./client-set";
import { toAppError } from "./map-error";

/** Liveness plus a quick `GET /version` against the API server. Never throws. */
export async function checkHealth(timeoutMs = 2_000): Promise<Health> {
  try {
    const info = await getClientSet().version.getCode({}, withTimeout(timeoutMs));
    return { status: "ok", kube: { reachable: true, version: info.gitVersion } };
  } catch (error) {
    return { status: "ok", kube: { reachable: false, code: toAppError(error, { verb: "get", resource: "version" }).code } };
  }
}
