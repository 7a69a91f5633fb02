import "server-only";
import { graphKey, type GraphKey } from "@/lib/api/graph";
import { AppError } from "@/lib/errors/app-error";
import { listableNamespaces, mayList } from "@/lib/k8s/identity/access";
import type { UserContext } from "@/lib/k8s/identity/user-context";

/** A graph shows Services and their workloads: who may list Services in a namespace may see its graph. */
export const GRAPH_RESOURCE = { group: "", resource: "services" } as const;

/**
 * The key `ctx` may see for a request: named namespaces must all be listable
 * (else Forbidden); the whole mesh (no namespaces) becomes the namespaces the
 * caller may list Services in, unless it may list them cluster-wide.
 */
export async function authorizeGraphKey(ctx: UserContext, key: GraphKey): Promise<GraphKey> {
  if (ctx.kind === "server") return key;
  if (key.namespaces.length > 0) {
    const allowed = await Promise.all(key.namespaces.map((ns) => mayList(ctx, GRAPH_RESOURCE, ns)));
    const denied = key.namespaces.filter((_, i) => !allowed[i]);
    if (denied.length > 0) {
      throw new AppError({ code: "Forbidden", message: `Not allowed to list services in ${denied.join(", ")}`, verb: "list", resource: "services", namespace: denied[0] ?? "" });
    }
    return key;
  }
  const access = await listableNamespaces(ctx, GRAPH_RESOURCE);
  if (access.all) return key;
  if (access.namespaces.size === 0) throw new AppError({ code: "Forbidden", message: "Not allowed to list services in any namespace", verb: "list", resource: "services" });
  return graphKey({ ...key, namespaces: [...access.namespaces] });
}
