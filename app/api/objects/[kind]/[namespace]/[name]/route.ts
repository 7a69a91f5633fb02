import { displayObject, OBJECT_KINDS, objectPathParamsSchema, type ObjectYaml } from "@/lib/api/objects";
import { qualifiedResourceName } from "@/lib/api/access";
import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { requestIdentity } from "@/lib/auth/request-identity";
import { toYaml } from "@/lib/diff";
import { AppError } from "@/lib/errors/app-error";
import { badRequestFromZod, errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { getClusterCache } from "@/lib/k8s/cache/cluster-cache";
import { kubeConfigFor } from "@/lib/k8s/context-config";
import { getObject } from "@/lib/k8s/cache/store";
import { canI } from "@/lib/k8s/identity/access";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Wait at most this long for the cache's first sync. */
const FIRST_SYNC_WAIT_MS = 10_000;

interface Context {
  params: Promise<{ kind: string; namespace: string; name: string }>;
}

/**
 * `GET /api/objects/{kind}/{namespace}/{name}` → `{ kind, apiVersion, namespace, name, resourceVersion, yaml }`
 * for a VirtualService, DestinationRule, Gateway (Istio), Service or HTTPRoute,
 * from the shared watch cache. The caller needs `get` on it (SelfSubjectAccessReview).
 */
export async function GET(request: Request, context: Context): Promise<Response> {
  const params = objectPathParamsSchema.safeParse(await context.params);
  if (!params.success) return errorResponse(badRequestFromZod(params.error, "path parameters"));
  const { kind, namespace, name } = params.data;
  const spec = OBJECT_KINDS[kind];
  const resource = qualifiedResourceName(spec.group, spec.resource);
  try {
    parseQuery(request, noQuerySchema);
    const ctx = requestIdentity(request);
    // The cache is read with Meshdeck's own credentials: check the caller's.
    if (ctx.kind !== "server" && !(await canI(ctx, { verb: "get", group: spec.group, resource: spec.resource, namespace, name }))) {
      throw new AppError({ code: "Forbidden", message: `Not allowed to get ${resource} ${name} in ${namespace}`, verb: "get", resource, namespace });
    }
    const cache = getClusterCache(kubeConfigFor(ctx));
    await Promise.race([cache.ready(), new Promise((resolve) => setTimeout(resolve, FIRST_SYNC_WAIT_MS))]);
    const snapshot = cache.snapshot();
    const status = snapshot.kinds.get(spec.cacheKey)?.status;
    const object = getObject(snapshot, spec.cacheKey, namespace, name);
    if (!object) {
      if (status === "missing") throw new AppError({ code: "CrdMissing", message: `${resource} is not served by this cluster`, resource });
      if (status === "forbidden") throw new AppError({ code: "Forbidden", message: `Meshdeck may not list ${resource}`, verb: "list", resource });
      if (status === "syncing" || status === "error") throw new AppError({ code: "Unavailable", message: `${kind} objects are not loaded yet` });
      throw new AppError({ code: "NotFound", message: `${kind} ${namespace}/${name} not found`, resource, namespace });
    }
    const body: ObjectYaml = {
      kind,
      apiVersion: object.apiVersion ?? "",
      namespace,
      name,
      resourceVersion: object.metadata.resourceVersion ?? null,
      yaml: toYaml(displayObject(object)),
    };
    return jsonResponse(body);
  } catch (error) {
    return errorResponse(error);
  }
}
