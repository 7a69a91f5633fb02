import { objectParamsSchema } from "@/lib/api/actions";
import { undoInputSchema } from "@/lib/istio/actions";
import { runVirtualServiceAction, undoSpec, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Undoes Meshdeck's last change, if the spec is still what it produced (else 409 with the current object). */
export const POST = writeHandler(objectParamsSchema, ({ params, input, ...options }) => {
  return runVirtualServiceAction(params, options, undoSpec(validateInput(undoInputSchema, input)));
});
