import { z } from "zod";
import { durationMs } from "@/lib/istio/semantics/duration";
import { H2_UPGRADE_POLICIES, POLICY_FIELDS, SIMPLE_LB, TLS_MODES } from "@/lib/istio/semantics/traffic-policy";
import type { DestinationRuleWire, SubsetWire } from "@/lib/istio/wire";
import { auditAnnotations } from "./audit";
import { ActionError, parseInput } from "./errors";
import { objectLabel, planSectionChange, type ActionPlan } from "./plan";
import { actionContextSchema, durationSchema, percentageSchema, type ActionContext } from "./schemas";

const MAX_NAME = 253;
const counter = (what: string) => z.number().int(`${what} must be an integer`).min(0, `${what} must be at least 0`).max(2 ** 31 - 1, `${what} is too large`);
const positive = (what: string) => z.number().int(`${what} must be an integer`).min(1, `${what} must be at least 1`).max(2 ** 31 - 1, `${what} is too large`);
const nameSchema = (what: string) => z.string().min(1, `${what} must not be empty`).max(MAX_NAME, `${what} must be at most ${MAX_NAME} characters`);

/** A cookie's ttl: any non-negative duration; 0s makes the generated cookie a session cookie. */
const cookieTtlSchema = z.string().max(64).refine((v) => durationMs(v) !== null, { message: "ttl must be a non-negative duration, e.g. 0s, 1h" });

const consistentHashSchema = z
  .strictObject({
    httpHeaderName: nameSchema("httpHeaderName").optional(),
    httpCookie: z.strictObject({ name: nameSchema("httpCookie.name"), path: z.string().max(MAX_NAME).optional(), ttl: cookieTtlSchema.optional() }).optional(),
    useSourceIp: z.literal(true).optional(),
    httpQueryParameterName: nameSchema("httpQueryParameterName").optional(),
  })
  .refine((c) => [c.httpHeaderName, c.httpCookie, c.useSourceIp, c.httpQueryParameterName].filter((v) => v !== undefined).length === 1, {
    message: "consistentHash needs exactly one of httpHeaderName, httpCookie, useSourceIp, httpQueryParameterName",
  });

const loadBalancerSchema = z
  .strictObject({ simple: z.enum(SIMPLE_LB).optional(), consistentHash: consistentHashSchema.optional() })
  .refine((lb) => (lb.simple === undefined) !== (lb.consistentHash === undefined), { message: "loadBalancer needs exactly one of simple, consistentHash" });

const connectionPoolSchema = z
  .strictObject({
    tcp: z.strictObject({ maxConnections: positive("tcp.maxConnections").optional(), connectTimeout: durationSchema.optional() }).optional(),
    http: z
      .strictObject({
        http1MaxPendingRequests: positive("http.http1MaxPendingRequests").optional(),
        http2MaxRequests: positive("http.http2MaxRequests").optional(),
        maxRequestsPerConnection: counter("http.maxRequestsPerConnection").optional(),
        maxRetries: counter("http.maxRetries").optional(),
        idleTimeout: durationSchema.optional(),
        h2UpgradePolicy: z.enum(H2_UPGRADE_POLICIES).optional(),
      })
      .optional(),
  })
  .refine((p) => p.tcp !== undefined || p.http !== undefined, { message: "connectionPool needs tcp or http settings" });

const outlierDetectionSchema = z.strictObject({
  consecutive5xxErrors: counter("consecutive5xxErrors").optional(),
  consecutiveGatewayErrors: counter("consecutiveGatewayErrors").optional(),
  interval: durationSchema.optional(),
  baseEjectionTime: durationSchema.optional(),
  maxEjectionPercent: percentageSchema.int("maxEjectionPercent must be an integer").optional(),
  minHealthPercent: percentageSchema.int("minHealthPercent must be an integer").optional(),
});

const tlsSchema = z.strictObject({
  mode: z.enum(TLS_MODES),
  sni: z.string().max(MAX_NAME).optional(),
  credentialName: z.string().max(MAX_NAME).optional(),
});

/** The trafficPolicy fields Meshdeck sets; each absent one is removed, other fields (portLevelSettings, …) stay. */
export const trafficPolicyInputSchema = z
  .strictObject({
    loadBalancer: loadBalancerSchema.optional(),
    connectionPool: connectionPoolSchema.optional(),
    outlierDetection: outlierDetectionSchema.optional(),
    tls: tlsSchema.optional(),
  })
  .refine((p) => POLICY_FIELDS.some((f) => p[f] !== undefined), { message: `a traffic policy needs at least one of ${POLICY_FIELDS.join(", ")}` });
export type TrafficPolicyInput = z.input<typeof trafficPolicyInputSchema>;
type Policy = Record<string, unknown>;

