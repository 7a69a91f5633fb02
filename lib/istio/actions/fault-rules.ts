import type { HttpRouteWire } from "@/lib/istio/wire";

/** Name prefix of the header-scoped fault rules Meshdeck inserts before a route. */
export const FAULT_RULE_PREFIX = "meshdeck-fault-";

export function isMeshdeckFaultRule(rule: HttpRouteWire | undefined): boolean {
  return !!rule && rule.fault !== undefined && (rule.name ?? "").startsWith(FAULT_RULE_PREFIX);
}
