import { z } from "zod";
import type { HttpRouteWire, VirtualServiceWire } from "@/lib/istio/wire";
import { ISTIO_DEFAULT_ATTEMPTS, retryOnError } from "@/lib/istio/semantics/retry";
import { parseInput } from "./errors";
import { objectLabel, planSectionChange, type ActionPlan } from "./plan";
import { requireDestinations, resolveHttpRoute, type RouteRef } from "./route-ref";
import { durationSchema, type ActionContext } from "./schemas";

export const timeoutInputSchema = z.strictObject({ timeout: durationSchema });
export type TimeoutInput = z.input<typeof timeoutInputSchema>;

/** Retries beyond this only multiply the load on a failing backend; Istio itself sets no bound. */
export const MAX_RETRY_ATTEMPTS = 100;
/** A retryOn list of every Envoy condition and many codes stays far below this. */
const MAX_RETRY_ON_LENGTH = 512;

export const retriesInputSchema = z.strictObject({
  /** Retries after the first try; 0 disables retries (Istio's default, when `retries` is unset, is 2). */
  attempts: z.number().int("attempts must be an integer").min(0, "attempts must be at least 0").max(MAX_RETRY_ATTEMPTS, `attempts must be at most ${MAX_RETRY_ATTEMPTS}`),
  perTryTimeout: durationSchema.optional(),
  /** Envoy's retry-on conditions and/or HTTP status codes, comma-separated ("5xx,connect-failure", "503"). */
  retryOn: z
    .string()
    .max(MAX_RETRY_ON_LENGTH, `retryOn must be at most ${MAX_RETRY_ON_LENGTH} characters`)
    .superRefine((value, ctx) => {
      const error = retryOnError(value);
      if (error) ctx.addIssue({ code: "custom", message: error });
    })
    .optional(),
  retryRemoteLocalities: z.boolean().optional(),
});
export type RetriesInput = z.input<typeof retriesInputSchema>;
type HttpRetryWire = NonNullable<HttpRouteWire["retries"]>;

function editRule(vs: VirtualServiceWire, routeRef: RouteRef, edit: (rule: HttpRouteWire, label: string) => HttpRouteWire) {
  const { index, label, rule } = resolveHttpRoute(vs, routeRef);
  const rules = [...(vs.spec.http ?? [])];
  rules[index] = edit(rule, label);
  return { rules, label };
}

/** Sets the route's `timeout`: slower answers end with 504 (response flag UT). */
export function planSetTimeout(vs: VirtualServiceWire, routeRef: RouteRef, input: TimeoutInput, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const { timeout } = parseInput(timeoutInputSchema, input);
  const { rules, label } = editRule(vs, routeRef, (rule, label) => {
    requireDestinations(rule, label, "a timeout applies only to routes");
    return { ...rule, timeout };
  });
  return planSectionChange(vs, "http", rules, "set-timeout", `Time out ${label} of ${objectLabel(vs)} after ${timeout}`, ctx);
}

/** Removes the route's `timeout` (Istio's default: none). */
export function planClearTimeout(vs: VirtualServiceWire, routeRef: RouteRef, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const { rules, label } = editRule(vs, routeRef, ({ timeout: _timeout, ...rest }) => rest);
  return planSectionChange(vs, "http", rules, "clear-timeout", `Remove the timeout of ${label} of ${objectLabel(vs)}`, ctx);
}

function describeRetries(r: HttpRetryWire): string {
  if (!r.attempts) return "no retries";
  const parts = [`${r.attempts} retr${r.attempts === 1 ? "y" : "ies"}`, r.retryOn ? `on ${r.retryOn}` : "", r.perTryTimeout ? `${r.perTryTimeout} per try` : "", r.retryRemoteLocalities ? "to other localities" : ""];
  return parts.filter(Boolean).join(", ");
}

/**
 * Sets the route's `retries` to exactly the given fields; fields Meshdeck does
 * not edit (e.g. retryIgnorePreviousHosts, backoff) are kept as they were.
 */
export function planSetRetries(vs: VirtualServiceWire, routeRef: RouteRef, input: RetriesInput, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const parsed = parseInput(retriesInputSchema, input);
  let retries: HttpRetryWire | undefined;
  const { rules, label } = editRule(vs, routeRef, (rule, label) => {
    requireDestinations(rule, label, "retries apply only to routes");
    const { attempts: _a, perTryTimeout: _p, retryOn: _r, retryRemoteLocalities: _l, ...unknown } = rule.retries ?? {};
    const retryOn = parsed.retryOn?.split(",").map((p) => p.trim()).filter(Boolean).join(",");
    retries = {
      ...unknown,
      attempts: parsed.attempts,
      ...(parsed.perTryTimeout ? { perTryTimeout: parsed.perTryTimeout } : {}),
      ...(retryOn ? { retryOn } : {}),
      ...(parsed.retryRemoteLocalities !== undefined ? { retryRemoteLocalities: parsed.retryRemoteLocalities } : {}),
    };
    return { ...rule, retries };
  });
  const summary = `Set the retries of ${label} of ${objectLabel(vs)}: ${describeRetries(retries ?? {})}`;
  return planSectionChange(vs, "http", rules, "set-retries", summary, ctx);
}

/** Removes the route's `retries`: Istio's default policy applies again. */
export function planClearRetries(vs: VirtualServiceWire, routeRef: RouteRef, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const { rules, label } = editRule(vs, routeRef, ({ retries: _retries, ...rest }) => rest);
  const summary = `Remove the retries of ${label} of ${objectLabel(vs)} (Istio's default: ${ISTIO_DEFAULT_ATTEMPTS} retries)`;
  return planSectionChange(vs, "http", rules, "clear-retries", summary, ctx);
}