/** Body of PUT …/destinationrules/{name}/policy: the policy, and the host of a DestinationRule to create when it is missing. */
export const hostPolicyInputSchema = z.strictObject({ policy: trafficPolicyInputSchema, host: nameSchema("host").optional() });
export type HostPolicyInput = z.input<typeof hostPolicyInputSchema>;

function withoutEdited(policy: Policy | undefined): Policy {
  const rest: Policy = { ...(policy ?? {}) };
  for (const f of POLICY_FIELDS) delete rest[f];
  return rest;
}

function describe(policy: Policy): string {
  const parts = POLICY_FIELDS.filter((f) => policy[f] !== undefined);
  return parts.join(", ") || "nothing";
}

/** `policy` with its edited fields replaced by `input`'s (unset ones removed); undefined when nothing is left. */
function nextPolicy(current: Policy | undefined, input: Policy | undefined): Policy | undefined {
  const next = { ...withoutEdited(current), ...(input ?? {}) };
  return Object.keys(next).length > 0 ? next : undefined;
}

function findSubset(dr: DestinationRuleWire, subset: string): number {
  const index = (dr.spec.subsets ?? []).findIndex((s) => s.name === subset);
  if (index < 0) throw new ActionError("NotFound", `${objectLabel(dr)} has no subset "${subset}"`);
  return index;
}

/** Sets the DestinationRule's host-level traffic policy (load balancer, connection pool, outlier detection, TLS). */
export function planSetHostPolicy(dr: DestinationRuleWire, input: TrafficPolicyInput, ctx: ActionContext): ActionPlan<DestinationRuleWire> {
  const policy = parseInput(trafficPolicyInputSchema, input) as Policy;
  const summary = `Set the traffic policy of ${objectLabel(dr)}: ${describe(policy)}`;
  return planSectionChange(dr, "trafficPolicy", nextPolicy(dr.spec.trafficPolicy, policy), "set-traffic-policy", summary, ctx);
}

/** Removes the host-level load balancer, connection pool, outlier detection and TLS (other trafficPolicy fields stay). */
export function planClearHostPolicy(dr: DestinationRuleWire, ctx: ActionContext): ActionPlan<DestinationRuleWire> {
  const summary = `Remove the traffic policy of ${objectLabel(dr)}`;
  return planSectionChange(dr, "trafficPolicy", nextPolicy(dr.spec.trafficPolicy, undefined), "clear-traffic-policy", summary, ctx);
}

function editSubset(dr: DestinationRuleWire, subset: string, input: Policy | undefined, action: string, summary: string, ctx: ActionContext) {
  const index = findSubset(dr, subset);
  const subsets: SubsetWire[] = [...(dr.spec.subsets ?? [])];
  const { trafficPolicy, ...rest } = subsets[index] as SubsetWire;
  const next = nextPolicy(trafficPolicy, input);
  subsets[index] = next ? { ...rest, trafficPolicy: next } : rest;
  return planSectionChange(dr, "subsets", subsets, action, summary, ctx);
}

/** Sets a subset's traffic policy: it overrides the host-level one field by field for that subset. */
export function planSetSubsetPolicy(dr: DestinationRuleWire, subset: string, input: TrafficPolicyInput, ctx: ActionContext): ActionPlan<DestinationRuleWire> {
  const policy = parseInput(trafficPolicyInputSchema, input) as Policy;
  return editSubset(dr, subset, policy, "set-subset-policy", `Set the traffic policy of subset ${subset} of ${objectLabel(dr)}: ${describe(policy)}`, ctx);
}

/** Removes a subset's own policy fields: the host-level policy applies to it again. */
export function planClearSubsetPolicy(dr: DestinationRuleWire, subset: string, ctx: ActionContext): ActionPlan<DestinationRuleWire> {
  return editSubset(dr, subset, undefined, "clear-subset-policy", `Remove the traffic policy of subset ${subset} of ${objectLabel(dr)}`, ctx);
}

/** A new DestinationRule `name` for `host` carrying the policy (PUT …/policy when it does not exist yet). */
export function planCreateWithPolicy(
  target: { namespace: string; name: string; apiVersion: string },
  host: string,
  input: TrafficPolicyInput,
  context: ActionContext,
): { object: DestinationRuleWire; summary: string; action: string } {
  const ctx = parseInput(actionContextSchema, context, "action context");
  const policy = parseInput(trafficPolicyInputSchema, input) as Policy;
  const action = "set-traffic-policy";
  const summary = `Create DestinationRule ${target.namespace}/${target.name} for ${host} with traffic policy: ${describe(policy)}`;
  const spec = { host, trafficPolicy: policy };
  const annotations = auditAnnotations(undefined, { who: ctx.user, when: ctx.now, action, summary }, "trafficPolicy", undefined, spec);
  const object: DestinationRuleWire = {
    apiVersion: target.apiVersion,
    kind: "DestinationRule",
    metadata: { name: target.name, namespace: target.namespace, annotations },
    spec,
  };
  return { object, summary, action };
}
