import { objectParamsSchema } from "@/lib/api/actions";
import { readHandler, readDestinationRuleHistory } from "@/lib/k8s/writes";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Meshdeck's recorded changes of the DestinationRule and whether the last one can be undone. */
export const GET = readHandler(objectParamsSchema, ({ params, identity }) => readDestinationRuleHistory(identity, params));
