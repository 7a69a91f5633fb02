import { z } from "zod";
import type { VirtualServiceWire } from "@/lib/istio/wire";
import { describeDestination, sameDestination, toWireDestination } from "./destinations";
import { ActionError, parseInput } from "./errors";
import { objectLabel, planSectionChange, type ActionPlan } from "./plan";
import { requireDestinations, resolveHttpRoute, type RouteRef } from "./route-ref";
import { destinationInputSchema, percentageSchema, type ActionContext } from "./schemas";

export const mirrorInputSchema = z.strictObject({ destination: destinationInputSchema, percentage: percentageSchema.default(100) });
export type MirrorInput = z.input<typeof mirrorInputSchema>;

/** Mirrors (shadows) a share of the route's requests to `destination` with `mirror` + `mirrorPercentage`. */
export function planSetMirror(vs: VirtualServiceWire, routeRef: RouteRef, input: MirrorInput, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const parsed = parseInput(mirrorInputSchema, input);
  const { index, label, rule } = resolveHttpRoute(vs, routeRef);
  requireDestinations(rule, label, "there is nothing to mirror");
  if (rule.mirrors?.length) {
    throw new ActionError("Unprocessable", `${label} uses \`mirrors\` (several mirror targets); Meshdeck only edits \`mirror\`: edit it in YAML`);
  }
  const wanted = toWireDestination(parsed.destination);
  const mirror = rule.mirror && sameDestination(rule.mirror, wanted) ? rule.mirror : wanted;
  const { mirrorPercent: _legacy, ...rest } = rule;
  const rules = [...(vs.spec.http ?? [])];
  rules[index] = { ...rest, mirror, mirrorPercentage: { value: parsed.percentage } };
  const summary = `Mirror ${parsed.percentage}% of ${label} of ${objectLabel(vs)} to ${describeDestination(parsed.destination)}`;
  return planSectionChange(vs, "http", rules, "set-mirror", summary, ctx);
}

/** Stops mirroring: removes `mirror`, `mirrorPercentage` and the deprecated `mirrorPercent`. */
export function planClearMirror(vs: VirtualServiceWire, routeRef: RouteRef, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const { index, label, rule } = resolveHttpRoute(vs, routeRef);
  const { mirror: _mirror, mirrorPercentage: _percentage, mirrorPercent: _legacy, ...rest } = rule;
  const rules = [...(vs.spec.http ?? [])];
  rules[index] = rest;
  return planSectionChange(vs, "http", rules, "clear-mirror", `Stop mirroring ${label} of ${objectLabel(vs)}`, ctx);
}
