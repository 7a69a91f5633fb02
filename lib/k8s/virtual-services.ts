import "server-only";
import type { VirtualServiceList } from "@/lib/api/virtual-services";
import { getClientSet, withTimeout } from "./client-set";
import {
  crdMissing,
  getIstioNetworkingVersion,
  invalidateIstioNetworkingVersion,
  ISTIO_NETWORKING_GROUP,
  type IstioNetworkingVersion,
} from "./discovery";
import { compareByNamespaceAndName, mapVirtualService } from "./map-virtual-service";
import { toAppError, type K8sOperation } from "./map-error";
import { virtualServiceListWireSchema } from "./virtual-service-wire";

const PLURAL = "virtualservices";
const RESOURCE = `${PLURAL}.${ISTIO_NETWORKING_GROUP}`;

async function listRaw(version: IstioNetworkingVersion, namespace: string | undefined): Promise<unknown> {
  const { customObjects } = getClientSet();
  if (namespace) {
    return customObjects.listNamespacedCustomObject(
      { group: ISTIO_NETWORKING_GROUP, version, namespace, plural: PLURAL },
      withTimeout(),
    );
  }
  return customObjects.listCustomObjectForAllNamespaces(
    { group: ISTIO_NETWORKING_GROUP, version, resourcePlural: PLURAL },
    withTimeout(),
  );
}

/**
 * VirtualServices in `namespace`, or in all namespaces when omitted.
 * A 404 means the served version changed or the CRD went away: rediscover
 * once, then report "CrdMissing".
 */
export async function listVirtualServices(namespace?: string): Promise<VirtualServiceList> {
  const op: K8sOperation = { verb: "list", resource: RESOURCE, ...(namespace ? { namespace } : {}) };
  let version = await getIstioNetworkingVersion({ resource: RESOURCE });
  let raw: unknown;
  try {
    raw = await listRaw(version, namespace);
  } catch (error) {
    const mapped = toAppError(error, op);
    if (mapped.code !== "NotFound") throw mapped;
    invalidateIstioNetworkingVersion();
    version = await getIstioNetworkingVersion({ refresh: true, resource: RESOURCE });
    try {
      raw = await listRaw(version, namespace);
    } catch (retryError) {
      const again = toAppError(retryError, op);
      if (again.code === "NotFound") throw crdMissing(RESOURCE);
      throw again;
    }
  }
  const fallbackApiVersion = `${ISTIO_NETWORKING_GROUP}/${version}`;
  const list = virtualServiceListWireSchema.safeParse(raw);
  const items = (list.success ? list.data.items : [])
    .map((item) => mapVirtualService(item, fallbackApiVersion))
    .sort(compareByNamespaceAndName);
  return { servedVersion: version, items };
}
