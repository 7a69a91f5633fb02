import "server-only";
import { CustomObjectsApi, type KubeConfig } from "@kubernetes/client-node";
import type { VirtualServiceList } from "@/lib/api/virtual-services";
import { AppError } from "@/lib/errors/app-error";
import { getClientSet, withTimeout } from "./client-set";
import { kubeConfigFor } from "./context-config";
import {
  crdMissing,
  getIstioNetworkingVersion,
  invalidateIstioNetworkingVersion,
  ISTIO_NETWORKING_GROUP,
  type IstioNetworkingVersion,
} from "./discovery";
import { compareByNamespaceAndName, mapVirtualService } from "./map-virtual-service";
import { listableNamespaces, mayList } from "./identity/access";
import type { UserContext } from "./identity/user-context";
import { toAppError, type K8sOperation } from "./map-error";
import { virtualServiceListWireSchema } from "./virtual-service-wire";

const PLURAL = "virtualservices";
const RESOURCE = `${PLURAL}.${ISTIO_NETWORKING_GROUP}`;

function customObjectsOf(kubeConfig: KubeConfig | undefined): CustomObjectsApi {
  const { customObjects, kubeConfig: defaultConfig } = getClientSet();
  return kubeConfig && kubeConfig !== defaultConfig ? kubeConfig.makeApiClient(CustomObjectsApi) : customObjects;
}

async function listRaw(version: IstioNetworkingVersion, namespace: string | undefined, kubeConfig: KubeConfig | undefined): Promise<unknown> {
  const customObjects = customObjectsOf(kubeConfig);
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
 * VirtualServices in `namespace`, or in all namespaces when omitted, with the
 * dashboard's credentials (of `kubeConfig`'s context). A 404 means the
 * served version changed or the CRD went away: rediscover once, then report
 * "CrdMissing". Requests use {@link listVirtualServicesAs}.
 */
export async function listVirtualServices(namespace?: string, kubeConfig?: KubeConfig): Promise<VirtualServiceList> {
  const op: K8sOperation = { verb: "list", resource: RESOURCE, ...(namespace ? { namespace } : {}) };
  let version = await getIstioNetworkingVersion({ resource: RESOURCE });
  let raw: unknown;
  try {
    raw = await listRaw(version, namespace, kubeConfig);
  } catch (error) {
    const mapped = toAppError(error, op);
    if (mapped.code !== "NotFound") throw mapped;
    invalidateIstioNetworkingVersion();
    version = await getIstioNetworkingVersion({ refresh: true, resource: RESOURCE });
    try {
      raw = await listRaw(version, namespace, kubeConfig);
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

const REF = { group: ISTIO_NETWORKING_GROUP, resource: PLURAL };

/**
 * The VirtualServices `ctx` may list, as /api/traffic filters the mesh: the
 * dashboard's list of the cluster `ctx` talks to, kept to the namespaces where
 * a SelfSubjectAccessReview of `ctx` allows `list` (Kubernetes RBAC decides;
 * cached per identity hash). A namespace it may not list is a 403 naming it.
 */
export async function listVirtualServicesAs(ctx: UserContext, namespace?: string): Promise<VirtualServiceList> {
  const base = kubeConfigFor(ctx);
  if (namespace && !(await mayList(ctx, REF, namespace, base))) {
    throw new AppError({ code: "Forbidden", message: `Not allowed to list ${RESOURCE} in namespace ${namespace}`, verb: "list", resource: RESOURCE, namespace });
  }
  const list = await listVirtualServices(namespace, base);
  if (ctx.kind === "server" || namespace) return list;
  const access = await listableNamespaces(ctx, REF, { namespaces: list.items.map((vs) => vs.namespace), base });
  return access.all ? list : { ...list, items: list.items.filter((vs) => access.namespaces.has(vs.namespace)) };
}
