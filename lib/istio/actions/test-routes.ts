import { z } from "zod";
import type { DestinationWire, HttpMatchRequestWire, HttpRouteWire, StringMatchWire, VirtualServiceWire } from "@/lib/istio/wire";
import { jsonEqual } from "./canonical-json";
import { cookieRegex, parseCookieRegex } from "./cookie-match";
import { describeDestination, toWireDestination } from "./destinations";
import { ActionError, parseInput } from "./errors";
import { isMeshdeckFaultRule } from "./fault-rules";
import { sanitizeName, uniqueName } from "./names";
import { objectLabel, planSectionChange, type ActionPlan } from "./plan";
import { re2Error } from "@/lib/istio/semantics/regex";
import { resolveHttpRoute, type RouteRef } from "./route-ref";
import { cookieNameSchema, cookieValueSchema, destinationInputSchema, MAX_NAME_LENGTH, headerConditionSchema, stringMatchKindSchema, type ActionContext, type StringMatchKind } from "./schemas";

const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]+$/;

export const cookieConditionSchema = z
  .strictObject({ name: cookieNameSchema, value: cookieValueSchema, match: stringMatchKindSchema.default("exact") })
  .superRefine((cookie, ctx) => {
    if (cookie.match !== "regex") {
      if (!COOKIE_OCTETS.test(cookie.value)) ctx.addIssue({ code: "custom", path: ["value"], message: "cookie value may not contain spaces, quotes, commas, semicolons or backslashes" });
      return;
    }
    const error = re2Error(cookie.value) ?? re2Error(cookieRegex(cookie));
    if (error) ctx.addIssue({ code: "custom", path: ["value"], message: error });
  });

const routeNameSchema = z.string().min(1).max(MAX_NAME_LENGTH).regex(/^\S+$/, "route name must not contain spaces");

function exactlyOneCondition(input: { header?: unknown; cookie?: unknown }, ctx: z.RefinementCtx, optional: boolean): void {
  const count = (input.header ? 1 : 0) + (input.cookie ? 1 : 0);
  if (count > 1 || (count === 0 && !optional)) ctx.addIssue({ code: "custom", path: ["header"], message: "give either a header or a cookie condition" });
}

export const addTestRouteInputSchema = z
  .strictObject({ name: routeNameSchema.optional(), header: headerConditionSchema.optional(), cookie: cookieConditionSchema.optional(), destination: destinationInputSchema })
  .superRefine((input, ctx) => exactlyOneCondition(input, ctx, false));
export type AddTestRouteInput = z.input<typeof addTestRouteInputSchema>;

export const updateTestRouteInputSchema = z
  .strictObject({ header: headerConditionSchema.optional(), cookie: cookieConditionSchema.optional(), destination: destinationInputSchema.optional() })
  .superRefine((input, ctx) => {
    exactlyOneCondition(input, ctx, true);
    if (!input.header && !input.cookie && !input.destination) ctx.addIssue({ code: "custom", path: [], message: "nothing to change" });
  });
export type UpdateTestRouteInput = z.input<typeof updateTestRouteInputSchema>;

export type TestCondition = { kind: "header" | "cookie"; name: string; match: StringMatchKind; value: string };

export interface TestRouteInfo {
  index: number;
  name: string | null;
  /** The first header condition of the first match (a cookie when it is Meshdeck's cookie regex). */
  condition: TestCondition;
  destination: DestinationWire;
  /** Number of match blocks (OR-ed); > 1 when the rule matches in several ways. */
  matchCount: number;
}

function stringMatchOf(match: StringMatchWire): { match: StringMatchKind; value: string } | null {
  if (match.exact !== undefined) return { match: "exact", value: match.exact };
  if (match.prefix !== undefined) return { match: "prefix", value: match.prefix };
  if (match.regex !== undefined) return { match: "regex", value: match.regex };
  return null;
}

function conditionOf(rule: HttpRouteWire): TestCondition | null {
  const headers = rule.match?.[0]?.headers;
  const [name, sm] = Object.entries(headers ?? {})[0] ?? [];
  if (!name || !sm) return null;
  const parsed = stringMatchOf(sm);
  if (!parsed) return null;
  if (name === "cookie" && parsed.match === "regex") {
    const cookie = parseCookieRegex(parsed.value);
    if (cookie) return { kind: "cookie", ...cookie };
  }
  return { kind: "header", name, ...parsed };
}

/** A test route: header (or cookie) conditions and one destination. */
export function testRouteInfo(rule: HttpRouteWire, index: number): TestRouteInfo | null {
  const destination = rule.route?.length === 1 ? rule.route[0]?.destination : undefined;
  if (!destination || rule.redirect || rule.delegate || rule.directResponse || isMeshdeckFaultRule(rule)) return null;
  const condition = conditionOf(rule);
  if (!condition) return null;
  return { index, name: rule.name ?? null, condition, destination, matchCount: rule.match?.length ?? 0 };
}

