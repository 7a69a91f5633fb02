import { objectParamsSchema } from "@/lib/api/actions";
import { runSubsetsAction, subsetsInputSchema, validateInput, writeHandler } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * Creates DestinationRule subsets for each value of the Service's pods'
 * `version` label (or `label`): a new DestinationRule named after the Service,
 * or the missing subsets added to it. Body `{ label?, resourceVersion? }`
 * (the DestinationRule's resourceVersion).
 */
export const POST = writeHandler(objectParamsSchema, ({ params, input, ...options }) => runSubsetsAction(params, options, validateInput(subsetsInputSchema, input)));
