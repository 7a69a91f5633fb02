import { routeParamsSchema } from "@/lib/api/actions";
import { mirrorInputSchema, planClearMirror, planSetMirror } from "@/lib/istio/actions";
import { noInputSchema, routeScope, runVirtualServiceAction, validateInput, virtualServiceRouteRef, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Mirrors a share of the route's traffic: body `{ destination, percentage?, resourceVersion? }`. */
export const PUT = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  const mirror = validateInput(mirrorInputSchema, input);
  return runVirtualServiceAction(params, options, {
    scope: routeScope(params.route),
    plan: (vs, ctx) => planSetMirror(vs, virtualServiceRouteRef(vs, params.route), mirror, ctx),
  });
});

/** Stops mirroring. */
export const DELETE = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  validateInput(noInputSchema, input);
  return runVirtualServiceAction(params, options, {
    scope: routeScope(params.route),
    plan: (vs, ctx) => planClearMirror(vs, virtualServiceRouteRef(vs, params.route), ctx),
  });
});
