import { z } from "zod";
import { objectNameSchema } from "./actions";
import { namespaceNameSchema } from "./virtual-services";

// GET /api/objects/{kind}/{namespace}/{name}: the YAML of one object from the
// watch cache, as the caller may `get` it. Browser-safe.

/** Kinds the endpoint serves; `Gateway` is Istio's (networking.istio.io). */
export const OBJECT_KINDS = {
  VirtualService: { cacheKey: "virtualservices", group: "networking.istio.io", resource: "virtualservices" },
  DestinationRule: { cacheKey: "destinationrules", group: "networking.istio.io", resource: "destinationrules" },
  Gateway: { cacheKey: "istiogateways", group: "networking.istio.io", resource: "gateways" },
  Service: { cacheKey: "services", group: "", resource: "services" },
  HTTPRoute: { cacheKey: "httproutes", group: "gateway.networking.k8s.io", resource: "httproutes" },
} as const;
export type ObjectKind = keyof typeof OBJECT_KINDS;
export const objectKindSchema = z.enum(Object.keys(OBJECT_KINDS) as [ObjectKind, ...ObjectKind[]]);

const kindByLowerCase = new Map<string, ObjectKind>((Object.keys(OBJECT_KINDS) as ObjectKind[]).map((k) => [k.toLowerCase(), k]));

/** The kind in a path: `VirtualService` or `virtualservice` (any case). */
export const objectKindParamSchema = z
  .string()
  .max(64)
  .transform((value, ctx) => {
    const kind = kindByLowerCase.get(value.toLowerCase());
    if (!kind) {
      ctx.addIssue({ code: "custom", message: `kind must be one of ${Object.keys(OBJECT_KINDS).join(", ")}` });
      return z.NEVER;
    }
    return kind;
  });

export const objectPathParamsSchema = z.strictObject({
  kind: objectKindParamSchema,
  namespace: namespaceNameSchema,
  name: objectNameSchema,
});

export const objectYamlSchema = z.object({
  kind: objectKindSchema,
  apiVersion: z.string(),
  namespace: z.string(),
  name: z.string(),
  resourceVersion: z.string().nullable(),
  /** The object as YAML (kubectl style), without managedFields and kubectl's last-applied copy. */
  yaml: z.string(),
});
export type ObjectYaml = z.infer<typeof objectYamlSchema>;

export const LAST_APPLIED_ANNOTATION = "kubectl.kubernetes.io/last-applied-configuration";

/** A copy of `object` for people to read: no managedFields, no last-applied copy, apiVersion/kind first. */
export function displayObject(object: { apiVersion?: unknown; kind?: unknown; metadata?: unknown; [key: string]: unknown }): Record<string, unknown> {
  const { apiVersion, kind, metadata, ...rest } = object;
  const meta = typeof metadata === "object" && metadata !== null ? { ...(metadata as Record<string, unknown>) } : {};
  delete meta.managedFields;
  const annotations = meta.annotations;
  if (typeof annotations === "object" && annotations !== null) {
    const { [LAST_APPLIED_ANNOTATION]: _dropped, ...others } = annotations as Record<string, unknown>;
    if (Object.keys(others).length > 0) meta.annotations = others;
    else delete meta.annotations;
  }
  return { apiVersion, kind, metadata: meta, ...rest };
}

/** URL of the endpoint. */
export function objectYamlUrl(kind: ObjectKind, namespace: string, name: string): string {
  return `/api/objects/${kind}/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
