import type { CanaryStepWire, StringMatchWire } from "../wire";
import type { RouteCondition, StepRoute } from "./schema";

// What setHeaderRoute / setMirrorRoute steps write, after Argo Rollouts v1.9's
// Istio plugin: each header match of a setHeaderRoute becomes its own Istio
// match entry (any may match); a setMirrorRoute match is one entry whose
// method, path (Istio's uri) and headers must all match. No match removes the route.

const OPERATORS = ["exact", "prefix", "regex"] as const;

function condition(field: string, match: StringMatchWire | null | undefined): RouteCondition[] {
  if (!match) return [];
  for (const operator of OPERATORS) {
    const value = match[operator];
    if (typeof value === "string") return [{ field, operator, value }];
  }
  return [];
}

/** The route a header or mirror step sets (or removes); null for other steps. */
export function stepRoute(step: CanaryStepWire): StepRoute | null {
  if (step.setHeaderRoute) {
    const r = step.setHeaderRoute;
    const matches = (r.match ?? []).map((m) => condition(`header ${m.headerName ?? ""}`.trimEnd(), m.headerValue));
    return { name: r.name ?? "", matches, mirrorPercent: null };
  }
  if (step.setMirrorRoute) {
    const r = step.setMirrorRoute;
    const matches = (r.match ?? []).map((m) => [
      ...condition("method", m.method),
      ...condition("path", m.path),
      ...Object.entries(m.headers ?? {})
        .sort(([a], [b]) => a.localeCompare(b))
        .flatMap(([name, value]) => condition(`header ${name}`, value)),
    ]);
    const removes = matches.length === 0;
    return { name: r.name, matches, mirrorPercent: removes ? null : (r.percentage ?? 100) };
  }
  return null;
}

const SYMBOL: Record<RouteCondition["operator"], string> = { exact: "=", prefix: "^=", regex: "~" };

/** "agent ~ firefox(.*)"; entries joined with " or ", conditions with " and ". */
export function formatMatches(matches: StepRoute["matches"]): string {
  return matches
    .map((entry) => entry.map((c) => `${c.field.replace(/^header /, "")} ${SYMBOL[c.operator]} ${c.value}`).join(" and "))
    .filter((s) => s !== "")
    .join(" or ");
}
