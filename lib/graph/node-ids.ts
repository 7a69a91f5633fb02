/**
 * Stable node ids: derived from identity only, never from an index or a
 * refresh, so a node keeps its id (and its position on screen) for as long as
 * it exists. Prefixes keep kinds apart: a workload and a service may share a
 * name.
 *
 *   wl:ns/workload     workload
 *   app:ns/app         app
 *   vapp:ns/app/ver    versioned app
 *   svc:ns/name        service or service entry
 *   gw:ns/workload     ingress gateway (any graph type)
 *   unknown            unknown source (outside the mesh, or no sidecar)
 *   unknown:dst        unknown destination (no route, never reached a service)
 */
export const UNKNOWN_SOURCE_ID = "unknown";
export const UNKNOWN_DESTINATION_ID = "unknown:dst";

export const workloadId = (ns: string, workload: string): string => `wl:${ns}/${workload}`;
export const appId = (ns: string, app: string): string => `app:${ns}/${app}`;
export const versionedAppId = (ns: string, app: string, version: string): string => `vapp:${ns}/${app}/${version}`;
export const serviceId = (ns: string, name: string): string => `svc:${ns}/${name}`;
export const gatewayId = (ns: string, workload: string): string => `gw:${ns}/${workload}`;
export const edgeId = (source: string, target: string): string => `${source}->${target}`;
