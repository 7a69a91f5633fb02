import "server-only";
import type { NamespaceList } from "@/lib/api/namespaces";
import { CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { getClientSet, withTimeout } from "./client-set";
import { kubeConfigFor } from "./context-config";
import { canISafe, mapLimit } from "./identity/access";
import type { UserContext } from "./identity/user-context";
import { mapNamespace } from "./map-namespace";
import { toAppError } from "./map-error";

const PARALLEL = 16;

/** All namespaces with their sidecar-injection labels, sorted by name (with the dashboard's credentials, of `kubeConfig`'s context). */
export async function listNamespaces(kubeConfig?: KubeConfig): Promise<NamespaceList> {
  const { core: defaultCore, kubeConfig: defaultConfig } = getClientSet();
  const core = kubeConfig && kubeConfig !== defaultConfig ? kubeConfig.makeApiClient(CoreV1Api) : defaultCore;
  try {
    const list = await core.listNamespace({}, withTimeout());
    const items = list.items.map(mapNamespace).sort((a, b) => a.name.localeCompare(b.name));
    return { items };
  } catch (error) {
    throw toAppError(error, { verb: "list", resource: "namespaces" });
  }
}

/**
 * The namespaces `ctx` may see: all when it may list namespaces, else those
 * it may get (a RoleBinding of `view` in a namespace grants that one), each
 * checked with a SelfSubjectAccessReview (Kubernetes RBAC decides; cached
 * per identity hash; a failed review counts as "no").
 */
export async function listNamespacesAs(ctx: UserContext): Promise<NamespaceList> {
  const base = kubeConfigFor(ctx);
  const list = await listNamespaces(base);
  if (ctx.kind === "server" || (await canISafe(ctx, { verb: "list", resource: "namespaces" }, base))) return list;
  const allowed = await mapLimit(list.items, PARALLEL, (ns) => canISafe(ctx, { verb: "get", resource: "namespaces", namespace: ns.name, name: ns.name }, base));
  return { items: list.items.filter((_, i) => allowed[i]) };
}
