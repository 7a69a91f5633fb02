import { routeParamsSchema } from "@/lib/api/actions";
import { planPromote, promoteInputSchema } from "@/lib/istio/actions";
import { routeActionSpec, runVirtualServiceAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Promotes one destination of the route to 100 % (the others stay at 0): body `{ destination, resourceVersion? }`. */
export const POST = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  const body = validateInput(promoteInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.route, (vs, ref, ctx) => planPromote(vs, ref, body, ctx)));
});
