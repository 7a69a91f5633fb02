/**
 * Incremental updates between two graph snapshots: browsers get what changed
 * (added / removed / changed nodes and edges, changed fields only) instead of
 * a full reload, and `applyDiff(a, diffGraphs(a, b))` rebuilds `b` exactly.
 */
import type { Graph, GraphEdge, GraphNode, GraphType } from "./types";

export interface ElementChange<T> {
  readonly id: string;
  /** Fields whose values changed or appeared. */
  readonly set: Partial<T>;
  /** Optional fields that disappeared. */
  readonly unset?: readonly (keyof T & string)[];
}

export interface ElementDiff<T> {
  readonly added: readonly T[];
  readonly removed: readonly string[];
  readonly changed: readonly ElementChange<T>[];
}

export interface GraphDiff {
  /** Timestamp of the snapshot this diff applies to: a client holding another one reloads in full. */
  readonly baseTimestamp: number;
  readonly timestamp: number;
  /** Present when the graph type changed (then practically everything else did too). */
  readonly type?: GraphType;
  readonly nodes: ElementDiff<GraphNode>;
  readonly edges: ElementDiff<GraphEdge>;
}

export class DiffMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DiffMismatchError";
  }
}

/** Structural equality of JSON-like values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  const ar = a as Record<string, unknown>;
  const br = b as Record<string, unknown>;
  const ak = Object.keys(ar).filter((k) => ar[k] !== undefined);
  const bk = Object.keys(br).filter((k) => br[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => deepEqual(ar[k], br[k]));
}

function diffElement<T extends { readonly id: string }>(prev: T, next: T): ElementChange<T> | null {
  const p = prev as Record<string, unknown>;
  const n = next as Record<string, unknown>;
  const set: Record<string, unknown> = {};
  const unset: string[] = [];
  for (const k of Object.keys(n)) if (n[k] !== undefined && !deepEqual(p[k], n[k])) set[k] = n[k];
  for (const k of Object.keys(p)) if (p[k] !== undefined && n[k] === undefined) unset.push(k);
  if (Object.keys(set).length === 0 && unset.length === 0) return null;
  return { id: next.id, set: set as Partial<T>, ...(unset.length > 0 ? { unset: unset.sort() as (keyof T & string)[] } : {}) };
}

function diffElements<T extends { readonly id: string }>(prev: readonly T[], next: readonly T[]): ElementDiff<T> {
  const before = new Map(prev.map((e) => [e.id, e]));
  const after = new Set<string>();
  const added: T[] = [];
  const changed: ElementChange<T>[] = [];
  for (const e of next) {
    after.add(e.id);
    const old = before.get(e.id);
    if (!old) added.push(e);
    else {
      const c = diffElement(old, e);
      if (c) changed.push(c);
    }
  }
  const removed = prev.filter((e) => !after.has(e.id)).map((e) => e.id);
  return { added, removed, changed };
}

export function diffGraphs(prev: Graph, next: Graph): GraphDiff {
  return {
    baseTimestamp: prev.timestamp,
    timestamp: next.timestamp,
    ...(prev.type !== next.type ? { type: next.type } : {}),
    nodes: diffElements(prev.nodes, next.nodes),
    edges: diffElements(prev.edges, next.edges),
  };
}

export function isEmptyDiff(d: GraphDiff): boolean {
  const empty = <T,>(e: ElementDiff<T>) => e.added.length === 0 && e.removed.length === 0 && e.changed.length === 0;
  return d.type === undefined && d.baseTimestamp === d.timestamp && empty(d.nodes) && empty(d.edges);
}

function applyElements<T extends { readonly id: string }>(prev: readonly T[], d: ElementDiff<T>, what: string): T[] {
  const byId = new Map(prev.map((e) => [e.id, e]));
  for (const id of d.removed) {
    if (!byId.delete(id)) throw new DiffMismatchError(`${what} ${id} to remove is not in the base graph`);
  }
  for (const c of d.changed) {
    const old = byId.get(c.id);
    if (!old) throw new DiffMismatchError(`${what} ${c.id} to change is not in the base graph`);
    const updated: Record<string, unknown> = { ...old, ...c.set };
    for (const k of c.unset ?? []) delete updated[k];
    byId.set(c.id, updated as unknown as T);
  }
  for (const e of d.added) {
    if (byId.has(e.id)) throw new DiffMismatchError(`${what} ${e.id} to add is already in the base graph`);
    byId.set(e.id, e);
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** Applies a diff made by diffGraphs(prev, next) to prev; throws DiffMismatchError when it does not fit. */
export function applyDiff(prev: Graph, d: GraphDiff): Graph {
  if (prev.timestamp !== d.baseTimestamp) {
    throw new DiffMismatchError(`diff is based on snapshot ${d.baseTimestamp}, this graph is ${prev.timestamp}`);
  }
  return {
    type: d.type ?? prev.type,
    timestamp: d.timestamp,
    nodes: applyElements(prev.nodes, d.nodes, "node"),
    edges: applyElements(prev.edges, d.edges, "edge"),
  };
}
