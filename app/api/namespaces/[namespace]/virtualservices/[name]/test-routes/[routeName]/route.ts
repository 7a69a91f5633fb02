import { testRouteParamsSchema } from "@/lib/api/actions";
import { planRemoveTestRoute, planUpdateTestRoute, updateTestRouteInputSchema } from "@/lib/istio/actions";
import { noInputSchema, routeActionSpec, runVirtualServiceAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Edits a test route (by name or index): body `{ header? | cookie?, destination?, resourceVersion? }`. */
export const PUT = writeHandler(testRouteParamsSchema, ({ params, input, ...options }) => {
  const change = validateInput(updateTestRouteInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.routeName, (vs, ref, ctx) => planUpdateTestRoute(vs, ref, change, ctx)));
});

/** Removes a test route (refuses rules that are not test routes). */
export const DELETE = writeHandler(testRouteParamsSchema, ({ params, input, ...options }) => {
  validateInput(noInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.routeName, (vs, ref, ctx) => planRemoveTestRoute(vs, ref, ctx)));
});
