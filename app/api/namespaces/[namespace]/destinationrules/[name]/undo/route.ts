import { objectParamsSchema } from "@/lib/api/actions";
import { undoInputSchema } from "@/lib/istio/actions";
import { runDestinationRuleAction, undoSpec, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Undoes Meshdeck's last change of the DestinationRule, if nothing changed it since (else 409 with the current object). */
export const POST = writeHandler(objectParamsSchema, ({ params, input, ...options }) => {
  return runDestinationRuleAction(params, options, undoSpec(validateInput(undoInputSchema, input)));
});
