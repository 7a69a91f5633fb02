import "server-only";
import { buildGraph } from "@/lib/graph/build-graph";
import type { PromSample } from "@/lib/graph/prom";
import { graphQueries } from "@/lib/graph/queries";
import type { Graph } from "@/lib/graph/types";
import type { GraphKey } from "@/lib/api/graph";
import { AppError } from "@/lib/errors/app-error";
import { getClusterCache } from "@/lib/k8s/cache/cluster-cache";
import type { CacheSnapshot } from "@/lib/k8s/cache/store";
import { getPrometheus } from "@/lib/metrics/client";
import type { InstantSample } from "@/lib/metrics/prometheus-response";
import { graphConfig, type DestinationRuleSpec, type GraphConfig } from "./graph-config";
import { computeMesh } from "./traffic-model";

/** How often a watched graph is recomputed (MESHDECK_GRAPH_REFRESH_MS, at least 1 s). */
export function graphRefreshMs(env: Record<string, string | undefined> = process.env): number {
  const raw = Number(env.MESHDECK_GRAPH_REFRESH_MS);
  return Number.isFinite(raw) && raw >= 1000 ? Math.floor(raw) : 10_000;
}

export interface GraphSnapshot {
  readonly graph: Graph;
  /** Epoch ms when it was computed. */
  readonly computedAt: number;
  /** Server time spent: Prometheus (both queries, in parallel) and the rest (config join, build). */
  readonly promMs: number;
  readonly buildMs: number;
}

interface Entry {
  readonly promise: Promise<GraphSnapshot>;
  /** Set once resolved. */
  computedAt: number | null;
}

const MAX_KEYS = 64;
const FIRST_SYNC_WAIT_MS = 10_000;

const holder = globalThis as typeof globalThis & {
  __meshdeckGraphSnapshots?: Map<string, Entry>;
  __meshdeckGraphStats?: { computations: number; shared: number; lastPromMs: number; lastBuildMs: number; promMsTotal: number; buildMsTotal: number };
  __meshdeckGraphConfigs?: Map<string, ConfigEntry>;
};
const entries = (holder.__meshdeckGraphSnapshots ??= new Map());
const stats = (holder.__meshdeckGraphStats ??= { computations: 0, shared: 0, lastPromMs: 0, lastBuildMs: 0, promMsTotal: 0, buildMsTotal: 0 });
const configs = (holder.__meshdeckGraphConfigs ??= new Map());

/** Snapshots computed and requests that shared one (tests and /api/metrics prove sharing). */
export function graphSnapshotStats(): Readonly<typeof stats> & { cached: number } {
  return { ...stats, cached: entries.size };
}

export function graphKeyString(key: GraphKey): string {
  return `${key.type}|${[...key.namespaces].sort().join(",")}|${key.window}|${key.idle ? 1 : 0}`;
}

function toPromSamples(samples: readonly InstantSample[]): PromSample[] {
  const out: PromSample[] = [];
  for (const s of samples) if (Number.isFinite(s.value)) out.push({ metric: s.metric, value: [s.time, String(s.value)] });
  return out;
}

function destinationRuleSpecs(snapshot: CacheSnapshot): DestinationRuleSpec[] {
  const out: DestinationRuleSpec[] = [];
  for (const objects of snapshot.kinds.get("destinationrules")?.objects.values() ?? []) {
    for (const o of objects.values()) out.push({ namespace: o.metadata.namespace ?? "", name: o.metadata.name, spec: o.spec });
  }
  return out;
}

interface ConfigEntry {
  readonly revision: string;
  readonly at: number;
  readonly config: GraphConfig;
}

/**
 * The config join for `namespaces`: once per mesh revision, and at most once
 * per refresh interval while the cache keeps changing (pods churning in a
 * large mesh), so badges lag the config by at most one interval.
 */
async function configFor(namespaces: readonly string[]): Promise<GraphConfig> {
  const cache = getClusterCache();
  await Promise.race([cache.ready(), new Promise((r) => setTimeout(r, FIRST_SYNC_WAIT_MS))]);
  const snapshot = cache.snapshot();
  const revision = `${snapshot.cluster}#${snapshot.revision}`;
  const nsKey = namespaces.join(",");
  const now = Date.now();
  const hit = configs.get(nsKey);
  if (hit && (hit.revision === revision || now - hit.at < graphRefreshMs())) return hit.config;
  const mesh = computeMesh(snapshot, "server");
  const config = graphConfig(mesh.model, destinationRuleSpecs(snapshot), namespaces);
  configs.delete(nsKey);
  configs.set(nsKey, { revision, at: now, config });
  while (configs.size > MAX_KEYS) {
    const oldest = configs.keys().next().value;
    if (oldest === undefined) break;
    configs.delete(oldest);
  }
  return config;
}

async function compute(key: GraphKey): Promise<GraphSnapshot> {
  const access = getPrometheus();
  if (access.state === "NotConfigured") throw new AppError({ code: "Unavailable", message: access.message });
  const queries = graphQueries({ namespaces: key.namespaces, window: key.window });
  const t0 = performance.now();
  const configPromise = configFor(key.namespaces);
  // Latency only adds p95: its failure leaves the edges without it, the request rates decide.
  const [requests, latency] = await Promise.all([access.client.instant(queries.requests), access.client.instant(queries.latency).catch(() => null)]);
  const promMs = performance.now() - t0;
  const config = await configPromise;
  const t1 = performance.now();
  const graph = buildGraph(
    { requests: toPromSamples(requests), ...(latency ? { latency: toPromSamples(latency) } : {}) },
    {
      type: key.type,
      namespaces: key.namespaces,
      includeIdleEdges: key.idle,
      includeIdleNodes: key.idle,
      inventory: key.idle ? config.inventory : [],
      badges: config.badges,
      gateways: config.gateways,
    },
  );
  const buildMs = performance.now() - t1;
  stats.computations += 1;
  stats.lastPromMs = promMs;
  stats.lastBuildMs = buildMs;
  stats.promMsTotal += promMs;
  stats.buildMsTotal += buildMs;
  return { graph, computedAt: Date.now(), promMs, buildMs };
}

/**
 * The graph of `key`, computed at most once per `maxAgeMs` (default: the
 * refresh interval) and shared by every caller: concurrent callers share the
 * computation in flight, later ones the result until it is older than
 * `maxAgeMs`. Failures are shared by who waited but not kept. Prometheus
 * down or not configured → AppError "Unavailable" (503).
 */
export function graphSnapshot(key: GraphKey, maxAgeMs: number = graphRefreshMs()): Promise<GraphSnapshot> {
  const id = graphKeyString(key);
  const now = Date.now();
  const hit = entries.get(id);
  if (hit && (hit.computedAt === null || now - hit.computedAt < maxAgeMs)) {
    stats.shared += 1;
    entries.delete(id);
    entries.set(id, hit);
    return hit.promise;
  }
  const entry: Entry = { promise: compute(key), computedAt: null };
  entries.set(id, entry);
  entry.promise.then(
    (s) => {
      entry.computedAt = s.computedAt;
    },
    () => {
      if (entries.get(id) === entry) entries.delete(id);
    },
  );
  while (entries.size > MAX_KEYS) {
    const oldest = entries.keys().next().value;
    if (oldest === undefined) break;
    entries.delete(oldest);
  }
  return entry.promise;
}
