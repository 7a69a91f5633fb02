import { z } from "zod";
import { namespacedNameSchema } from "./common";

/**
 * How Istio sees a host name. `fqdn` is the name as Istio interprets it: a
 * name without dots is expanded to `name.<namespace of the object>.svc.<domain>`;
 * any name with a dot is taken literally.
 */
export const hostKindSchema = z.enum(["service", "serviceEntry", "external", "wildcard"]);
export type HostKind = z.infer<typeof hostKindSchema>;

export const hostSchema = z.object({
  raw: z.string(),
  fqdn: z.string(),
  /** Port given in the host itself (`foobar:80`), if any. */
  port: z.number().int().nullable(),
  kind: hostKindSchema,
  service: namespacedNameSchema.nullable(),
  serviceEntry: namespacedNameSchema.nullable(),
  /**
   * The Service the name looks like when written `name.namespace` or
   * `name.namespace.svc`: Kubernetes DNS resolves those, Istio's routing does
   * not (such a host stays `external`).
   */
  aliasOf: namespacedNameSchema.nullable(),
});
export type Host = z.infer<typeof hostSchema>;
