import { routeParamsSchema } from "@/lib/api/actions";
import { planSwitch, switchInputSchema } from "@/lib/istio/actions";
import { routeActionSpec, runVirtualServiceAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Blue/green switch of the route (usually the catch-all): body `{ destination?, resourceVersion? }`. */
export const POST = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  const body = validateInput(switchInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.route, (vs, ref, ctx) => planSwitch(vs, ref, body, ctx)));
});
