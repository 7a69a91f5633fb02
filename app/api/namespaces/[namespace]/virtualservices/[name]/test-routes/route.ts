import { objectParamsSchema } from "@/lib/api/actions";
import { addTestRouteInputSchema, planAddTestRoute } from "@/lib/istio/actions";
import { readHandler, readTestRoutes, runVirtualServiceAction, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The VirtualService's test routes (header or cookie match, one destination). */
export const GET = readHandler(objectParamsSchema, ({ params, identity }) => readTestRoutes(identity, params));

/**
 * Adds a test route at the top: body `{ name?, header?: { name, match, value } | cookie?: { name, match, value },
 * destination: { host, subset?, port? }, resourceVersion? }`.
 */
export const POST = writeHandler(objectParamsSchema, ({ params, input, ...options }) => {
  const route = validateInput(addTestRouteInputSchema, input);
  return runVirtualServiceAction(params, options, { plan: (vs, ctx) => planAddTestRoute(vs, route, ctx) });
});
