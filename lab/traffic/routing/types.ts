/** Runtime types shared by the routing table and the simulator. */
import type { RetryPolicy } from "@/lib/istio/semantics/retry";
import type { TrafficPolicyLike } from "@/lib/istio/semantics/traffic-policy";
import type { Labels, PodInfo } from "../model/objects";
import type { Behaviour } from "../workload/behaviour";
import type { WorkloadIdentity } from "../workload/identity";

/** A Running+Ready pod (or a ServiceEntry address) that can send or receive requests. */
export interface Endpoint {
  /** Dense id, unique within one routing table. */
  readonly id: number;
  /** The pod, or null for a ServiceEntry address outside the cluster. */
  readonly pod: PodInfo | null;
  readonly name: string;
  readonly namespace: string;
  readonly labels: Labels;
  /** Telemetry identity; null when unknown (addresses outside the mesh). */
  readonly identity: WorkloadIdentity | null;
  /** Stable across routing tables: equal keys ⇔ equal telemetry labels (metrics caches use it). */
  readonly telemetryKey: string;
  /** Has an Envoy: an injected sidecar or a gateway. */
  readonly proxy: boolean;
  /** A gateway proxy: its requests are routed through Gateway servers, not the mesh. */
  readonly gateway: boolean;
  readonly behaviour: Behaviour;
}

/** The destination_service* telemetry labels. */
export interface ServiceRef {
  readonly fqdn: string;
  readonly name: string;
  readonly namespace: string;
}

/** Cache key of a ServiceRef's labels (stable across routing tables). */
export function serviceKey(s: ServiceRef): string {
  return `${s.fqdn}|${s.name}|${s.namespace}`;
}

/** An Envoy cluster: one service port (and subset) with its ready endpoints. */
export interface Cluster {
  /** outbound|<port>|<subset>|<host>, as Istio names clusters. */
  readonly key: string;
  readonly service: ServiceRef;
  readonly subset: string;
  readonly port: number;
  readonly endpoints: readonly Endpoint[];
  /** The DestinationRule's traffic policy for this cluster (host level, overridden by the subset's); {} when none. */
  readonly policy: TrafficPolicyLike;
  /** Round-robin cursor (the only mutable field). */
  next: number;
}

export type Headers = Readonly<Record<string, string>>;

export interface RouteRequest {
  readonly source: Endpoint;
  /** Lower-case host without port. For mesh requests: the FQDN the caller's DNS resolved. */
  readonly host: string;
  readonly port: number;
  /** Path, optionally with a query string. */
  readonly path: string;
  readonly method: string;
  /** Lower-case header names. Cookies are the `cookie` header. */
  readonly headers: Headers;
}

export interface MirrorTarget {
  readonly cluster: Cluster;
  readonly endpoint: Endpoint;
}

export interface RouteResult {
  /** 0 when the request was forwarded to `endpoint`, else the local reply's status. */
  readonly code: number;
  /** Envoy response flags, comma-joined ("DI,FI"); "-" when none. */
  readonly flags: string;
  /** The service the route chose (known even when no endpoint answered), null for NR. */
  readonly service: ServiceRef | null;
  readonly cluster: Cluster | null;
  readonly endpoint: Endpoint | null;
  /** Injected fault delay in ms (0 when none). */
  readonly delayMs: number;
  /** Route timeout in ms (0 = none). */
  readonly timeoutMs: number;
  /** The caller's proxy retries failed attempts by this policy (retries 0: none). */
  readonly retry: RetryPolicy;
  readonly mirrors: readonly MirrorTarget[];
}

export const NO_MIRRORS: readonly MirrorTarget[] = [];
