import { z } from "zod";
import type { DestinationWire, HttpRouteDestinationWire, VirtualServiceWire } from "@/lib/istio/wire";
import { describeDestination, destinationMatches, effectiveWeight, sameDestination, toWireDestination } from "./destinations";
import { ActionError, parseInput } from "./errors";
import { objectLabel, planSectionChange, type ActionPlan } from "./plan";
import { resolveHttpRoute, type RouteRef } from "./route-ref";
import { destinationInputSchema, type ActionContext } from "./schemas";
import { listTestRoutes } from "./test-routes";

export const switchInputSchema = z.strictObject({ destination: destinationInputSchema.optional() });
export type SwitchInput = z.input<typeof switchInputSchema>;

/** Index of the default (catch-all) http route: the last one without match conditions; -1 if none. */
export function findCatchAllRoute(vs: VirtualServiceWire): number {
  const rules = vs.spec.http ?? [];
  for (let i = rules.length - 1; i >= 0; i--) if (!rules[i]?.match?.length) return i;
  return -1;
}

const key = (d: DestinationWire): string => `${d.host}|${d.subset ?? ""}|${d.port?.number ?? ""}`;

/**
 * Blue/green switch. The default route (`routeRef`, usually the catch-all)
 * sends 100% to one destination S; it moves to T — `input.destination`, or the
 * one destination the test routes point to — and every test route pointing to
 * T now points to S (and vice versa), so the old version stays reachable with
 * the test header. Switching twice restores the original spec exactly.
 */
export function planSwitch(vs: VirtualServiceWire, routeRef: RouteRef, input: SwitchInput, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const parsed = parseInput(switchInputSchema, input);
  const target = resolveHttpRoute(vs, routeRef);
  const entries = target.rule.route ?? [];
  const live = entries.filter((entry) => effectiveWeight(entry, entries.length) === 100);
  const from = live.length === 1 ? live[0]?.destination : undefined;
  if (!from) throw new ActionError("Unprocessable", `${target.label} does not send 100% to one destination: set weights or promote instead`);
  const testRoutes = listTestRoutes(vs).filter((t) => t.index !== target.index);
  let to: DestinationWire;
  if (parsed.destination) {
    const wanted = parsed.destination;
    if (destinationMatches(wanted, from)) throw new ActionError("Unprocessable", `${describeDestination(from)} already receives 100% of ${target.label}`, { destination: ["already live"] });
    to =
      entries.find((e) => destinationMatches(wanted, e.destination))?.destination ??
      testRoutes.find((t) => destinationMatches(wanted, t.destination))?.destination ??
      toWireDestination(wanted);
  } else {
    const candidates = new Map(testRoutes.filter((t) => !sameDestination(t.destination, from)).map((t) => [key(t.destination), t.destination]));
    const only = candidates.size === 1 ? [...candidates.values()][0] : undefined;
    if (!only) {
      const message =
        candidates.size === 0
          ? `no test route points elsewhere than ${describeDestination(from)}: give the destination to switch to`
          : `test routes point to ${[...candidates.values()].map(describeDestination).join(", ")}: give the destination to switch to`;
      throw new ActionError("Unprocessable", message, { destination: [message] });
    }
    to = only;
  }
  let nextEntries: HttpRouteDestinationWire[];
  if (entries.length === 1) {
    nextEntries = entries.map((entry) => ({ ...entry, destination: to }));
  } else {
    if (!entries.some((e) => sameDestination(e.destination, to))) {
      throw new ActionError("Unprocessable", `${target.label} splits traffic and does not include ${describeDestination(to)}: set weights instead`);
    }
    nextEntries = entries.map((entry) => {
      const weight = sameDestination(entry.destination, to) ? 100 : 0;
      return entry.weight === weight ? entry : { ...entry, weight };
    });
  }
  const rules = [...(vs.spec.http ?? [])];
  rules[target.index] = { ...target.rule, route: nextEntries };
  for (const test of testRoutes) {
    const rule = rules[test.index];
    const [first, ...others] = rule?.route ?? [];
    if (!rule || !first) continue;
    const swapped = sameDestination(first.destination, to) ? from : sameDestination(first.destination, from) ? to : undefined;
    if (swapped) rules[test.index] = { ...rule, route: [{ ...first, destination: swapped }, ...others] };
  }
  const summary = `Switch ${target.label} of ${objectLabel(vs)} from ${describeDestination(from)} to ${describeDestination(to)}`;
  return planSectionChange(vs, "http", rules, "switch", summary, ctx);
}
