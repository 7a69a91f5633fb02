import "server-only";
import type { NamespaceList } from "@/lib/api/namespaces";
import { getClientSet, withTimeout } from "./client-set";
import { mapNamespace } from "./map-namespace";
import { toAppError } from "./map-error";

/** All namespaces with their sidecar-injection labels, sorted by name. */
export async function listNamespaces(): Promise<NamespaceList> {
  const { core } = getClientSet();
  try {
    const list = await core.listNamespace({}, withTimeout());
    const items = list.items.map(mapNamespace).sort((a, b) => a.name.localeCompare(b.name));
    return { items };
  } catch (error) {
    throw toAppError(error, { verb: "list", resource: "namespaces" });
  }
}