/** Rules with header/cookie matches and a single destination, in rule order. */
export function listTestRoutes(vs: VirtualServiceWire): TestRouteInfo[] {
  return (vs.spec.http ?? []).flatMap((rule, index) => {
    const info = testRouteInfo(rule, index);
    return info ? [info] : [];
  });
}

type Condition = { header?: z.output<typeof headerConditionSchema>; cookie?: z.output<typeof cookieConditionSchema> };

function conditionHeader(c: Condition): { name: string; match: StringMatchWire; label: string; nameHint: string } {
  if (c.header) {
    const { name, match, value } = c.header;
    return { name, match: { [match]: value }, label: `header ${name} ${match} "${value}"`, nameHint: `header-${value}` };
  }
  const cookie = c.cookie;
  if (!cookie) throw new ActionError("Unprocessable", "give either a header or a cookie condition");
  return { name: "cookie", match: { regex: cookieRegex(cookie) }, label: `cookie ${cookie.name} ${cookie.match} "${cookie.value}"`, nameHint: `cookie-${cookie.value}` };
}

/**
 * Adds a header or cookie test route at the top: matching requests go to
 * `destination`. Re-adding the same condition and destination is a no-op.
 */
export function planAddTestRoute(vs: VirtualServiceWire, input: AddTestRouteInput, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const parsed = parseInput(addTestRouteInputSchema, input);
  const header = conditionHeader(parsed);
  const rules = vs.spec.http ?? [];
  const match: HttpMatchRequestWire[] = [{ headers: { [header.name]: header.match } }];
  const route = [{ destination: toWireDestination(parsed.destination) }];
  const baseName = parsed.name ?? `meshdeck-test-${sanitizeName(header.nameHint, 49) || "route"}`;
  const same = rules.find(
    (rule) => jsonEqual(rule.match, match) && jsonEqual(rule.route, route) && (parsed.name ? rule.name === parsed.name : (rule.name ?? "").startsWith(baseName)),
  );
  const summary = `Send requests with ${header.label} to ${describeDestination(parsed.destination)} in ${objectLabel(vs)}`;
  if (same) return planSectionChange(vs, "http", rules, "add-test-route", summary, ctx);
  const taken = new Set(rules.flatMap((rule) => (rule.name ? [rule.name] : [])));
  if (parsed.name && taken.has(parsed.name)) {
    throw new ActionError("Unprocessable", `${objectLabel(vs)} already has a route named "${parsed.name}"`, { name: ["name already used"] });
  }
  const name = parsed.name ?? uniqueName(baseName, taken);
  return planSectionChange(vs, "http", [{ name, match, route }, ...rules], "add-test-route", summary, ctx);
}

function requireTestRoute(vs: VirtualServiceWire, routeRef: RouteRef): { index: number; label: string; rule: HttpRouteWire; info: TestRouteInfo } {
  const { index, label, rule } = resolveHttpRoute(vs, routeRef);
  const info = testRouteInfo(rule, index);
  if (!info) throw new ActionError("Unprocessable", `${label} is not a test route (a header or cookie match and a single destination)`);
  return { index, label, rule, info };
}

/** Changes a test route's condition and/or destination; other match fields and the rule name stay. */
export function planUpdateTestRoute(vs: VirtualServiceWire, routeRef: RouteRef, input: UpdateTestRouteInput, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const parsed = parseInput(updateTestRouteInputSchema, input);
  const { index, label, rule, info } = requireTestRoute(vs, routeRef);
  let next: HttpRouteWire = rule;
  const changes: string[] = [];
  if (parsed.header || parsed.cookie) {
    const header = conditionHeader(parsed);
    const oldName = info.condition.kind === "cookie" ? "cookie" : info.condition.name;
    next = {
      ...next,
      match: (rule.match ?? []).map((m) => {
        const headers = { ...m.headers };
        delete headers[oldName];
        return { ...m, headers: { ...headers, [header.name]: header.match } };
      }),
    };
    changes.push(`match ${header.label}`);
  }
  if (parsed.destination) {
    const [first, ...others] = rule.route ?? [];
    next = { ...next, route: [{ ...first, destination: toWireDestination(parsed.destination) }, ...others] };
    changes.push(`send to ${describeDestination(parsed.destination)}`);
  }
  const rules = [...(vs.spec.http ?? [])];
  rules[index] = next;
  return planSectionChange(vs, "http", rules, "update-test-route", `Test ${label} in ${objectLabel(vs)}: ${changes.join(", ")}`, ctx);
}

/** Removes a test route (refuses any other kind of rule). */
export function planRemoveTestRoute(vs: VirtualServiceWire, routeRef: RouteRef, ctx: ActionContext): ActionPlan<VirtualServiceWire> {
  const { index, label } = requireTestRoute(vs, routeRef);
  const rules = (vs.spec.http ?? []).filter((_, i) => i !== index);
  return planSectionChange(vs, "http", rules, "remove-test-route", `Remove test ${label} from ${objectLabel(vs)}`, ctx);
}
