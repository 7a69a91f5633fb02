import { routeParamsSchema } from "@/lib/api/actions";
import { planSetWeights, setWeightsInputSchema } from "@/lib/istio/actions";
import { routeActionSpec, runVirtualServiceAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Sets the traffic split of one route. `route`: the http route's name or index,
 * or `tcp:N` for the N-th tcp route (`http:N` also works). Body:
 * `{ weights: [{ host, subset?, port?, weight }], allowAdd?, allowRemove?, resourceVersion? }`.
 */
export const PUT = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  const weights = validateInput(setWeightsInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.route, (vs, ref, ctx) => planSetWeights(vs, ref, weights, ctx)));
});
