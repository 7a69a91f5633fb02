import "server-only";
import type { ErrorCode } from "@/lib/errors/api-error";
import { deepFreeze, draftMap, EMPTY_MAP, sealMap } from "./immutable";
import type { KindSpec } from "./kinds";

export type KindStatus = "syncing" | "synced" | "missing" | "forbidden" | "error";

/** What is kept of `metadata.managedFields`: who manages the object, not which fields. */
export interface ManagedFieldSummary {
  readonly manager?: string;
  readonly operation?: string;
  readonly time?: string;
}

export interface CachedObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly uid?: string;
  readonly resourceVersion?: string;
  readonly generation?: number;
  readonly labels?: Readonly<Record<string, string>>;
  readonly annotations?: Readonly<Record<string, string>>;
  readonly managedFields?: readonly ManagedFieldSummary[];
  readonly [field: string]: unknown;
}

/** A deep-frozen Kubernetes object as the API server returned it, minus managedFields details. */
export interface CachedObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: CachedObjectMeta;
  readonly [field: string]: unknown;
}

export interface KindError {
  readonly code: ErrorCode;
  readonly message: string;
  /** Epoch ms. */
  readonly at: number;
}

/** Objects of one kind: namespace ("" for cluster-scoped) → name → object. */
export type ObjectsByNamespace = ReadonlyMap<string, ReadonlyMap<string, CachedObject>>;

export interface KindSnapshot {
  readonly key: string;
  readonly group: string;
  /** Served version in use; null until discovered (or when missing). */
  readonly version: string | null;
  readonly resource: string;
  readonly namespaced: boolean;
  readonly status: KindStatus;
  readonly lastError: KindError | null;
  /** Times the reflector restarted after a failure or an expired resourceVersion. */
  readonly restarts: number;
  /** resourceVersion of the last list or applied event. */
  readonly resourceVersion: string | null;
  /** Epoch ms of the last completed list. */
  readonly syncedAt: number | null;
  readonly count: number;
  readonly objects: ObjectsByNamespace;
}

export interface CacheSnapshot {
  /** Cache key (context and server). */
  readonly cluster: string;
  /** Increases by one on every committed change. */
  readonly revision: number;
  /** Epoch ms of this revision. */
  readonly at: number;
  readonly kinds: ReadonlyMap<string, KindSnapshot>;
}

export interface ChangedScope {
  readonly kind: string;
  /** "" for cluster-scoped kinds. */
  readonly namespace: string;
}

/** Coalesced notification: everything that changed since the previous one. */
export interface CacheChange {
  readonly revision: number;
  /** Kinds with changed objects or status. */
  readonly kinds: readonly string[];
  /** Kind/namespace pairs whose objects changed. */
  readonly changed: readonly ChangedScope[];
  /** Kinds whose status, version or error changed. */
  readonly statusChanged: readonly string[];
}

export type CacheListener = (change: CacheChange) => void;

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";

export interface ObjectEvent {
  readonly type: WatchEventType;
  readonly object: CachedObject;
}

function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
}

function summarizeManagedFields(value: unknown): ManagedFieldSummary[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((entry): ManagedFieldSummary[] => {
    const e = asRecord(entry);
    if (!e) return [];
    const out: { manager?: string; operation?: string; time?: string } = {};
    if (typeof e.manager === "string") out.manager = e.manager;
    if (typeof e.operation === "string") out.operation = e.operation;
    if (typeof e.time === "string") out.time = e.time;
    return [out];
  });
}

/**
 * Turns a decoded API object into a {@link CachedObject}: managedFields reduced
 * to `{manager, operation, time}`, apiVersion/kind filled from the list when
 * absent (core lists omit them per item), everything deep-frozen.
 * Returns null when the object has no name.
 */
export function toCachedObject(raw: unknown, defaults: { apiVersion?: string; kind?: string } = {}): CachedObject | null {
  const obj = asRecord(raw);
  const meta = asRecord(obj?.metadata);
  if (!obj || !meta || typeof meta.name !== "string") return null;
  const metadata: Record<string, unknown> = { ...meta };
  const managed = summarizeManagedFields(meta.managedFields);
  if (managed) metadata.managedFields = managed;
  else delete metadata.managedFields;
  const out: Record<string, unknown> = { ...obj, metadata };
  if (typeof out.apiVersion !== "string" && defaults.apiVersion) out.apiVersion = defaults.apiVersion;
  if (typeof out.kind !== "string" && defaults.kind) out.kind = defaults.kind;
  return deepFreeze(out as unknown as CachedObject);
}

