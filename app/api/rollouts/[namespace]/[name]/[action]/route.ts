import { parseQuery } from "@/lib/api/query";
import { promoteBodySchema, emptyBodySchema, restartBodySchema, rolloutActionParamsSchema, rolloutActionQuerySchema, rolloutPostActionSchema, undoBodySchema } from "@/lib/api/rollouts";
import { requestIdentity } from "@/lib/auth/request-identity";
import { AppError } from "@/lib/errors/app-error";
import { errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { parseBody, parseOr400 } from "@/lib/k8s/rollouts/http";
import { runRolloutAction } from "@/lib/k8s/rollouts/run-action";
import type { RolloutActionRequest } from "@/lib/rollouts/actions";
import { assertCsrf } from "@/lib/security/csrf";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function actionRequest(action: string, request: Request): Promise<RolloutActionRequest> {
  const known = rolloutPostActionSchema.safeParse(action);
  if (!known.success) throw new AppError({ code: "NotFound", message: `Unknown rollout action "${action}" (promote, abort, retry, restart, undo; PUT image)` });
  switch (known.data) {
    case "promote":
      return (await parseBody(request, promoteBodySchema)).full ? { action: "promote-full" } : { action: "promote" };
    case "abort":
    case "retry":
      await parseBody(request, emptyBodySchema);
      return { action: known.data };
    case "restart": {
      const body = await parseBody(request, restartBodySchema);
      return body.in ? { action: "restart", in: body.in } : { action: "restart" };
    }
    case "undo": {
      const body = await parseBody(request, undoBodySchema);
      return body.revision !== undefined ? { action: "undo", toRevision: body.revision } : { action: "undo" };
    }
  }
}

/** POST /api/rollouts/{ns}/{name}/{promote|abort|retry|restart|undo}[?dryRun=true]: runs as the caller; 403 first, 409 with the reason when the phase does not allow it. */
export async function POST(request: Request, context: { params: Promise<unknown> }): Promise<Response> {
  try {
    assertCsrf(request);
    const { namespace, name, action } = parseOr400(rolloutActionParamsSchema, await context.params, "path parameters");
    const { dryRun } = parseQuery(request, rolloutActionQuerySchema);
    const planned = await actionRequest(action, request);
    return jsonResponse(await runRolloutAction(requestIdentity(request), namespace, name, planned, { dryRun: dryRun === "true" }));
  } catch (error) {
    return errorResponse(error);
  }
}
