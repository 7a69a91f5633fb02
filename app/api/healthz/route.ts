import { jsonResponse } from "@/lib/errors/to-response";
import { checkHealth } from "@/lib/k8s/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Liveness: always 200 while the server runs; `kube` reports API reachability. */
export async function GET(): Promise<Response> {
  return jsonResponse(await checkHealth());
}
