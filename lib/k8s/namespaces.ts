import "server-only";
import type { NamespaceList } from "@/lib/api/namespaces";
import { CoreV1Api, type KubeConfig } from "@kubernetes/client-node";
import { getClientSet, withTimeout } from "./client-set";
import { mapNamespace } from "./map-namespace";
import { toAppError } from "./map-error";

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
