import { z } from "zod";
import { namespacedNameSchema, ownerSchema } from "./common";
import { faultSchema, mirrorSchema, weightedDestinationSchema } from "./destination";
import { hostSchema } from "./host";
import { gatewayBindingSchema, matchBlockSchema } from "./match";

/** A route rule written by a Rollout (listed in trafficRouting.istio...routes or managedRoutes). */
export const ruleManagerSchema = z.object({ kind: z.literal("argo-rollouts"), name: z.string() });

const ruleBase = {
  index: z.number().int(),
  name: z.string().nullable(),
  matches: z.array(matchBlockSchema),
  /** No match, or a match entry without conditions: every request reaching this rule matches it. */
  catchAll: z.boolean(),
  destinations: z.array(weightedDestinationSchema),
  weightTotal: z.number(),
  /** Several destinations whose effective weights sum to 0: Envoy has no cluster to send to. */
  allWeightsZero: z.boolean(),
  managedBy: ruleManagerSchema.nullable(),
};

export const httpRuleSchema = z.object({
  ...ruleBase,
  /** A header (or cookie) match selects this rule: a test route. */
  testRoute: z.boolean(),
  action: z.enum(["route", "redirect", "directResponse", "delegate", "none"]),
  delegate: namespacedNameSchema.extend({ found: z.boolean() }).nullable(),
  fault: faultSchema.nullable(),
  mirrors: z.array(mirrorSchema),
  timeout: z.string().nullable(),
  /** As configured; null = Istio's default policy (2 attempts on connect-failure, refused-stream, unavailable, cancelled, retriable-status-codes). */
  retries: z
    .object({ attempts: z.number().int().nullable(), perTryTimeout: z.string().nullable(), retryOn: z.string().nullable(), retryRemoteLocalities: z.boolean().nullable() })
    .nullable(),
});
export type HttpRule = z.infer<typeof httpRuleSchema>;

export const l4RuleSchema = z.object(ruleBase);
export type L4Rule = z.infer<typeof l4RuleSchema>;

export const virtualServiceModelSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  uid: z.string().nullable(),
  resourceVersion: z.string().nullable(),
  apiVersion: z.string(),
  hosts: z.array(hostSchema),
  /** `spec.gateways`, or the implied `mesh` when omitted. */
  gateways: z.array(gatewayBindingSchema),
  meshBound: z.boolean(),
  /** No hosts: only usable as a delegate of another VirtualService. */
  isDelegate: z.boolean(),
  exportTo: z.array(z.string()).nullable(),
  owner: ownerSchema,
  http: z.array(httpRuleSchema),
  tcp: z.array(l4RuleSchema),
  tls: z.array(l4RuleSchema),
});
export type VirtualServiceModel = z.infer<typeof virtualServiceModelSchema>;
