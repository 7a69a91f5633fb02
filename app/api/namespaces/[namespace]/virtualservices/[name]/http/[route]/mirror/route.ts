import { routeParamsSchema } from "@/lib/api/actions";
import { mirrorInputSchema, planClearMirror, planSetMirror } from "@/lib/istio/actions";
import { noInputSchema, routeActionSpec, runVirtualServiceAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Mirrors a share of the route's traffic: body `{ destination, percentage?, resourceVersion? }`. */
export const PUT = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  const mirror = validateInput(mirrorInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.route, (vs, ref, ctx) => planSetMirror(vs, ref, mirror, ctx)));
});

/** Stops mirroring. */
export const DELETE = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  validateInput(noInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.route, (vs, ref, ctx) => planClearMirror(vs, ref, ctx)));
});
