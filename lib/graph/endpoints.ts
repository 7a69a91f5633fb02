/**
 * Which graph node a request's source and destination become, per graph type
 * (Kiali's rules):
 *   - unknown source workload → the unknown source node;
 *   - gateways (by name, or listed by the caller) → an ingress-gateway node;
 *   - workload graph → workload nodes; app graph → app (canonical service)
 *     nodes; versioned-app graph → app + version nodes; service graph →
 *     service nodes, a source workload standing for the service it serves;
 *   - a destination without a known workload → its service node (a service
 *     entry when the name is a host: Kubernetes service names have no dots);
 *     neither known → the unknown destination node.
 */
import {
  UNKNOWN_DESTINATION_ID,
  UNKNOWN_SOURCE_ID,
  appId,
  gatewayId,
  serviceId,
  versionedAppId,
  workloadId,
} from "./node-ids";
import { UNKNOWN, type DestinationIdentity, type SourceIdentity } from "./rows";
import type { GraphType, NodeKind } from "./types";

export interface Endpoint {
  readonly id: string;
  readonly kind: NodeKind;
  readonly name: string;
  readonly namespace: string;
  readonly app?: string;
  readonly version?: string;
  readonly workload?: string;
  readonly group?: string;
}

export interface EndpointRules {
  readonly type: GraphType;
  /** "ns/workload" of gateways, besides those whose name says so. */
  readonly gateways: ReadonlySet<string>;
  /** Hosts (destination_service_name values) that are ServiceEntries. */
  readonly serviceEntryHosts: ReadonlySet<string>;
  /** Service graph: "ns/workload" → the service node id it stands for. */
  readonly servedBy: ReadonlyMap<string, Endpoint>;
  /** Namespaces seen in the data or asked for: "name.ns" hosts in them are services, not service entries. */
  readonly knownNamespaces: ReadonlySet<string>;
}

const GATEWAY_NAME = /ingress-?gateway/i;

export const UNKNOWN_SOURCE: Endpoint = { id: UNKNOWN_SOURCE_ID, kind: "unknown", name: UNKNOWN, namespace: UNKNOWN };
export const UNKNOWN_DESTINATION: Endpoint = { id: UNKNOWN_DESTINATION_ID, kind: "unknown", name: UNKNOWN, namespace: UNKNOWN };

const known = (v: string): boolean => v !== UNKNOWN && v !== "";

export function isGateway(rules: EndpointRules, ns: string, workload: string): boolean {
  return GATEWAY_NAME.test(workload) || rules.gateways.has(`${ns}/${workload}`);
}

/** The node for a workload identity (either end), per graph type; the service graph is handled by the callers. */
function workloadEndpoint(rules: EndpointRules, ns: string, workload: string, app: string, version: string, type = rules.type): Endpoint {
  const appKnown = known(app);
  const versionKnown = known(version);
  if (isGateway(rules, ns, workload)) {
    return { id: gatewayId(ns, workload), kind: "ingressGateway", name: workload, namespace: ns, workload, ...(appKnown ? { app } : {}) };
  }
  const base = { namespace: ns, workload, ...(appKnown ? { app } : {}), ...(versionKnown ? { version } : {}) };
  if (type === "workload" || !appKnown) return { id: workloadId(ns, workload), kind: "workload", name: workload, ...base };
  if (type === "versionedApp" && versionKnown) {
    return { id: versionedAppId(ns, app, version), kind: "versionedApp", name: app, group: appId(ns, app), ...base };
  }
  const { version: _v, ...noVersion } = base;
  return { id: appId(ns, app), kind: "app", name: app, ...noVersion };
}

export function serviceEndpoint(rules: EndpointRules, ns: string, name: string): Endpoint {
  const entry = name.includes(".") || rules.serviceEntryHosts.has(name);
  return { id: serviceId(ns, name), kind: entry ? "serviceEntry" : "service", name, namespace: ns };
}

export function sourceEndpoint(rules: EndpointRules, s: SourceIdentity): Endpoint {
  if (!known(s.workload) || !known(s.namespace)) return UNKNOWN_SOURCE;
  if (rules.type === "service" && !isGateway(rules, s.namespace, s.workload)) {
    const served = rules.servedBy.get(`${s.namespace}/${s.workload}`);
    if (served) return served;
    // A root workload serving no service stays an app node, as in Kiali.
    return workloadEndpoint(rules, s.namespace, s.workload, s.app, s.version, "app");
  }
  return workloadEndpoint(rules, s.namespace, s.workload, s.app, s.version);
}

const SERVICE_HOST = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?)\.([a-z0-9]([-a-z0-9]*[a-z0-9])?)(\.svc(\.cluster\.local)?)?$/;

/**
 * The destination's service node, or null when the service is unknown. When
 * no cluster was found (NC) Istio reports the requested host with an unknown
 * namespace: "reviews.bookinfo" then still means the reviews service.
 */
export function destinationService(rules: EndpointRules, d: DestinationIdentity): Endpoint | null {
  if (!known(d.serviceName)) return null;
  if (!known(d.serviceNamespace)) {
    const m = SERVICE_HOST.exec(d.serviceName);
    if (m?.[1] && m[3] && rules.knownNamespaces.has(m[3])) return serviceEndpoint(rules, m[3], m[1]);
    return serviceEndpoint(rules, UNKNOWN, d.serviceName);
  }
  return serviceEndpoint(rules, d.serviceNamespace, d.serviceName);
}

/** The destination's workload-side node, or null when no workload answered. */
export function destinationWorkload(rules: EndpointRules, d: DestinationIdentity): Endpoint | null {
  if (!known(d.workload) || !known(d.workloadNamespace)) return null;
  return workloadEndpoint(rules, d.workloadNamespace, d.workload, d.app, d.version);
}
