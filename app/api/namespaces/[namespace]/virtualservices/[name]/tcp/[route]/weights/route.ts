import { routeParamsSchema } from "@/lib/api/actions";
import { planSetL4Weights, setWeightsInputSchema } from "@/lib/istio/actions";
import { l4RouteActionSpec, runVirtualServiceAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Sets the traffic split of one tcp route. `route`: its index (`0`) or `tcp:N`
 * (tcp routes have no name). Body: `{ weights: [{ host, subset?, port?, weight }],
 * allowAdd?, allowRemove?, resourceVersion }`. 423 when Argo Rollouts writes that route.
 */
export const PUT = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  const weights = validateInput(setWeightsInputSchema, input);
  return runVirtualServiceAction(params, options, l4RouteActionSpec("tcp", params.route, (vs, index, ctx) => planSetL4Weights(vs, "tcp", index, weights, ctx)));
});
