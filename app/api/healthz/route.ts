import type { NextRequest } from "next/server";
import { healthQuerySchema, type Health } from "@/lib/api/health";
import { parseQuery } from "@/lib/api/query";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { checkHealth } from "@/lib/k8s/health";
import { getPrometheus } from "@/lib/metrics/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function prometheusHealth(): Promise<NonNullable<Health["prometheus"]>> {
  const access = getPrometheus();
  if (access.state === "NotConfigured") return { configured: false, reachable: false, message: access.message };
  try {
    await access.client.instant("vector(1)");
    return { configured: true, reachable: true };
  } catch (error) {
    return { configured: true, reachable: false, message: error instanceof Error ? error.message : "unreachable" };
  }
}

/**
 * Liveness: always 200 while the server runs. Cheap by default (no outbound
 * call, so an API-server outage never restarts the pod); `?deep=1` (or
 * `?kube=1`) adds Kubernetes (`GET /version`) and Prometheus reachability.
 */
export async function GET(request: NextRequest): Promise<Response> {
  let q;
  try {
    q = parseQuery(request, healthQuerySchema);
  } catch (error) {
    return errorResponse(error);
  }
  const base: Health = { status: "ok", uptimeSeconds: Math.round(process.uptime()) };
  if (q.deep !== "1" && q.kube !== "1") return jsonResponse(base);
  const [kube, prometheus] = await Promise.all([checkHealth(), prometheusHealth()]);
  return jsonResponse({ ...base, kube: kube.kube, prometheus });
}
