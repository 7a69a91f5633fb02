import { z } from "zod";
import type { VirtualServiceWire } from "@/lib/istio/wire";
import { describeDestination, findDestination } from "./destinations";
import { ActionError, parseInput } from "./errors";
import { objectLabel, planSectionChange, type ActionPlan } from "./plan";
import { resolveRouteRef, type RouteRef } from "./route-ref";
import { destinationInputSchema, type ActionContext } from "./schemas";
import { routeEntries, withRouteEntries } from "./weights";

export const promoteInputSchema = z.strictObject({ destination: destinationInputSchema });
export type PromoteInput = z.input<typeof promoteInputSchema>;

/** Rio's promote: `destination` gets 100%, the route's other destinations 0; the rule and its destinations stay. */
export function planPromote(vs: VirtualServiceWire, routeRef: RouteRef, input: PromoteInput, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const parsed = parseInput(promoteInputSchema, input);
  const route = resolveRouteRef(vs, routeRef);
  const entries = routeEntries(vs, route.section, route.index, route.label);
  const hit = findDestination(entries, parsed.destination, "destination");
  if (hit < 0) throw new ActionError("NotFound", `${describeDestination(parsed.destination)} is not a destination of ${route.label}`, { destination: ["not a destination of the route"] });
  const next =
    entries.length === 1
      ? entries
      : entries.map((entry, i) => {
          const weight = i === hit ? 100 : 0;
          return entry.weight === weight ? entry : { ...entry, weight };
        });
  const summary = `Promote ${describeDestination(parsed.destination)} to 100% of ${route.label} in ${objectLabel(vs)}`;
  return planSectionChange(vs, route.section, withRouteEntries(vs, route.section, route.index, next), "promote", summary, ctx);
}
