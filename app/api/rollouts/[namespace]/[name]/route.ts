import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { rolloutParamsSchema } from "@/lib/api/rollouts";
import { requestIdentity } from "@/lib/auth/request-identity";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { parseOr400 } from "@/lib/k8s/rollouts/http";
import { rolloutDetail } from "@/lib/k8s/rollouts/load";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** One Rollout: step timeline, revisions with pods, AnalysisRuns, pause conditions, the objects it drives, available actions. */
export async function GET(request: Request, context: { params: Promise<unknown> }): Promise<Response> {
  try {
    const { namespace, name } = parseOr400(rolloutParamsSchema, await context.params, "path parameters");
    parseQuery(request, noQuerySchema);
    return jsonResponse(await rolloutDetail(requestIdentity(request), namespace, name));
  } catch (error) {
    return errorResponse(error);
  }
}
