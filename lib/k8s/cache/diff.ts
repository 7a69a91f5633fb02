import "server-only";
import type { CachedObject, ObjectsByNamespace } from "./store";

/** What changed between two versions of one kind's objects. */
export interface ObjectsDiff {
  /** Added or changed objects (a new object identity). */
  readonly upserted: readonly CachedObject[];
  /** Objects no longer present. */
  readonly deleted: readonly CachedObject[];
}

function diffNamespace(prev: ReadonlyMap<string, CachedObject>, next: ReadonlyMap<string, CachedObject>, out: { upserted: CachedObject[]; deleted: CachedObject[] }): void {
  for (const [name, object] of next) if (prev.get(name) !== object) out.upserted.push(object);
  for (const [name, object] of prev) if (!next.has(name)) out.deleted.push(object);
}

const NONE: ReadonlyMap<string, CachedObject> = new Map();

/**
 * Diffs two snapshots of a kind. The store is copy-on-write, so unchanged
 * namespaces and objects keep their identity: the cost is proportional to the
 * namespaces that changed, not to the kind's size.
 */
export function diffObjects(prev: ObjectsByNamespace, next: ObjectsByNamespace): ObjectsDiff {
  const out = { upserted: [] as CachedObject[], deleted: [] as CachedObject[] };
  if (prev === next) return out;
  for (const [ns, objects] of next) {
    const before = prev.get(ns);
    if (before !== objects) diffNamespace(before ?? NONE, objects, out);
  }
  for (const [ns, objects] of prev) if (!next.has(ns)) diffNamespace(objects, NONE, out);
  return out;
}
