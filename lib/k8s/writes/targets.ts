import "server-only";
import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { destinationRule, gatewayApiHttpRoute, virtualService, type DestinationRuleWire, type GatewayApiHttpRouteWire, type VirtualServiceWire } from "@/lib/istio/wire";
import { getClientSet, withTimeout } from "../client-set";
import { getIstioNetworkingVersion, ISTIO_NETWORKING_GROUP, servedVersions } from "../discovery";
import { toAppError } from "../map-error";

/** One object an action reads and patches. */
export interface WriteTarget<T> {
  kind: "VirtualService" | "HTTPRoute" | "DestinationRule";
  group: string;
  plural: string;
  /** Qualified resource for messages and errors: "virtualservices.networking.istio.io". */
  resource: string;
  namespace: string;
  name: string;
  /** The served API version to use (discovered with the server's credentials, cached). */
  version(): Promise<string>;
  /** Wire schema of the object (loose: unknown fields pass through untouched). */
  schema: z.ZodType<T>;
}

export const GATEWAY_API_GROUP = "gateway.networking.k8s.io";
const GATEWAY_API_VERSIONS = ["v1", "v1beta1"] as const;

let gatewayVersion: string | null = null;
const inFlight = new Map<string, Promise<string>>();

/** Concurrent callers share one discovery request (a cold burst of actions would each send one). */
function shared(key: string, discover: () => Promise<string>): Promise<string> {
  let pending = inFlight.get(key);
  if (!pending) {
    pending = discover().finally(() => inFlight.delete(key));
    inFlight.set(key, pending);
  }
  return pending;
}

async function getGatewayApiVersion(): Promise<string> {
  if (gatewayVersion) return gatewayVersion;
  let served: string[];
  try {
    served = servedVersions(await getClientSet().apis.getAPIVersions({}, withTimeout()), GATEWAY_API_GROUP);
  } catch (error) {
    throw toAppError(error, { verb: "get", resource: "apis (discovery)" });
  }
  const version = GATEWAY_API_VERSIONS.find((v) => served.includes(v));
  if (!version) {
    throw new AppError({ code: "CrdMissing", message: `The cluster does not serve ${GATEWAY_API_GROUP} (v1 or v1beta1): Gateway API CRDs are not installed`, resource: `httproutes.${GATEWAY_API_GROUP}` });
  }
  gatewayVersion = version;
  return version;
}

export function virtualServiceTarget(namespace: string, name: string): WriteTarget<VirtualServiceWire> {
  const resource = `virtualservices.${ISTIO_NETWORKING_GROUP}`;
  return {
    kind: "VirtualService",
    group: ISTIO_NETWORKING_GROUP,
    plural: "virtualservices",
    resource,
    namespace,
    name,
    // discovery.ts caches the answer; this only shares the request while it is in flight.
    version: () => shared("istio", () => getIstioNetworkingVersion({ resource })),
    schema: virtualService,
  };
}

export function destinationRuleTarget(namespace: string, name: string): WriteTarget<DestinationRuleWire> {
  const resource = `destinationrules.${ISTIO_NETWORKING_GROUP}`;
  return {
    kind: "DestinationRule",
    group: ISTIO_NETWORKING_GROUP,
    plural: "destinationrules",
    resource,
    namespace,
    name,
    version: () => shared("istio", () => getIstioNetworkingVersion({ resource })),
    schema: destinationRule,
  };
}

export function httpRouteTarget(namespace: string, name: string): WriteTarget<GatewayApiHttpRouteWire> {
  return {
    kind: "HTTPRoute",
    group: GATEWAY_API_GROUP,
    plural: "httproutes",
    resource: `httproutes.${GATEWAY_API_GROUP}`,
    namespace,
    name,
    version: () => shared("gateway", getGatewayApiVersion),
    schema: gatewayApiHttpRoute,
  };
}

export function targetLabel(target: Pick<WriteTarget<unknown>, "kind" | "namespace" | "name">): string {
  return `${target.kind} ${target.namespace}/${target.name}`;
}

export async function collectionPath(target: WriteTarget<unknown>): Promise<string> {
  const version = await target.version();
  return `/apis/${target.group}/${version}/namespaces/${encodeURIComponent(target.namespace)}/${target.plural}`;
}

export async function objectPath(target: WriteTarget<unknown>): Promise<string> {
  return `${await collectionPath(target)}/${encodeURIComponent(target.name)}`;
}
