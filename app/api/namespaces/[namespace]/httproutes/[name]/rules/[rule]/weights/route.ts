import { ruleParamsSchema } from "@/lib/api/actions";
import { httpRouteWeightsInputSchema, planHttpRouteWeights } from "@/lib/istio/actions";
import { ruleActionSpec, runHttpRouteAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Sets backendRefs weights of one rule (by `rules[].name` or index): body
 * `{ weights: [{ name, namespace?, port?, group?, kind?, weight }], allowAdd?, allowRemove?, resourceVersion? }`.
 */
export const PUT = writeHandler(ruleParamsSchema, ({ params, input, ...options }) => {
  const weights = validateInput(httpRouteWeightsInputSchema, input);
  return runHttpRouteAction(params, options, ruleActionSpec(params.rule, (route, ref, ctx) => planHttpRouteWeights(route, ref, weights, ctx)));
});
