import { z } from "zod";
import { objectNameSchema } from "./actions";
import { namespaceNameSchema } from "./virtual-services";

// GET /api/access: may the caller do this? (a SelfSubjectAccessReview for the
// caller's identity). The UI asks before offering a control, and names the
// verb and resource when it may not. Browser-safe.

export const accessVerbSchema = z.enum(["get", "list", "watch", "create", "update", "patch", "delete"]);
export type AccessVerb = z.infer<typeof accessVerbSchema>;

export const accessQuerySchema = z.strictObject({
  verb: accessVerbSchema,
  /** API group; "" (or omitted) for the core group. */
  group: z
    .string()
    .max(253)
    .regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)?$/, "must be an API group (DNS subdomain) or empty")
    .default(""),
  /** Plural resource, e.g. "virtualservices". */
  resource: z
    .string()
    .min(1)
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a plural resource name"),
  subresource: z
    .string()
    .max(63)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a subresource name")
    .optional(),
  /** Omitted: cluster-wide. */
  namespace: namespaceNameSchema.optional(),
  name: objectNameSchema.optional(),
});
export type AccessQuery = z.infer<typeof accessQuerySchema>;

export const accessAnswerSchema = z.object({
  allowed: z.boolean(),
  verb: accessVerbSchema,
  group: z.string(),
  resource: z.string(),
  namespace: z.string().nullable(),
  name: z.string().nullable(),
});
export type AccessAnswer = z.infer<typeof accessAnswerSchema>;

/** "virtualservices.networking.istio.io", or "services" for the core group. */
export function qualifiedResourceName(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

/** "You may not patch virtualservices.networking.istio.io in default" — for tooltips and notes. */
export function deniedText(q: Pick<AccessQuery, "verb" | "resource"> & { group?: string; namespace?: string | null }): string {
  const where = q.namespace ? ` in ${q.namespace}` : " cluster-wide";
  return `You may not ${q.verb} ${qualifiedResourceName(q.group ?? "", q.resource)}${where}`;
}
