/**
 * In-memory store of the watched cluster objects, keyed per kind by
 * namespace/name. Fed by the watchers (kube/) or, in tests and benchmarks,
 * straight from manifests. Listeners are told after every change; the
 * snapshot is rebuilt lazily and cached until the next change.
 */
import type { ClusterSnapshot } from "./objects";
import { KIND_NAMES, KIND_PARSERS, objectKey, type KindName } from "./parse";

type Item<K extends KindName> = ClusterSnapshot[K][number];
type KindMaps = { [K in KindName]: Map<string, Item<K>> };

export type StoreListener = (kind: KindName) => void;
export type WarningSink = (message: string) => void;

export class ClusterStore {
  private readonly maps: KindMaps;
  private readonly listeners = new Set<StoreListener>();
  private cached: ClusterSnapshot | null = null;
  private changes = 0;

  constructor(private readonly warn: WarningSink = () => {}) {
    this.maps = Object.fromEntries(KIND_NAMES.map((k) => [k, new Map()])) as unknown as KindMaps;
  }

  /** Number of changes applied since creation (a cheap version number). */
  get version(): number {
    return this.changes;
  }

  onChange(listener: StoreListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** ADDED / MODIFIED: insert or replace. Invalid objects are dropped with a warning. */
  upsert(kind: KindName, raw: unknown): void {
    this.put(kind, raw);
    this.changed(kind);
  }

  delete(kind: KindName, raw: unknown): void {
    const key = objectKey(raw);
    if (key !== null && this.maps[kind].delete(key)) this.changed(kind);
  }

  /** Replace every object of a kind (initial list and relist after 410 Gone). */
  replaceAll(kind: KindName, raws: readonly unknown[]): void {
    this.maps[kind].clear();
    for (const raw of raws) this.put(kind, raw);
    this.changed(kind);
  }

  counts(): Record<KindName, number> {
    return Object.fromEntries(KIND_NAMES.map((k) => [k, this.maps[k].size])) as Record<KindName, number>;
  }

  snapshot(): ClusterSnapshot {
    if (this.cached) return this.cached;
    const m = this.maps;
    this.cached = {
      namespaces: [...m.namespaces.values()],
      services: [...m.services.values()],
      pods: [...m.pods.values()],
      virtualServices: [...m.virtualServices.values()],
      destinationRules: [...m.destinationRules.values()],
      gateways: [...m.gateways.values()],
      serviceEntries: [...m.serviceEntries.values()],
      httpRoutes: [...m.httpRoutes.values()],
      k8sGateways: [...m.k8sGateways.values()],
    };
    return this.cached;
  }

  private put<K extends KindName>(kind: K, raw: unknown): void {
    const key = objectKey(raw);
    const parsed = KIND_PARSERS[kind](raw);
    if (key === null || !parsed.ok) {
      this.warn(`ignoring invalid ${kind} ${parsed.ok ? "object" : parsed.error}`);
      return;
    }
    (this.maps[kind] as Map<string, unknown>).set(key, parsed.value);
  }

  private changed(kind: KindName): void {
    this.cached = null;
    this.changes++;
    for (const l of this.listeners) l(kind);
  }
}
