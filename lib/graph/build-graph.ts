/**
 * The graph builder: Prometheus results of the graph queries (queries.ts) →
 * a Graph of nodes and edges with rates, error shares, traffic shares, p95
 * latency, response codes, health and config badges. Pure and synchronous.
 */
import { applyBadges, type BadgeTarget } from "./badges";
import { dedupeReporters } from "./dedupe";
import {
  destinationService,
  destinationWorkload,
  sourceEndpoint,
  UNKNOWN_DESTINATION,
  type Endpoint,
  type EndpointRules,
} from "./endpoints";
import { KIALI_TOLERANCES, isGrpcError, requestHealth, type HealthTolerances } from "./health";
import { inventoryEndpoints, type InventoryItem } from "./inventory";
import { edgeId } from "./node-ids";
import { samplesOf, vectorTimestamp, type PromVectorInput } from "./prom";
import { roundMs, roundPct, roundRps } from "./round";
import { latencyRows, requestRows, type DestinationIdentity, type LatencyRow, type RequestRow, type SourceIdentity } from "./rows";
import type { Graph, GraphEdge, GraphNode, GraphType, Health } from "./types";

export interface BuildGraphInput {
  /** Result of requestsQuery(). */
  readonly requests: PromVectorInput;
  /** Result of latencyQuery(); edges have no p95 without it. */
  readonly latency?: PromVectorInput;
}

export interface BuildGraphOptions {
  readonly type: GraphType;
  /** The namespaces asked for; nodes elsewhere are marked `outside`. */
  readonly namespaces?: readonly string[];
  /** Put service nodes between callers and workloads (Kiali's default: true). Service graphs always have them. */
  readonly injectServiceNodes?: boolean;
  /** Keep edges with no requests in the window (default false). */
  readonly includeIdleEdges?: boolean;
  /** Keep nodes with no requests in the window, from the traffic data and `inventory` (default false). */
  readonly includeIdleNodes?: boolean;
  /** Workloads and services that exist: shown as idle nodes when `includeIdleNodes`. */
  readonly inventory?: readonly InventoryItem[];
  readonly badges?: readonly BadgeTarget[];
  /** Gateway workloads whose names do not say "ingressgateway". */
  readonly gateways?: readonly { readonly namespace: string; readonly workload: string }[];
  /** ServiceEntry hosts whose names have no dots. */
  readonly serviceEntryHosts?: readonly string[];
  readonly tolerances?: HealthTolerances;
}

interface EdgeAcc {
  readonly source: string;
  readonly target: string;
  rps: number;
  serverErr: number;
  clientErr: number;
  p95: number | null;
  readonly codes: Map<string, number>;
  readonly flags: Map<string, number>;
  readonly protocols: Set<string>;
}

interface NodeAcc {
  readonly endpoint: Endpoint;
  readonly workloads: Set<string>;
  idle: boolean;
}

class Accumulator {
  readonly nodes = new Map<string, NodeAcc>();
  readonly edges = new Map<string, EdgeAcc>();

  node(e: Endpoint, idle = false): void {
    let n = this.nodes.get(e.id);
    if (!n) {
      n = { endpoint: e, workloads: new Set(), idle };
      this.nodes.set(e.id, n);
    } else if (!idle) n.idle = false;
    if (e.workload !== undefined) n.workloads.add(e.workload);
  }

  edge(src: Endpoint, dst: Endpoint): EdgeAcc {
    this.node(src);
    this.node(dst);
    const id = edgeId(src.id, dst.id);
    let e = this.edges.get(id);
    if (!e) {
      e = { source: src.id, target: dst.id, rps: 0, serverErr: 0, clientErr: 0, p95: null, codes: new Map(), flags: new Map(), protocols: new Set() };
      this.edges.set(id, e);
    }
    return e;
  }
}

function knownNamespaces(opts: BuildGraphOptions, rows: readonly RequestRow[]): Set<string> {
  const out = new Set(opts.namespaces ?? []);
  for (const r of rows) {
    out.add(r.source.namespace);
    out.add(r.dest.serviceNamespace);
    out.add(r.dest.workloadNamespace);
  }
  out.delete("unknown");
  return out;
}

