import { z } from "zod";
import type { BackendRefWire, GatewayApiHttpRouteWire } from "@/lib/istio/wire";
import { ActionError, parseInput } from "./errors";
import { objectLabel, planSectionChange, type ActionPlan } from "./plan";
import { dnsLabelSchema, portNumberSchema, type ActionContext } from "./schemas";
import { refineWeights } from "./weights";
import { applyWeights, describeWeights } from "./weights-core";

/** A Gateway API rule: by index (`0`) or by `name` (rules[].name, Gateway API v1.2+). */
export type HttpRouteRuleRef = number | string | { index: number } | { name: string };

// Bounds and patterns of Gateway API's BackendObjectReference (apis/v1/shared_types.go):
// ObjectName ≤ 253, Group ≤ 253 (DNS subdomain or ""), Kind 1–63 (^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$).
export const backendWeightSchema = z.strictObject({
  name: z.string().min(1).max(253),
  namespace: dnsLabelSchema.optional(),
  port: portNumberSchema.optional(),
  group: z
    .string()
    .max(253)
    .regex(/^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "group must be empty or a DNS subdomain")
    .optional(),
  kind: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/, "kind must be a Kubernetes kind such as Service")
    .optional(),
  weight: z.number().int("weight must be an integer").min(0, "weight must be between 0 and 100").max(100, "weight must be between 0 and 100"),
});
export type BackendWeight = z.infer<typeof backendWeightSchema>;

export const httpRouteWeightsInputSchema = z
  .strictObject({
    weights: z.array(backendWeightSchema).min(1, "give at least one backend"),
    allowAdd: z.boolean().optional(),
    allowRemove: z.boolean().optional(),
  })
  .superRefine(refineWeights<BackendWeight>((b) => `${b.group ?? ""}|${b.kind ?? "Service"}|${b.namespace ?? ""}|${b.name}|${b.port ?? ""}`));
export type HttpRouteWeightsInput = z.infer<typeof httpRouteWeightsInputSchema>;

type BackendInput = Omit<BackendWeight, "weight">;

function describeBackend(b: { name: string; namespace?: string | undefined; port?: number | undefined }): string {
  return `${b.namespace ? `${b.namespace}/` : ""}${b.name}${b.port !== undefined ? `:${b.port}` : ""}`;
}

function resolveRule(route: GatewayApiHttpRouteWire, ref: HttpRouteRuleRef): { index: number; label: string } {
  const rules = route.spec.rules ?? [];
  const where = objectLabel(route);
  const named = typeof ref === "string" ? ref : typeof ref === "object" && "name" in ref ? ref.name : undefined;
  if (named !== undefined) {
    const index = rules.findIndex((rule) => rule.name === named);
    if (index < 0) throw new ActionError("NotFound", `${where} has no rule named "${named}"`);
    return { index, label: `rule "${named}"` };
  }
  const index = typeof ref === "number" ? ref : typeof ref === "object" && "index" in ref ? ref.index : -1;
  const rule = rules[index];
  if (!rule) throw new ActionError("NotFound", `${where} has no rule #${index + 1} (it has ${rules.length})`);
  return { index, label: rule.name ? `rule "${rule.name}"` : `rule #${index + 1}` };
}

/**
 * Sets backendRefs weights of one Gateway API HTTPRoute rule (`spec.rules` is
 * replaced as a whole). Gateway API weights are proportional; Meshdeck still
 * writes percentages summing to 100 so the UI reads the same everywhere.
 */
export function planHttpRouteWeights(
  route: GatewayApiHttpRouteWire,
  ruleRef: HttpRouteRuleRef,
  input: HttpRouteWeightsInput,
  ctx: ActionContext,
): ActionPlan<GatewayApiHttpRouteWire> {
  const parsed = parseInput(httpRouteWeightsInputSchema, input);
  const { index, label } = resolveRule(route, ruleRef);
  const rules = [...(route.spec.rules ?? [])];
  const rule = rules[index];
  const entries = rule?.backendRefs ?? [];
  if (entries.length === 0) throw new ActionError("Unprocessable", `${label} has no backendRefs: there are no weights to set`);
  const routeNamespace = route.metadata.namespace ?? "";
  const matches = (b: BackendInput, wire: BackendRefWire): boolean =>
    b.name === wire.name &&
    (b.namespace ?? routeNamespace) === (wire.namespace ?? routeNamespace) &&
    (b.kind ?? "Service") === (wire.kind ?? "Service") &&
    (b.group ?? "") === (wire.group ?? "") &&
    (b.port === undefined || b.port === wire.port);
  const next = applyWeights<BackendRefWire, BackendInput>({
    entries,
    requests: parsed.weights.map(({ weight, ...backend }) => ({ input: backend, weight })),
    find: (backend, field) => {
      const hits = entries.flatMap((wire, i) => (matches(backend, wire) ? [i] : []));
      if (hits.length > 1) throw new ActionError("Unprocessable", `${describeBackend(backend)} matches ${hits.length} backendRefs; give its port`, { [field]: ["ambiguous: give the port"] });
      return hits[0] ?? -1;
    },
    describeEntry: describeBackend,
    describeInput: describeBackend,
    create: (backend, weight) => {
      if (backend.port === undefined && (backend.kind ?? "Service") === "Service") {
        throw new ActionError("Unprocessable", `a Service backend needs a port`, { weights: ["port is required to add a Service backend"] });
      }
      return { ...backend, weight };
    },
    allowAdd: parsed.allowAdd ?? false,
    allowRemove: parsed.allowRemove ?? false,
    routeLabel: label,
  });
  rules[index] = { ...rule, backendRefs: next };
  const summary = `Set weights of ${label} in ${objectLabel(route)}: ${describeWeights(
    parsed.weights.map(({ weight, ...b }) => ({ input: b, weight })),
    describeBackend,
  )}`;
  return planSectionChange(route, "rules", rules, "set-weights", summary, ctx);
}
