import { z } from "zod";
import { labelsSchema } from "./common";

/** `present` = the field exists with any value (Istio: an empty StringMatch). */
export const stringMatchOpSchema = z.enum(["exact", "prefix", "regex", "present"]);
export type StringMatchOp = z.infer<typeof stringMatchOpSchema>;

/** How a `gateways` entry resolves: the reserved `mesh`, an existing Gateway, or nothing. */
export const gatewayBindingSchema = z.object({
  raw: z.string(),
  /** `mesh` or `namespace/name`. */
  key: z.string(),
  resolution: z.enum(["mesh", "found", "notFound"]),
  namespace: z.string().nullable(),
  name: z.string().nullable(),
});
export type GatewayBinding = z.infer<typeof gatewayBindingSchema>;

export const matchConditionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("header"), name: z.string(), op: stringMatchOpSchema, value: z.string(), negated: z.boolean() }),
  z.object({ kind: z.literal("uri"), op: stringMatchOpSchema, value: z.string(), ignoreCase: z.boolean() }),
  z.object({ kind: z.literal("scheme"), op: stringMatchOpSchema, value: z.string() }),
  z.object({ kind: z.literal("method"), op: stringMatchOpSchema, value: z.string() }),
  z.object({ kind: z.literal("authority"), op: stringMatchOpSchema, value: z.string() }),
  z.object({ kind: z.literal("queryParam"), name: z.string(), op: stringMatchOpSchema, value: z.string() }),
  z.object({ kind: z.literal("port"), port: z.number().int() }),
  z.object({ kind: z.literal("sourceLabels"), labels: labelsSchema }),
  z.object({ kind: z.literal("sourceNamespace"), namespace: z.string() }),
  z.object({ kind: z.literal("gateways"), gateways: z.array(gatewayBindingSchema) }),
  z.object({ kind: z.literal("sniHosts"), hosts: z.array(z.string()) }),
  z.object({ kind: z.literal("destinationSubnets"), subnets: z.array(z.string()) }),
]);
export type MatchCondition = z.infer<typeof matchConditionSchema>;

/** One entry of `match`: its conditions are ANDed; the entries of a rule are ORed. */
export const matchBlockSchema = z.object({ name: z.string().nullable(), conditions: z.array(matchConditionSchema) });
export type MatchBlock = z.infer<typeof matchBlockSchema>;
