import { parseQuery } from "@/lib/api/query";
import { rolloutActionQuerySchema, rolloutParamsSchema, setImageBodySchema } from "@/lib/api/rollouts";
import { requestIdentity } from "@/lib/auth/request-identity";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { parseBody, parseOr400 } from "@/lib/k8s/rollouts/http";
import { runRolloutAction } from "@/lib/k8s/rollouts/run-action";
import { assertCsrf } from "@/lib/security/csrf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** PUT /api/rollouts/{ns}/{name}/image[?dryRun=true] `{ container, image }`: `kubectl argo rollouts set image`, as the caller. */
export async function PUT(request: Request, context: { params: Promise<unknown> }): Promise<Response> {
  try {
    assertCsrf(request);
    const { namespace, name } = parseOr400(rolloutParamsSchema, await context.params, "path parameters");
    const { dryRun } = parseQuery(request, rolloutActionQuerySchema);
    const body = await parseBody(request, setImageBodySchema);
    return jsonResponse(await runRolloutAction(requestIdentity(request), namespace, name, { action: "set-image", ...body }, { dryRun: dryRun === "true" }));
  } catch (error) {
    return errorResponse(error);
  }
}
