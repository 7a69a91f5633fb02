/**
 * The service graph's data model: what the builder produces, what the diff
 * functions compare and what the renderer draws. Plain JSON-serialisable
 * objects (no Maps, no classes) so snapshots and diffs can cross a network,
 * a Web Worker boundary or a cache unchanged.
 */

/** Graph types, as Kiali names them. */
export const GRAPH_TYPES = ["workload", "app", "versionedApp", "service"] as const;
export type GraphType = (typeof GRAPH_TYPES)[number];

export const NODE_KINDS = [
  "workload",
  "app",
  "versionedApp",
  "service",
  "serviceEntry",
  "ingressGateway",
  "unknown",
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const HEALTH_STATES = ["healthy", "degraded", "failing", "idle", "na"] as const;
/** `na`: nothing to judge (the unknown node, nodes seen only as sources of idle edges). */
export type Health = (typeof HEALTH_STATES)[number];

export const BADGE_KINDS = [
  "trafficSplit",
  "headerRoute",
  "fault",
  "mirror",
  "timeout",
  "circuitBreaker",
  "missingSidecar",
  "rollout",
] as const;
export type BadgeKind = (typeof BADGE_KINDS)[number];

export interface Badge {
  readonly kind: BadgeKind;
  /** Short human text for tooltips / the side panel, e.g. "v1 90 % · v2 10 %". */
  readonly detail?: string;
}

/** Requests per second by response code ("200", "503", …; gRPC statuses as "grpc:14"). */
export type CodeBreakdown = Readonly<Record<string, number>>;

export interface GraphNode {
  /** Stable across refreshes: derived from identity only (see node-ids.ts). */
  readonly id: string;
  readonly kind: NodeKind;
  /** Display name: workload, app or service name; "unknown" for the unknown node. */
  readonly name: string;
  readonly namespace: string;
  readonly app?: string;
  readonly version?: string;
  /** Workloads this node stands for (app graphs roll several up). Sorted. */
  readonly workloads?: readonly string[];
  /** Known labels (app, version from canonical service/revision). */
  readonly labels?: Readonly<Record<string, string>>;
  /** Set when the node is not in one of the requested namespaces. */
  readonly outside?: true;
  /** Versioned-app graphs: the app box this node belongs to ("app:ns/name"). */
  readonly group?: string;
  /** Requests per second in and out (idle nodes: 0). */
  readonly rpsIn: number;
  readonly rpsOut: number;
  /** 5xx + gRPC error share of inbound requests, % (outbound for roots). */
  readonly errorPct: number;
  readonly health: Health;
  readonly badges?: readonly Badge[];
  /** Added from the inventory (no traffic in the window). */
  readonly idle?: true;
}

export interface GraphEdge {
  /** `${source}->${target}`: stable as long as both ends are. */
  readonly id: string;
  readonly source: string;
  readonly target: string;
  /** Protocols seen on this edge, sorted ("http", "grpc", "tcp"). */
  readonly protocols: readonly string[];
  readonly rps: number;
  /** 5xx + gRPC error share, %. */
  readonly errorPct: number;
  /** 4xx share, %. */
  readonly clientErrorPct: number;
  /** Share of the source node's outgoing requests, %. */
  readonly sharePct: number;
  /** p95 latency, ms (absent when unknown). Upper bound when several series roll up. */
  readonly p95Ms?: number;
  readonly codes: CodeBreakdown;
  /** Requests per second by Envoy response flag ("NR", "UH", …), "-" omitted. */
  readonly flags?: Readonly<Record<string, number>>;
  readonly health: Health;
}

export interface Graph {
  readonly type: GraphType;
  /** Prometheus evaluation time of the data, epoch seconds (0 when unknown). */
  readonly timestamp: number;
  /** Sorted by id. */
  readonly nodes: readonly GraphNode[];
  /** Sorted by id. */
  readonly edges: readonly GraphEdge[];
}