export function objectNamespace(object: CachedObject): string {
  return object.metadata.namespace ?? "";
}

function sameVersion(a: CachedObject, b: CachedObject): boolean {
  return a.metadata.uid === b.metadata.uid && a.metadata.resourceVersion === b.metadata.resourceVersion;
}

function freezeKind(kind: KindSnapshot): KindSnapshot {
  return Object.freeze(kind);
}

export function emptyKind(spec: KindSpec): KindSnapshot {
  return freezeKind({
    key: spec.key,
    group: spec.group,
    version: null,
    resource: spec.resource,
    namespaced: spec.namespaced,
    status: "syncing",
    lastError: null,
    restarts: 0,
    resourceVersion: null,
    syncedAt: null,
    count: 0,
    objects: EMPTY_MAP,
  });
}

export interface KindUpdate {
  next: KindSnapshot;
  /** Namespaces whose objects changed. */
  namespaces: ReadonlySet<string>;
}

/**
 * Applies watch events without touching `prev`: copies the namespace index
 * once and each touched namespace's map once per batch.
 */
export function applyEvents(prev: KindSnapshot, events: readonly ObjectEvent[], resourceVersion?: string): KindUpdate {
  const namespaces = new Set<string>();
  if (events.length === 0) {
    return { next: resourceVersion ? freezeKind({ ...prev, resourceVersion }) : prev, namespaces };
  }
  const top = draftMap(prev.objects);
  const drafts = new Map<string, Map<string, CachedObject>>();
  let count = prev.count;
  let lastVersion = prev.resourceVersion;
  for (const { type, object } of events) {
    const ns = objectNamespace(object);
    let inner = drafts.get(ns);
    if (!inner) {
      inner = draftMap(prev.objects.get(ns) ?? EMPTY_MAP);
      drafts.set(ns, inner);
    }
    const name = object.metadata.name;
    if (type === "DELETED") {
      if (inner.delete(name)) count -= 1;
    } else {
      if (!inner.has(name)) count += 1;
      inner.set(name, object);
    }
    namespaces.add(ns);
    lastVersion = object.metadata.resourceVersion ?? lastVersion;
  }
  for (const [ns, inner] of drafts) {
    if (inner.size === 0) top.delete(ns);
    else top.set(ns, sealMap(inner));
  }
  return {
    next: freezeKind({ ...prev, objects: sealMap(top), count, resourceVersion: resourceVersion ?? lastVersion }),
    namespaces,
  };
}

/**
 * Replaces all objects of a kind (after a LIST). Namespaces whose objects are
 * unchanged (same uid and resourceVersion) keep their previous map and
 * objects, so a relist that changes nothing reports no changed namespace.
 */
export function replaceObjects(prev: KindSnapshot, objects: readonly CachedObject[], resourceVersion: string | null): KindUpdate {
  const grouped = new Map<string, Map<string, CachedObject>>();
  for (const object of objects) {
    const ns = objectNamespace(object);
    let inner = grouped.get(ns);
    if (!inner) {
      inner = draftMap();
      grouped.set(ns, inner);
    }
    inner.set(object.metadata.name, object);
  }
  const namespaces = new Set<string>();
  const top = draftMap<string, ReadonlyMap<string, CachedObject>>();
  let count = 0;
  for (const [ns, inner] of grouped) {
    count += inner.size;
    const old = prev.objects.get(ns);
    let same = old !== undefined && old.size === inner.size;
    if (same && old) {
      for (const [name, object] of inner) {
        const before = old.get(name);
        if (!before || !sameVersion(before, object)) {
          same = false;
          break;
        }
      }
    }
    if (same && old) top.set(ns, old);
    else {
      if (old) for (const [name, object] of inner) {
        const before = old.get(name);
        if (before && sameVersion(before, object)) inner.set(name, before);
      }
      top.set(ns, sealMap(inner));
      namespaces.add(ns);
    }
  }
  for (const ns of prev.objects.keys()) if (!grouped.has(ns)) namespaces.add(ns);
  return {
    next: freezeKind({ ...prev, objects: namespaces.size === 0 ? prev.objects : sealMap(top), count, resourceVersion }),
    namespaces,
  };
}

type StatusFields = Pick<KindSnapshot, "status" | "lastError" | "restarts" | "version" | "syncedAt">;

