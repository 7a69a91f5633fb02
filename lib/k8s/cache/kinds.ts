import "server-only";
import { ISTIO_NETWORKING_GROUP, ISTIO_NETWORKING_VERSIONS } from "../discovery";

/** One resource kind the cache reflects. */
export interface KindSpec {
  /** Unique key in snapshots ("virtualservices", "istiogateways", …). */
  readonly key: string;
  /** API group; "" for the core group. */
  readonly group: string;
  /** Acceptable versions, most preferred first; the first one the cluster serves is used. */
  readonly versions: readonly string[];
  /** Plural resource name. */
  readonly resource: string;
  readonly namespaced: boolean;
}

export const GATEWAY_API_GROUP = "gateway.networking.k8s.io";
export const ARGO_GROUP = "argoproj.io";

const istio = <K extends string>(key: K, resource: string) => ({
  key,
  group: ISTIO_NETWORKING_GROUP,
  versions: ISTIO_NETWORKING_VERSIONS,
  resource,
  namespaced: true as const,
});

/** The kinds the dashboard reflects, in display order. */
export const DEFAULT_KINDS = [
  { key: "namespaces", group: "", versions: ["v1"], resource: "namespaces", namespaced: false },
  { key: "services", group: "", versions: ["v1"], resource: "services", namespaced: true },
  { key: "deployments", group: "apps", versions: ["v1"], resource: "deployments", namespaced: true },
  { key: "replicasets", group: "apps", versions: ["v1"], resource: "replicasets", namespaced: true },
  { key: "pods", group: "", versions: ["v1"], resource: "pods", namespaced: true },
  istio("virtualservices", "virtualservices"),
  istio("destinationrules", "destinationrules"),
  istio("istiogateways", "gateways"),
  istio("serviceentries", "serviceentries"),
  { key: "httproutes", group: GATEWAY_API_GROUP, versions: ["v1"], resource: "httproutes", namespaced: true },
  { key: "gateways", group: GATEWAY_API_GROUP, versions: ["v1"], resource: "gateways", namespaced: true },
  { key: "rollouts", group: ARGO_GROUP, versions: ["v1alpha1"], resource: "rollouts", namespaced: true },
  { key: "analysisruns", group: ARGO_GROUP, versions: ["v1alpha1"], resource: "analysisruns", namespaced: true },
  { key: "experiments", group: ARGO_GROUP, versions: ["v1alpha1"], resource: "experiments", namespaced: true },
] as const satisfies readonly KindSpec[];

export type DefaultKindKey = (typeof DEFAULT_KINDS)[number]["key"];

/** "virtualservices.networking.istio.io", or "pods" for the core group. */
export function qualifiedResource(spec: Pick<KindSpec, "group" | "resource">): string {
  return spec.group ? `${spec.resource}.${spec.group}` : spec.resource;
}

/** Collection path across all namespaces for `version`. */
export function collectionPath(spec: Pick<KindSpec, "group" | "resource">, version: string): string {
  return spec.group ? `/apis/${spec.group}/${version}/${spec.resource}` : `/api/${version}/${spec.resource}`;
}
