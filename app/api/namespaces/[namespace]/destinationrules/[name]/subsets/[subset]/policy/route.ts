import { subsetParamsSchema } from "@/lib/api/actions";
import { planClearSubsetPolicy, planSetSubsetPolicy, trafficPolicyInputSchema } from "@/lib/istio/actions";
import { noInputSchema, runDestinationRuleAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Sets a subset's traffic policy: body `{ loadBalancer?, connectionPool?, outlierDetection?, tls?, resourceVersion? }`. */
export const PUT = writeHandler(subsetParamsSchema, ({ params, input, ...options }) => {
  const policy = validateInput(trafficPolicyInputSchema, input);
  return runDestinationRuleAction(params, options, { plan: (dr, ctx) => planSetSubsetPolicy(dr, params.subset, policy, ctx) });
});

/** Removes the subset's own traffic policy (the host-level one applies to it again). */
export const DELETE = writeHandler(subsetParamsSchema, ({ params, input, ...options }) => {
  validateInput(noInputSchema, input);
  return runDestinationRuleAction(params, options, { plan: (dr, ctx) => planClearSubsetPolicy(dr, params.subset, ctx) });
});