export function withStatus(prev: KindSnapshot, patch: Partial<StatusFields>): { next: KindSnapshot; changed: boolean } {
  const changed = (Object.keys(patch) as Array<keyof StatusFields>).some((k) => patch[k] !== prev[k]);
  return { next: changed ? freezeKind({ ...prev, ...patch }) : prev, changed };
}

interface Pending {
  kinds: Set<string>;
  changed: Map<string, ChangedScope>;
  statusChanged: Set<string>;
}

/**
 * Holds the current {@link CacheSnapshot}. Every commit publishes a new frozen
 * snapshot (new kinds map; untouched kinds and namespaces are shared) with the
 * next revision; listeners get one coalesced {@link CacheChange} per
 * `coalesceMs` window.
 */
export class SnapshotStore {
  private current: CacheSnapshot;
  private readonly listeners = new Set<CacheListener>();
  private pending: Pending | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    cluster: string,
    specs: readonly KindSpec[],
    private readonly coalesceMs = 50,
    private readonly now: () => number = Date.now,
  ) {
    const kinds = draftMap<string, KindSnapshot>();
    for (const spec of specs) kinds.set(spec.key, emptyKind(spec));
    this.current = Object.freeze({ cluster, revision: 0, at: now(), kinds: sealMap(kinds) });
  }

  snapshot(): CacheSnapshot {
    return this.current;
  }

  kind(key: string): KindSnapshot {
    const kind = this.current.kinds.get(key);
    if (!kind) throw new Error(`unknown kind ${key}`);
    return kind;
  }

  /** Replaces one kind; a no-op when `next` is the current one. */
  commit(key: string, next: KindSnapshot, namespaces: ReadonlySet<string>, statusChanged: boolean): void {
    const prev = this.kind(key);
    if (next === prev) return;
    const kinds = draftMap(this.current.kinds);
    kinds.set(key, next);
    this.current = Object.freeze({
      cluster: this.current.cluster,
      revision: this.current.revision + 1,
      at: this.now(),
      kinds: sealMap(kinds),
    });
    const pending = (this.pending ??= { kinds: new Set(), changed: new Map(), statusChanged: new Set() });
    pending.kinds.add(key);
    for (const namespace of namespaces) pending.changed.set(`${key}\u0000${namespace}`, Object.freeze({ kind: key, namespace }));
    if (statusChanged) pending.statusChanged.add(key);
    this.schedule();
  }

  update(key: string, fn: (prev: KindSnapshot) => KindUpdate & { statusChanged?: boolean }): void {
    const { next, namespaces, statusChanged } = fn(this.kind(key));
    this.commit(key, next, namespaces, statusChanged ?? false);
  }

  setStatus(key: string, patch: Partial<StatusFields>): void {
    const { next, changed } = withStatus(this.kind(key), patch);
    if (changed) this.commit(key, next, new Set(), true);
  }

  subscribe(listener: CacheListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  private schedule(): void {
    if (this.timer || this.listeners.size === 0) {
      if (this.listeners.size === 0) this.pending = null;
      return;
    }
    this.timer = setTimeout(() => this.flush(), this.coalesceMs);
  }

  /** Delivers the pending notification now (also used by tests). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pending = this.pending;
    this.pending = null;
    if (!pending) return;
    const change: CacheChange = Object.freeze({
      revision: this.current.revision,
      kinds: Object.freeze([...pending.kinds]),
      changed: Object.freeze([...pending.changed.values()]),
      statusChanged: Object.freeze([...pending.statusChanged]),
    });
    for (const listener of [...this.listeners]) {
      try {
        listener(change);
      } catch (error) {
        console.error(`[meshdeck] cache listener failed: ${error instanceof Error ? error.message : typeof error}`);
      }
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
    this.listeners.clear();
  }
}

/** Objects of `kind` (optionally in one namespace), in namespace/name order. */
export function objectsOf(snapshot: CacheSnapshot, kind: string, namespace?: string): CachedObject[] {
  const k = snapshot.kinds.get(kind);
  if (!k) return [];
  const namespaces = namespace === undefined ? [...k.objects.keys()].sort() : [namespace];
  const out: CachedObject[] = [];
  for (const ns of namespaces) {
    const inner = k.objects.get(ns);
    if (!inner) continue;
    for (const name of [...inner.keys()].sort()) {
      const object = inner.get(name);
      if (object) out.push(object);
    }
  }
  return out;
}

export function getObject(snapshot: CacheSnapshot, kind: string, namespace: string, name: string): CachedObject | undefined {
  return snapshot.kinds.get(kind)?.objects.get(namespace)?.get(name);
}