function rulesFor(opts: BuildGraphOptions, rows: readonly RequestRow[]): EndpointRules {
  const base: EndpointRules = {
    type: opts.type,
    gateways: new Set((opts.gateways ?? []).map((g) => `${g.namespace}/${g.workload}`)),
    serviceEntryHosts: new Set(opts.serviceEntryHosts ?? []),
    servedBy: new Map(),
    knownNamespaces: knownNamespaces(opts, rows),
  };
  if (opts.type !== "service") return base;
  // Service graph: a workload stands for the service that sends it the most traffic.
  const served = new Map<string, Map<string, { e: Endpoint; rps: number }>>();
  for (const r of rows) {
    const svc = destinationService(base, r.dest);
    if (!svc || r.dest.workload === "unknown") continue;
    const key = `${r.dest.workloadNamespace}/${r.dest.workload}`;
    let m = served.get(key);
    if (!m) served.set(key, (m = new Map()));
    const cur = m.get(svc.id);
    if (cur) cur.rps += r.rps;
    else m.set(svc.id, { e: svc, rps: r.rps });
  }
  const servedBy = new Map<string, Endpoint>();
  for (const [wl, m] of served) {
    let best: { e: Endpoint; rps: number } | undefined;
    for (const c of m.values()) if (!best || c.rps > best.rps || (c.rps === best.rps && c.e.id < best.e.id)) best = c;
    if (best) servedBy.set(wl, best.e);
  }
  return { ...base, servedBy };
}

/** The node hops one request row (or latency row) contributes to: 1 or 2 edges. */
function hops(rules: EndpointRules, appRules: EndpointRules, inject: boolean, source: SourceIdentity, dest: DestinationIdentity): [Endpoint, Endpoint][] {
  const src = sourceEndpoint(rules, source);
  const svc = destinationService(rules, dest);
  if (rules.type === "service") {
    if (svc) return [[src, svc]];
    return [[src, destinationWorkload(appRules, dest) ?? UNKNOWN_DESTINATION]];
  }
  const wl = destinationWorkload(rules, dest);
  if (wl && svc && inject) return [[src, svc], [svc, wl]];
  return [[src, wl ?? svc ?? UNKNOWN_DESTINATION]];
}

function identityKey(s: SourceIdentity, d: DestinationIdentity): string {
  return `${s.namespace}\u0000${s.workload}\u0000${s.app}\u0000${s.version}\u0000${d.serviceNamespace}\u0000${d.serviceName}\u0000${d.workloadNamespace}\u0000${d.workload}\u0000${d.app}\u0000${d.version}`;
}

/** Endpoint resolution memoised per identity pair: many rows (codes, flags, protocols) share one. */
class HopCache {
  private readonly cache = new Map<string, [Endpoint, Endpoint][]>();
  private readonly appRules: EndpointRules;
  constructor(
    private readonly rules: EndpointRules,
    private readonly inject: boolean,
  ) {
    this.appRules = { ...rules, type: "app" };
  }

  get(s: SourceIdentity, d: DestinationIdentity): [Endpoint, Endpoint][] {
    const key = identityKey(s, d);
    let h = this.cache.get(key);
    if (!h) {
      h = hops(this.rules, this.appRules, this.inject, s, d);
      this.cache.set(key, h);
    }
    return h;
  }
}

function codeKey(r: RequestRow): string {
  return r.protocol === "grpc" && r.grpcStatus !== "" ? `grpc:${r.grpcStatus}` : r.code;
}

function addRequest(e: EdgeAcc, r: RequestRow): void {
  e.rps += r.rps;
  e.protocols.add(r.protocol);
  const key = codeKey(r);
  e.codes.set(key, (e.codes.get(key) ?? 0) + r.rps);
  if (r.flags !== "-" && r.flags !== "" && r.flags !== "unknown") e.flags.set(r.flags, (e.flags.get(r.flags) ?? 0) + r.rps);
  if (r.code.startsWith("5") || (r.protocol === "grpc" && isGrpcError(r.grpcStatus))) e.serverErr += r.rps;
  else if (r.code.startsWith("4")) e.clientErr += r.rps;
}

function addLatency(acc: Accumulator, cache: HopCache, r: LatencyRow): void {
  for (const [a, b] of cache.get(r.source, r.dest)) {
    const e = acc.edges.get(edgeId(a.id, b.id));
    // The max of the parts' quantiles bounds the quantile of their mixture from above.
    if (e && (e.p95 === null || r.ms > e.p95)) e.p95 = r.ms;
  }
}

function record(m: ReadonlyMap<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of [...m.keys()].sort()) {
    const v = roundRps(m.get(k) ?? 0);
    if (v > 0) out[k] = v;
  }
  return out;
}

