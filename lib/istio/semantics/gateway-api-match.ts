import type { HttpRouteMatchWire } from "@/lib/istio/wire";
import { compileRe2 } from "./regex";
import { allOf, type RequestPredicate } from "./request";

// A Gateway API HTTPRouteMatch and the specification's precedence between
// matches of all the routes of one hostname: exact path › longest prefix
// (regex between the two, as Istio orders it) › method › most header matches
// › most query param matches › oldest route › route name › rule order.

/** Higher sorts first, compared element by element. */
export type MatchPrecedence = readonly number[];

const PATH_RANK = { Exact: 3, RegularExpression: 2, PathPrefix: 1 } as const;

function pathCheck(path: HttpRouteMatchWire["path"]): { check: RequestPredicate; rank: number; length: number } {
  const type = path?.type ?? "PathPrefix";
  const value = path?.value ?? "/";
  if (type === "Exact") return { check: (r) => r.path === value, rank: PATH_RANK.Exact, length: value.length };
  if (type === "RegularExpression") {
    const re = compileRe2(value);
    return { check: (r) => re !== null && re.fullMatch(r.path), rank: PATH_RANK.RegularExpression, length: value.length };
  }
  // PathPrefix matches whole path segments; a trailing slash is ignored.
  const prefix = value.endsWith("/") && value !== "/" ? value.slice(0, -1) : value;
  const check: RequestPredicate = prefix === "/" ? () => true : (r) => r.path === prefix || r.path.startsWith(`${prefix}/`);
  return { check, rank: PATH_RANK.PathPrefix, length: prefix.length };
}

function valueCheck(type: string | undefined, value: string): (v: string | undefined) => boolean {
  if (type === "RegularExpression") {
    const re = compileRe2(value);
    return (v) => v !== undefined && re !== null && re.fullMatch(v);
  }
  return (v) => v === value;
}

/** One HTTPRouteMatch (a match without path is PathPrefix `/`) and its precedence. */
export function compileHttpRouteMatch(m: HttpRouteMatchWire): { check: RequestPredicate; precedence: MatchPrecedence } {
  const path = pathCheck(m.path);
  const checks: RequestPredicate[] = [path.check];
  const method = m.method;
  if (method) checks.push((r) => r.method === method);
  for (const h of m.headers ?? []) {
    const key = h.name.toLowerCase();
    const p = valueCheck(h.type, h.value);
    checks.push((r) => p(r.headers[key]));
  }
  for (const q of m.queryParams ?? []) {
    const p = valueCheck(q.type, q.value);
    checks.push((r) => p(r.queryParam(q.name)));
  }
  const precedence = [path.rank, path.length, method ? 1 : 0, m.headers?.length ?? 0, m.queryParams?.length ?? 0];
  return { check: allOf(checks), precedence };
}

/** Negative when `a` takes precedence over `b`. */
export function comparePrecedence(a: MatchPrecedence, b: MatchPrecedence): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (b[i] ?? 0) - (a[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Where a rule stands among equal matches: its route's creation time and `ns/name`, then its index. */
export interface RouteOrder {
  readonly created: string;
  readonly routeKey: string;
  readonly index: number;
}

/** Ties: the oldest route, then `{namespace}/{name}` alphabetically, then rule order. */
export function compareRouteOrder(a: RouteOrder, b: RouteOrder): number {
  return (a.created < b.created ? -1 : a.created > b.created ? 1 : 0) || (a.routeKey < b.routeKey ? -1 : a.routeKey > b.routeKey ? 1 : 0) || a.index - b.index;
}
