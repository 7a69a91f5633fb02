import { routeParamsSchema } from "@/lib/api/actions";
import { planClearRetries, planSetRetries, retriesInputSchema } from "@/lib/istio/actions";
import { noInputSchema, routeActionSpec, runVirtualServiceAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Sets the route's retry policy: body `{ attempts, perTryTimeout?, retryOn?, retryRemoteLocalities?, resourceVersion? }`
 * (`retryOn`: Envoy's retry-on conditions and/or HTTP status codes, comma-separated).
 */
export const PUT = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  const body = validateInput(retriesInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.route, (vs, ref, ctx) => planSetRetries(vs, ref, body, ctx)));
});

/** Removes the route's retry policy: Istio's default (2 retries on connect failures, refused streams and 503) applies. */
export const DELETE = writeHandler(routeParamsSchema, ({ params, input, ...options }) => {
  validateInput(noInputSchema, input);
  return runVirtualServiceAction(params, options, routeActionSpec(params.route, (vs, ref, ctx) => planClearRetries(vs, ref, ctx)));
});