const pct = (part: number, whole: number): number => (whole > 0 ? (part / whole) * 100 : 0);
const byId = <T extends { readonly id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

export function buildGraph(input: BuildGraphInput, opts: BuildGraphOptions): Graph {
  const tolerances = opts.tolerances ?? KIALI_TOLERANCES;
  const inject = opts.type === "service" || (opts.injectServiceNodes ?? true);
  const requestSamples = samplesOf(input.requests);
  const rows = dedupeReporters(requestRows(requestSamples));
  const rules = rulesFor(opts, rows);
  const acc = new Accumulator();

  const cache = new HopCache(rules, inject);
  for (const r of rows) for (const [a, b] of cache.get(r.source, r.dest)) addRequest(acc.edge(a, b), r);
  if (input.latency) for (const r of dedupeReporters(latencyRows(samplesOf(input.latency)))) addLatency(acc, cache, r);
  for (const e of inventoryEndpoints(rules, opts.inventory ?? [], inject)) acc.node(e, true);

  const includeIdleEdges = opts.includeIdleEdges ?? false;
  const includeIdleNodes = opts.includeIdleNodes ?? false;
  const edges = [...acc.edges.entries()].filter(([, e]) => includeIdleEdges || e.rps > 0);
  const touched = new Set<string>();
  for (const [, e] of edges) {
    touched.add(e.source);
    touched.add(e.target);
  }

  const outSum = new Map<string, number>();
  const inSum = new Map<string, { rps: number; server: number; client: number }>();
  const outErr = new Map<string, { server: number; client: number }>();
  for (const [, e] of edges) {
    outSum.set(e.source, (outSum.get(e.source) ?? 0) + e.rps);
    const i = inSum.get(e.target) ?? { rps: 0, server: 0, client: 0 };
    inSum.set(e.target, { rps: i.rps + e.rps, server: i.server + e.serverErr, client: i.client + e.clientErr });
    const o = outErr.get(e.source) ?? { server: 0, client: 0 };
    outErr.set(e.source, { server: o.server + e.serverErr, client: o.client + e.clientErr });
  }

  const graphEdges: GraphEdge[] = edges.map(([id, e]) => {
    const errorPct = pct(e.serverErr, e.rps);
    const clientErrorPct = pct(e.clientErr, e.rps);
    const flags = record(e.flags);
    return {
      id,
      source: e.source,
      target: e.target,
      protocols: [...e.protocols].sort(),
      rps: roundRps(e.rps),
      errorPct: roundPct(errorPct),
      clientErrorPct: roundPct(clientErrorPct),
      sharePct: roundPct(pct(e.rps, outSum.get(e.source) ?? 0)),
      ...(e.p95 !== null ? { p95Ms: roundMs(e.p95) } : {}),
      codes: record(e.codes),
      ...(Object.keys(flags).length > 0 ? { flags } : {}),
      health: requestHealth(e.rps, errorPct, clientErrorPct, tolerances),
    };
  });

  const namespaces = new Set(opts.namespaces ?? []);
  const graphNodes: GraphNode[] = [];
  for (const [id, n] of acc.nodes) {
    if (!touched.has(id) && !includeIdleNodes) continue;
    const ep = n.endpoint;
    const rpsIn = inSum.get(id)?.rps ?? 0;
    const rpsOut = outSum.get(id) ?? 0;
    const inbound = inSum.get(id);
    const judged = inbound && inbound.rps > 0 ? inbound : { rps: rpsOut, ...(outErr.get(id) ?? { server: 0, client: 0 }) };
    const errorPct = pct(judged.server, judged.rps);
    let health: Health = requestHealth(judged.rps, errorPct, pct(judged.client, judged.rps), tolerances);
    if (ep.kind === "unknown") health = "na";
    const labels: Record<string, string> = {};
    if (ep.app !== undefined) labels.app = ep.app;
    if (ep.version !== undefined) labels.version = ep.version;
    const rolledUp = ep.kind === "app" || ep.kind === "versionedApp";
    graphNodes.push({
      id,
      kind: ep.kind,
      name: ep.name,
      namespace: ep.namespace,
      ...(ep.app !== undefined ? { app: ep.app } : {}),
      ...(ep.version !== undefined ? { version: ep.version } : {}),
      ...(rolledUp && n.workloads.size > 0 ? { workloads: [...n.workloads].sort() } : {}),
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      ...(namespaces.size > 0 && ep.kind !== "unknown" && !namespaces.has(ep.namespace) ? { outside: true as const } : {}),
      ...(ep.group !== undefined ? { group: ep.group } : {}),
      rpsIn: roundRps(rpsIn),
      rpsOut: roundRps(rpsOut),
      errorPct: roundPct(errorPct),
      health,
      ...(!touched.has(id) || (rpsIn === 0 && rpsOut === 0) ? { idle: true as const } : {}),
    });
  }

  const nodes = applyBadges(graphNodes, opts.badges ?? [], rules, inject).sort(byId);
  return {
    type: opts.type,
    timestamp: vectorTimestamp(requestSamples),
    nodes,
    edges: graphEdges.sort(byId),
  };
}

