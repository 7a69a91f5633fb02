/** The resources the simulator watches, and how to find which version is served. */
import type { KindName } from "../model/parse";

export interface WatchedResource {
  readonly store: KindName;
  readonly kind: string;
  /** "" for the core group. */
  readonly group: string;
  /** Candidate versions, preferred first. */
  readonly versions: readonly string[];
  readonly plural: string;
  /** Skipped (not an error) when the API server does not serve it. */
  readonly optional: boolean;
}

const ISTIO = "networking.istio.io";
const ISTIO_VERSIONS = ["v1", "v1beta1", "v1alpha3"];
const GATEWAY_API = "gateway.networking.k8s.io";

export const WATCHED: readonly WatchedResource[] = [
  { store: "namespaces", kind: "Namespace", group: "", versions: ["v1"], plural: "namespaces", optional: false },
  { store: "services", kind: "Service", group: "", versions: ["v1"], plural: "services", optional: false },
  { store: "pods", kind: "Pod", group: "", versions: ["v1"], plural: "pods", optional: false },
  { store: "virtualServices", kind: "VirtualService", group: ISTIO, versions: ISTIO_VERSIONS, plural: "virtualservices", optional: true },
  { store: "destinationRules", kind: "DestinationRule", group: ISTIO, versions: ISTIO_VERSIONS, plural: "destinationrules", optional: true },
  { store: "gateways", kind: "Gateway", group: ISTIO, versions: ISTIO_VERSIONS, plural: "gateways", optional: true },
  { store: "serviceEntries", kind: "ServiceEntry", group: ISTIO, versions: ISTIO_VERSIONS, plural: "serviceentries", optional: true },
  { store: "httpRoutes", kind: "HTTPRoute", group: GATEWAY_API, versions: ["v1"], plural: "httproutes", optional: true },
  { store: "k8sGateways", kind: "Gateway", group: GATEWAY_API, versions: ["v1"], plural: "gateways", optional: true },
];

/** A watched resource at the version the API server serves. */
export interface ServedResource extends WatchedResource {
  readonly version: string;
  readonly apiVersion: string;
  /** Collection path across all namespaces, e.g. /apis/networking.istio.io/v1/virtualservices. */
  readonly path: string;
}

/** Picks the preferred served version of each resource; unserved optional ones are left out. */
export function resolveServed(
  served: ReadonlyMap<string, readonly string[]>,
  resources: readonly WatchedResource[] = WATCHED,
): { resources: ServedResource[]; missing: WatchedResource[] } {
  const out: ServedResource[] = [];
  const missing: WatchedResource[] = [];
  for (const r of resources) {
    const versions = r.group === "" ? ["v1"] : (served.get(r.group) ?? []);
    const version = r.versions.find((v) => versions.includes(v));
    if (!version) {
      missing.push(r);
      continue;
    }
    const apiVersion = r.group === "" ? version : `${r.group}/${version}`;
    const path = r.group === "" ? `/api/${version}/${r.plural}` : `/apis/${r.group}/${version}/${r.plural}`;
    out.push({ ...r, version, apiVersion, path });
  }
  return { resources: out, missing };
}
