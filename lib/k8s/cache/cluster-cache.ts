import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { getClientSet } from "../client-set";
import { KubeHttp } from "../identity/kube-http";
import { ApiDiscovery } from "./api-discovery";
import { DEFAULT_KINDS, type KindSpec } from "./kinds";
import { DEFAULT_REFLECTOR_OPTIONS, Reflector, type ReflectorOptions } from "./reflector";
import { SnapshotStore, type CacheListener, type CacheSnapshot, type KindStatus } from "./store";

export interface ClusterCacheOptions extends Partial<ReflectorOptions> {
  /** Kinds to reflect (default {@link DEFAULT_KINDS}). */
  kinds?: readonly KindSpec[];
  /** Listener notifications are coalesced over this window (default 50 ms). */
  coalesceMs?: number;
  /** Cache key (default: context name and server URL). */
  key?: string;
}

/** Key of the cluster a KubeConfig points at: its context and server. */
export function clusterKey(kubeConfig: KubeConfig): string {
  return `${kubeConfig.getCurrentContext()}@${kubeConfig.getCurrentCluster()?.server ?? "?"}`;
}

/** Whether every kind finished its first attempt (synced or degraded). */
export function isSettled(snapshot: CacheSnapshot): boolean {
  for (const kind of snapshot.kinds.values()) if (kind.status === "syncing") return false;
  return true;
}

/**
 * One shared LIST+WATCH cache of a cluster: a reflector per kind writing into
 * one copy-on-write store. Uses the dashboard's own credentials; filter
 * snapshots per user with `filterSnapshotForUser` before showing them.
 */
export class ClusterCache {
  readonly key: string;
  private readonly store: SnapshotStore;
  private readonly reflectors = new Map<string, Reflector>();
  private readonly settled = new Set<string>();
  private readonly stopController = new AbortController();
  private started = false;
  private stoppedFlag = false;
  private resolveReady!: (snapshot: CacheSnapshot) => void;
  private readonly readyPromise: Promise<CacheSnapshot>;

  constructor(kubeConfig: KubeConfig, options: ClusterCacheOptions = {}) {
    const kinds = options.kinds ?? DEFAULT_KINDS;
    this.key = options.key ?? clusterKey(kubeConfig);
    this.store = new SnapshotStore(this.key, kinds, options.coalesceMs ?? 50);
    this.readyPromise = new Promise((resolve) => {
      this.resolveReady = resolve;
    });
    const http = new KubeHttp(kubeConfig);
    const discovery = new ApiDiscovery(http, 10_000, this.stopController.signal);
    const reflectorOptions: ReflectorOptions = { ...DEFAULT_REFLECTOR_OPTIONS, ...options };
    for (const spec of kinds) {
      this.reflectors.set(spec.key, new Reflector(spec, http, discovery, this.store, reflectorOptions, (key) => this.onSettled(key)));
    }
  }

  private onSettled(key: string): void {
    this.settled.add(key);
    if (this.settled.size === this.reflectors.size) this.resolveReady(this.store.snapshot());
  }

  /** Starts all reflectors (idempotent). */
  start(): this {
    if (this.started || this.stoppedFlag) return this;
    this.started = true;
    for (const reflector of this.reflectors.values()) reflector.start();
    return this;
  }

  /** Stops all watches; the cache cannot be restarted. */
  async stop(): Promise<void> {
    this.stoppedFlag = true;
    this.stopController.abort();
    await Promise.all([...this.reflectors.values()].map((r) => r.stop()));
    this.store.dispose();
  }

  /** Resolves once every kind is synced or degraded (missing, forbidden, error). Starts the cache. */
  ready(): Promise<CacheSnapshot> {
    this.start();
    return this.readyPromise;
  }

  /** The current frozen snapshot of all kinds (O(1)). */
  snapshot(): CacheSnapshot {
    return this.store.snapshot();
  }

  /** Coalesced change notifications; returns the unsubscribe function. */
  subscribe(listener: CacheListener): () => void {
    return this.store.subscribe(listener);
  }

  /** Per-kind status, for readiness and diagnostics. */
  statuses(): Record<string, KindStatus> {
    const out: Record<string, KindStatus> = {};
    for (const [key, kind] of this.snapshot().kinds) out[key] = kind.status;
    return out;
  }

  /** Hooks for integration tests: they act on the real connections. */
  readonly testing = {
    /** Makes `kind` watch again from resourceVersion "1" (the server answers 410 → relist). */
    expireResourceVersion: (kind: string): void => this.reflector(kind).expireResourceVersion(),
    /** Destroys the watch connection(s) as a network failure would. */
    dropWatches: (kind?: string): void => {
      for (const [key, r] of this.reflectors) if (kind === undefined || key === kind) r.dropWatch();
    },
    /** Re-checks missing/forbidden kinds (and skips backoff waits) now. */
    wakeUp: (): void => {
      for (const r of this.reflectors.values()) r.wakeUp();
    },
    /** Delivers the pending coalesced notification now. */
    flush: (): void => this.store.flush(),
  };

  private reflector(kind: string): Reflector {
    const r = this.reflectors.get(kind);
    if (!r) throw new Error(`unknown kind ${kind}`);
    return r;
  }
}

const holder = globalThis as typeof globalThis & { __meshdeckClusterCaches?: Map<string, ClusterCache> };
const caches = (holder.__meshdeckClusterCaches ??= new Map());

/**
 * The process-wide cache of the cluster `kubeConfig` points at (default: the
 * dashboard's configuration), created and started on first use. Kept on
 * globalThis so Next dev reloads do not open a second set of watches.
 */
export function getClusterCache(kubeConfig: KubeConfig = getClientSet().kubeConfig): ClusterCache {
  const key = clusterKey(kubeConfig);
  let cache = caches.get(key);
  if (!cache) {
    cache = new ClusterCache(kubeConfig, { key });
    caches.set(key, cache);
  }
  return cache.start();
}

/** The shared cache if one was started already (does not create it). */
export function peekClusterCache(kubeConfig: KubeConfig = getClientSet().kubeConfig): ClusterCache | undefined {
  return caches.get(clusterKey(kubeConfig));
}

/** Stops and forgets all shared caches (tests, shutdown). */
export async function stopClusterCaches(): Promise<void> {
  const all = [...caches.values()];
  caches.clear();
  await Promise.all(all.map((c) => c.stop()));
}
