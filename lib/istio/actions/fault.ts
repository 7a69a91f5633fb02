import { z } from "zod";
import type { HttpFaultInjectionWire, HttpRouteWire, StringMatchWire, VirtualServiceWire } from "@/lib/istio/wire";
import { jsonEqual } from "./canonical-json";
import { ActionError, parseInput } from "./errors";
import { FAULT_RULE_PREFIX, isMeshdeckFaultRule } from "./fault-rules";
import { sanitizeName, uniqueName } from "./names";
import { objectLabel, planSectionChange, type ActionPlan } from "./plan";
import { requireDestinations, resolveHttpRoute, type RouteRef } from "./route-ref";
import { durationSchema, headerConditionSchema, httpStatusSchema, percentageSchema, type ActionContext } from "./schemas";

export const faultInputSchema = z
  .strictObject({
    delay: z.strictObject({ fixedDelay: durationSchema, percentage: percentageSchema.default(100) }).optional(),
    abort: z.strictObject({ httpStatus: httpStatusSchema, percentage: percentageSchema.default(100) }).optional(),
    /** Inject only for requests with this header, via a copy of the route inserted just before it. */
    onlyForHeader: headerConditionSchema.optional(),
  })
  .refine((input) => input.delay || input.abort, { message: "give a delay, an abort or both", path: ["delay"] });
export type FaultInput = z.input<typeof faultInputSchema>;
type ParsedFault = z.output<typeof faultInputSchema>;

function wireFault(input: ParsedFault): HttpFaultInjectionWire {
  return {
    ...(input.delay ? { delay: { percentage: { value: input.delay.percentage }, fixedDelay: input.delay.fixedDelay } } : {}),
    ...(input.abort ? { abort: { percentage: { value: input.abort.percentage }, httpStatus: input.abort.httpStatus } } : {}),
  };
}

const FAULT_ONLY_ON_ROUTES = "Istio allows fault injection only on routes";

function describeFault(input: ParsedFault): string {
  const parts = [
    input.delay ? `delay ${input.delay.fixedDelay} for ${input.delay.percentage}%` : "",
    input.abort ? `abort with HTTP ${input.abort.httpStatus} for ${input.abort.percentage}%` : "",
  ];
  return parts.filter(Boolean).join(" and ");
}

/** The rule's match with one more header condition (AND-ed into every match block). */
function matchWithHeader(rule: HttpRouteWire, name: string, sm: StringMatchWire, label: string): NonNullable<HttpRouteWire["match"]> {
  if (!rule.match?.length) return [{ headers: { [name]: sm } }];
  return rule.match.map((m) => {
    const existing = m.headers?.[name];
    if (existing && !jsonEqual(existing, sm)) {
      throw new ActionError("Unprocessable", `${label} already matches header ${name} differently`, { "onlyForHeader.name": ["conflicts with the route's own match"] });
    }
    return { ...m, headers: { ...m.headers, [name]: sm } };
  });
}

/**
 * Injects a delay and/or an abort. Without `onlyForHeader` the whole route gets
 * the fault. With it, a copy of the route restricted to that header and carrying
 * the fault is inserted just before the route (as Bookinfo's ratings-test-delay
 * does for `end-user: jason`); planning again updates that copy in place.
 */
export function planSetFault(vs: VirtualServiceWire, routeRef: RouteRef, input: FaultInput, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const parsed = parseInput(faultInputSchema, input);
  const target = resolveHttpRoute(vs, routeRef);
  const rules = [...(vs.spec.http ?? [])];
  const fault = wireFault(parsed);
  const header = parsed.onlyForHeader;
  if (!header) {
    requireDestinations(target.rule, target.label, FAULT_ONLY_ON_ROUTES);
    rules[target.index] = { ...target.rule, fault };
    return planSectionChange(vs, "http", rules, "set-fault", `Inject ${describeFault(parsed)} on ${target.label} of ${objectLabel(vs)}`, ctx);
  }
  // A ref to one of Meshdeck's fault rules means the route it protects (the next real rule).
  let index = target.index;
  while (isMeshdeckFaultRule(rules[index])) index++;
  const original = rules[index];
  if (!original) throw new ActionError("Unprocessable", `${target.label} is a Meshdeck fault rule with no route after it`);
  const label = original.name ? `route "${original.name}"` : `http route #${index + 1}`;
  requireDestinations(original, label, FAULT_ONLY_ON_ROUTES);
  const sm: StringMatchWire = { [header.match]: header.value };
  let first = index;
  while (first > 0 && isMeshdeckFaultRule(rules[first - 1])) first--;
  const sameHeader = rules.slice(first, index).findIndex((rule) => jsonEqual(rule.match?.[0]?.headers?.[header.name], sm));
  const existingAt = sameHeader < 0 ? -1 : first + sameHeader;
  const taken = new Set(rules.flatMap((rule, i) => (rule.name && i !== existingAt ? [rule.name] : [])));
  const name = rules[existingAt]?.name ?? uniqueName(`${FAULT_RULE_PREFIX}${sanitizeName(original.name ?? "route", 40) || "route"}`, taken);
  const { name: _name, match: _match, fault: _fault, ...rest } = original;
  const faultRule: HttpRouteWire = { name, match: matchWithHeader(original, header.name, sm, label), ...rest, fault };
  if (existingAt >= 0) rules[existingAt] = faultRule;
  else rules.splice(index, 0, faultRule);
  const summary = `Inject ${describeFault(parsed)} for requests with header ${header.name} ${header.match} "${header.value}" on ${label} of ${objectLabel(vs)}`;
  return planSectionChange(vs, "http", rules, "set-fault", summary, ctx);
}

/**
 * Removes fault injection: the route's own `fault`, and the Meshdeck fault
 * rules inserted just before it. A ref to a Meshdeck fault rule removes that rule.
 */
export function planClearFault(vs: VirtualServiceWire, routeRef: RouteRef, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const target = resolveHttpRoute(vs, routeRef);
  const rules = [...(vs.spec.http ?? [])];
  if (isMeshdeckFaultRule(target.rule)) {
    rules.splice(target.index, 1);
    return planSectionChange(vs, "http", rules, "clear-fault", `Remove fault rule "${target.rule.name ?? ""}" from ${objectLabel(vs)}`, ctx);
  }
  if (target.rule.fault !== undefined) {
    const { fault: _fault, ...rest } = target.rule;
    rules[target.index] = rest;
  }
  let first = target.index;
  while (first > 0 && isMeshdeckFaultRule(rules[first - 1])) first--;
  rules.splice(first, target.index - first);
  return planSectionChange(vs, "http", rules, "clear-fault", `Remove fault injection from ${target.label} of ${objectLabel(vs)}`, ctx);
}
