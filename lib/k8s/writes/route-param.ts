import type { ActionContext, ActionPlan, RouteRef } from "@/lib/istio/actions";
import { ActionError } from "@/lib/istio/actions/errors";
import { routeLabel, sectionRules } from "@/lib/istio/actions/route-ref";
import type { GatewayApiHttpRouteWire, VirtualServiceWire } from "@/lib/istio/wire";
import type { ActionSpec } from "./actions";
import type { LockScope } from "./owners";

/**
 * The route a path segment names in a VirtualService: an http route with that
 * exact name first; else `N` (http index), `http:N`, `tls:N` or `tcp:N`; else a name
 * (which the planner then reports as not found).
 */
export function virtualServiceRouteRef(vs: VirtualServiceWire, param: string): RouteRef {
  if ((vs.spec.http ?? []).some((rule) => rule.name === param)) return { section: "http", name: param };
  if (/^\d{1,9}$/.test(param)) return { section: "http", index: Number(param) };
  const m = /^(http|tls|tcp):(\d{1,9})$/.exec(param);
  if (m) return { section: m[1] === "tcp" ? "tcp" : m[1] === "tls" ? "tls" : "http", index: Number(m[2]) };
  return { section: "http", name: param };
}

/** The lock scope of a route-level action: the route's section and index in the object as read (undefined: no such route). */
export function routeScope(param: string): (vs: VirtualServiceWire) => LockScope {
  return (vs) => {
    const ref = virtualServiceRouteRef(vs, param);
    if (typeof ref !== "object") return { section: "object" };
    if ("name" in ref) {
      const index = (vs.spec.http ?? []).findIndex((rule) => rule.name === ref.name);
      return { section: "http", index: index < 0 ? undefined : index, label: ref.name };
    }
    const rules = sectionRules(vs, ref.section);
    const name = ref.section === "http" ? vs.spec.http?.[ref.index]?.name : undefined;
    return { section: ref.section, index: ref.index < rules.length ? ref.index : undefined, label: name ?? routeLabel(ref.section, ref.index, undefined) };
  };
}

/** A Gateway API rule in a path: a rule with that name first, else its index. */
export function httpRouteRuleRef(rules: readonly { name?: string | undefined }[], param: string): number | { name: string } {
  if (rules.some((rule) => rule.name === param)) return { name: param };
  if (/^\d{1,9}$/.test(param)) return Number(param);
  return { name: param };
}

/** Whether a resolved reference names a route by its position (which another client's insert can shift). */
export function isIndexRef(ref: RouteRef | number | { name: string }): boolean {
  return typeof ref === "number" || (typeof ref === "object" && "index" in ref);
}

/**
 * The action spec of a route-level VirtualService action addressed by a path
 * segment: its lock scope, whether the segment resolved to an index (then the
 * write needs a resourceVersion: 428 without one), and the planner.
 */
export function routeActionSpec(param: string, plan: (vs: VirtualServiceWire, ref: RouteRef, ctx: ActionContext) => ActionPlan<VirtualServiceWire>): ActionSpec<VirtualServiceWire> {
  return {
    scope: routeScope(param),
    addressedByIndex: (vs) => isIndexRef(virtualServiceRouteRef(vs, param)),
    plan: (vs, ctx) => plan(vs, virtualServiceRouteRef(vs, param), ctx),
  };
}

/** The action spec of a rule-level HTTPRoute action (see {@link routeActionSpec}). */
export function ruleActionSpec(
  param: string,
  plan: (route: GatewayApiHttpRouteWire, ref: number | { name: string }, ctx: ActionContext) => ActionPlan<GatewayApiHttpRouteWire>,
): ActionSpec<GatewayApiHttpRouteWire> {
  const ref = (route: GatewayApiHttpRouteWire) => httpRouteRuleRef(route.spec.rules ?? [], param);
  return { addressedByIndex: (route) => isIndexRef(ref(route)), plan: (route, ctx) => plan(route, ref(route), ctx) };
}

/**
 * The index a `…/tls/{route}` or `…/tcp/{route}` path segment names: `N` or
 * `<section>:N` (Istio's TLSRoute and TCPRoute have no name); anything else is 422.
 */
export function l4RouteIndex(section: "tls" | "tcp", param: string): number {
  const m = new RegExp(`^(?:${section}:)?(\\d{1,9})$`).exec(param);
  if (!m) {
    const message = `${section} routes have no names: address one by its index (0, 1, …) or as ${section}:N`;
    throw new ActionError("Unprocessable", message, { route: [message] });
  }
  return Number(m[1]);
}

/** The action spec of a tls or tcp route action (by index, so the write needs a resourceVersion: 428 without one). */
export function l4RouteActionSpec(
  section: "tls" | "tcp",
  param: string,
  plan: (vs: VirtualServiceWire, index: number, ctx: ActionContext) => ActionPlan<VirtualServiceWire>,
): ActionSpec<VirtualServiceWire> {
  const index = l4RouteIndex(section, param);
  return {
    // Not through virtualServiceRouteRef: an http route named "tls:0" must not take the scope.
    scope: (vs) => ({ section, index: index < sectionRules(vs, section).length ? index : undefined, label: routeLabel(section, index, undefined) }),
    addressedByIndex: () => true,
    plan: (vs, ctx) => plan(vs, index, ctx),
  };
}
