import { z } from "zod";
import type { HttpRouteDestinationWire, VirtualServiceWire } from "@/lib/istio/wire";
import { describeDestination, findDestination, toWireDestination } from "./destinations";
import { ActionError, parseInput } from "./errors";
import { objectLabel, planSectionChange, type ActionPlan } from "./plan";
import { resolveRouteRef, sectionRules, type RouteRef, type RouteSection } from "./route-ref";
import { destinationInputSchema, type ActionContext, type DestinationInput } from "./schemas";
import { applyWeights, describeWeights } from "./weights-core";

/** Integers 0–100 summing to 100, no entry listed twice (by `key`). */
export function refineWeights<T extends { weight: number }>(key: (entry: T) => string) {
  return (input: { weights: T[] }, ctx: z.RefinementCtx): void => {
    const sum = input.weights.reduce((total, entry) => total + entry.weight, 0);
    if (sum !== 100) ctx.addIssue({ code: "custom", path: ["weights"], message: `weights must sum to 100 (they sum to ${sum})` });
    const seen = new Set<string>();
    input.weights.forEach((entry, index) => {
      const k = key(entry);
      if (seen.has(k)) ctx.addIssue({ code: "custom", path: ["weights", index], message: "destination listed twice" });
      seen.add(k);
    });
  };
}

export const weightedDestinationSchema = destinationInputSchema.extend({ weight: z.number().int("weight must be an integer").min(0, "weight must be between 0 and 100").max(100, "weight must be between 0 and 100") });
export type WeightedDestination = z.infer<typeof weightedDestinationSchema>;

export const setWeightsInputSchema = z
  .strictObject({
    weights: z.array(weightedDestinationSchema).min(1, "give at least one destination"),
    /** Allow destinations the route does not have yet (appended). */
    allowAdd: z.boolean().optional(),
    /** Allow dropping the route's destinations that are not listed. */
    allowRemove: z.boolean().optional(),
  })
  .superRefine(refineWeights<WeightedDestination>((w) => `${w.host}|${w.subset ?? ""}|${w.port ?? ""}`));
export type SetWeightsInput = z.infer<typeof setWeightsInputSchema>;

type Entry = HttpRouteDestinationWire;

/** The route's destination entries with new weights (http or tcp); shared by promote. */
export function reweight(entries: readonly Entry[], input: SetWeightsInput, routeLabel: string): Entry[] {
  return applyWeights<Entry, DestinationInput>({
    entries,
    requests: input.weights.map(({ weight, ...destination }) => ({ input: destination, weight })),
    find: (destination, field) => findDestination(entries, destination, field),
    describeEntry: (entry) => describeDestination(entry.destination),
    describeInput: describeDestination,
    create: (destination, weight) => ({ destination: toWireDestination(destination), weight }),
    allowAdd: input.allowAdd ?? false,
    allowRemove: input.allowRemove ?? false,
    routeLabel,
  });
}

/** Route entries of an http, tls or tcp rule; refuses rules without destinations (redirect, delegate, …). */
export function routeEntries(vs: VirtualServiceWire, section: RouteSection, index: number, label: string): Entry[] {
  const entries = sectionRules(vs, section)[index]?.route ?? [];
  if (entries.length === 0) throw new ActionError("Unprocessable", `${label} has no destinations (redirect, direct response or delegate): there are no weights to set`);
  return entries;
}

/** The section array with rule `index` given new route entries. */
export function withRouteEntries(vs: VirtualServiceWire, section: RouteSection, index: number, entries: Entry[]): unknown[] {
  const rules: Record<string, unknown>[] = [...sectionRules(vs, section)];
  const rule = rules[index];
  rules[index] = { ...rule, route: entries };
  return rules;
}

/**
 * Sets the traffic split of one http, tls or tcp route: host-level (two Services) or
 * subset-level. Every destination of the route must be listed (weight 0 keeps
 * one without traffic) unless `allowRemove`; new ones need `allowAdd`.
 */
export function planSetWeights(vs: VirtualServiceWire, routeRef: RouteRef, input: SetWeightsInput, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const parsed = parseInput(setWeightsInputSchema, input);
  const route = resolveRouteRef(vs, routeRef);
  const entries = reweight(routeEntries(vs, route.section, route.index, route.label), parsed, route.label);
  const summary = `Set weights of ${route.label} in ${objectLabel(vs)}: ${describeWeights(
    parsed.weights.map(({ weight, ...d }) => ({ input: d, weight })),
    describeDestination,
  )}`;
  return planSectionChange(vs, route.section, withRouteEntries(vs, route.section, route.index, entries), "set-weights", summary, ctx);
}

/**
 * Sets the traffic split of the `index`-th tls or tcp route (Istio's TLSRoute
 * and TCPRoute have no name): the same rules as {@link planSetWeights}; every
 * other route, and the route's match, stay as they are.
 */
export function planSetL4Weights(vs: VirtualServiceWire, section: "tls" | "tcp", index: number, input: SetWeightsInput, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  return planSetWeights(vs, { section, index }, input, ctx);
}
