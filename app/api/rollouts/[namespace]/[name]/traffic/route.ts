import { parseQuery } from "@/lib/api/query";
import { rolloutParamsSchema, rolloutTrafficQuerySchema } from "@/lib/api/rollouts";
import { requestIdentity } from "@/lib/auth/request-identity";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { parseOr400 } from "@/lib/k8s/rollouts/http";
import { rolloutTraffic } from "@/lib/k8s/rollouts/traffic";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Requests per second by version and ok/error per bucket, from one Prometheus query (sampled from metrics, not real requests). */
export async function GET(request: Request, context: { params: Promise<unknown> }): Promise<Response> {
  try {
    const { namespace, name } = parseOr400(rolloutParamsSchema, await context.params, "path parameters");
    const { window } = parseQuery(request, rolloutTrafficQuerySchema);
    return jsonResponse(await rolloutTraffic(requestIdentity(request), namespace, name, window));
  } catch (error) {
    return errorResponse(error);
  }
}
