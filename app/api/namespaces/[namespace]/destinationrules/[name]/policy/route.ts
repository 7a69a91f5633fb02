import { objectParamsSchema } from "@/lib/api/actions";
import { hostPolicyInputSchema, planClearHostPolicy } from "@/lib/istio/actions";
import { noInputSchema, runDestinationRuleAction, runHostPolicyAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Sets the DestinationRule's traffic policy: body `{ policy: { loadBalancer?, connectionPool?, outlierDetection?, tls? }, host?, resourceVersion? }`.
 * Creates the DestinationRule (for `host`, default its name) when it does not exist.
 */
export const PUT = writeHandler(objectParamsSchema, ({ params, input, ...options }) => runHostPolicyAction(params, options, validateInput(hostPolicyInputSchema, input)));

/** Removes the host-level load balancer, connection pool, outlier detection and TLS settings. */
export const DELETE = writeHandler(objectParamsSchema, ({ params, input, ...options }) => {
  validateInput(noInputSchema, input);
  return runDestinationRuleAction(params, options, { plan: (dr, ctx) => planClearHostPolicy(dr, ctx) });
});
