import { routeParamsSchema } from "@/lib/api/actions";
import { faultInputSchema, planClearFault, planSetFault } from "@/lib/istio/actions";
import { noInputSchema, routeActionSpec, runVirtualServiceAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Injects a delay and/or an abort: body `{ delay?: { fixedDelay, percentage }, abort?: { httpStatus, percentage },
 * onlyForHeader?: { name, match, value }, resourceVersion? }`.
 */
export const PUT = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  const fault = validateInput(faultInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.route, (vs, ref, ctx) => planSetFault(vs, ref, fault, ctx)));
});

/** Removes the route's fault injection (and Meshdeck's header-scoped fault rules before it). */
export const DELETE = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  validateInput(noInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.route, (vs, ref, ctx) => planClearFault(vs, ref, ctx)));
});
