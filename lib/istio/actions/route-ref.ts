import type { HttpRouteWire, TcpRouteWire, TlsRouteWire, VirtualServiceWire } from "@/lib/istio/wire";
import { ActionError } from "./errors";

/**
 * Which rule of a VirtualService an action targets.
 * - `"primary"`: the http route named "primary" (names are stable across edits — prefer them);
 * - `2` or `"http:2"`: the third http route; `"tcp:0"` / `"tls:0"`: the first tcp / tls route
 *   (Istio's TCPRoute and TLSRoute have no name: they are addressed by index);
 * - `{ section: "http", name }` / `{ section, index }`: the same, spelled out (use this form for a
 *   route whose name itself looks like `http:N`).
 * Indexes shift when rules are inserted; the resourceVersion precondition of the patch makes a stale
 * index fail with 409 instead of editing the wrong rule.
 */
export type RouteRef = number | string | { section: RouteSection; index: number } | { section: "http"; name: string };

export type RouteSection = "http" | "tls" | "tcp";

export interface ResolvedRoute {
  section: RouteSection;
  index: number;
  /** For messages: `route "primary"` or `http route #1`. */
  label: string;
}

type ParsedRef = { section: RouteSection; index: number } | { section: "http"; name: string };

export function parseRouteRef(ref: RouteRef): ParsedRef {
  if (typeof ref === "number") return { section: "http", index: ref };
  if (typeof ref === "string") {
    const m = /^(http|tls|tcp):(\d+)$/.exec(ref);
    return m ? { section: m[1] as RouteSection, index: Number(m[2]) } : { section: "http", name: ref };
  }
  return ref;
}

export function formatRouteRef(ref: RouteRef): string {
  const parsed = parseRouteRef(ref);
  return "name" in parsed ? parsed.name : `${parsed.section}:${parsed.index}`;
}

export function routeLabel(section: RouteSection, index: number, name: string | undefined): string {
  return name ? `route "${name}"` : `${section} route #${index + 1}`;
}

export function resolveRouteRef(vs: VirtualServiceWire, ref: RouteRef): ResolvedRoute {
  const parsed = parseRouteRef(ref);
  const rules: readonly (HttpRouteWire | TcpRouteWire)[] = sectionRules(vs, parsed.section);
  const where = `VirtualService ${vs.metadata.namespace ?? ""}/${vs.metadata.name}`.replace(" /", " ");
  if ("name" in parsed) {
    const index = (vs.spec.http ?? []).findIndex((rule) => rule.name === parsed.name);
    if (index < 0) throw new ActionError("NotFound", `${where} has no http route named "${parsed.name}"`);
    return { section: "http", index, label: routeLabel("http", index, parsed.name) };
  }
  const rule = rules[parsed.index];
  if (!rule) throw new ActionError("NotFound", `${where} has no ${parsed.section} route #${parsed.index + 1} (it has ${rules.length})`);
  const name = parsed.section === "http" ? (rule as HttpRouteWire).name : undefined;
  return { section: parsed.section, index: parsed.index, label: routeLabel(parsed.section, parsed.index, name) };
}

/** The rules of one section of a VirtualService (none: []). */
export function sectionRules(vs: VirtualServiceWire, section: RouteSection): readonly (HttpRouteWire | TcpRouteWire | TlsRouteWire)[] {
  return (section === "http" ? vs.spec.http : section === "tls" ? vs.spec.tls : vs.spec.tcp) ?? [];
}

export function httpRuleAt(vs: VirtualServiceWire, index: number): HttpRouteWire {
  const rule = vs.spec.http?.[index];
  if (!rule) throw new ActionError("NotFound", `http route #${index + 1} not found`);
  return rule;
}

/** Resolves a ref that must name an http route. */
export function resolveHttpRoute(vs: VirtualServiceWire, ref: RouteRef): ResolvedRoute & { rule: HttpRouteWire } {
  const resolved = resolveRouteRef(vs, ref);
  if (resolved.section !== "http") throw new ActionError("Unprocessable", `this action applies to http routes, not ${resolved.label}`, { routeRef: ["must be an http route"] });
  return { ...resolved, rule: httpRuleAt(vs, resolved.index) };
}

/** Fault injection, mirrors, timeouts and retries apply only to routes that forward (not to redirects, direct responses or delegates). */
export function requireDestinations(rule: HttpRouteWire, label: string, why: string): void {
  if (rule.redirect || rule.directResponse || rule.delegate || !rule.route?.length) {
    throw new ActionError("Unprocessable", `${label} has no destinations (redirect, direct response or delegate): ${why}`);
  }
}
