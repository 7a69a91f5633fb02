import { serviceMetricsParamsSchema, serviceMetricsQuerySchema } from "@/lib/api/metrics";
import { parseQuery } from "@/lib/api/query";
import { badRequestFromZod, errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { getServiceMetrics } from "@/lib/metrics/service-metrics";
import { AppError } from "@/lib/errors/app-error";
import { canISafe } from "@/lib/k8s/identity/access";
import { requestIdentity } from "@/lib/auth/request-identity";
import { kubeConfigFor } from "@/lib/k8s/context-config";
import { getServicePodMetrics } from "@/lib/k8s/pod-metrics";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

interface Context {
  params: Promise<{ namespace: string; name: string }>;
}

/**
 * `GET /api/services/{namespace}/{name}/metrics?window=5m[&reporter=auto|destination|source]`
 *
 * Invalid parameters → 400 BadRequest. Otherwise always 200 with one panel per
 * data source (see lib/api/metrics.ts `panelSchema`): when Prometheus is down
 * the `requests` and `latency` panels carry `{ status: "error", error: { code:
 * "Unavailable", … } }` while `pods` still answers, so the UI degrades a panel,
 * not the page; with no Prometheus configured they are `NotConfigured`.
 */
export async function GET(request: Request, context: Context): Promise<Response> {
  const params = serviceMetricsParamsSchema.safeParse(await context.params);
  if (!params.success) return errorResponse(badRequestFromZod(params.error, "path parameters"));
  try {
    const query = parseQuery(request, serviceMetricsQuerySchema);
    // Prometheus is read with Meshdeck's own access: answer only callers who may read the service.
    const ctx = requestIdentity(request);
    const op = { verb: "get", resource: "services", namespace: params.data.namespace };
    if (!(await canISafe(ctx, { verb: "get", resource: "services", namespace: params.data.namespace, name: params.data.name }))) {
      throw new AppError({ code: "Forbidden", message: `Not allowed to get services in ${params.data.namespace}`, ...op });
    }
    // The pods panel reads the cluster of the session's kubeconfig context.
    const kubeConfig = kubeConfigFor(ctx);
    const podMetrics = (namespace: string, name: string) => getServicePodMetrics(namespace, name, kubeConfig);
    return jsonResponse(await getServiceMetrics({ ...params.data, ...query, signal: request.signal }, { podMetrics }));
  } catch (error) {
    return errorResponse(error);
  }
}
