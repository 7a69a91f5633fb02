import { routeParamsSchema } from "@/lib/api/actions";
import { planClearTimeout, planSetTimeout, timeoutInputSchema } from "@/lib/istio/actions";
import { noInputSchema, routeActionSpec, runVirtualServiceAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Sets the route's timeout: body `{ timeout: "1s", resourceVersion? }`; slower answers end with 504 (flag UT). */
export const PUT = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  const body = validateInput(timeoutInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.route, (vs, ref, ctx) => planSetTimeout(vs, ref, body, ctx)));
});

/** Removes the route's timeout (Istio's default: none). */
export const DELETE = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  validateInput(noInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.route, (vs, ref, ctx) => planClearTimeout(vs, ref, ctx)));
});
