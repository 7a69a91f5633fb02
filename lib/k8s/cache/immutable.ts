import "server-only";

// Maps handed out by the cache refuse writes at run time, not only in types.
const sealed = new WeakSet<Map<unknown, unknown>>();

/** A Map whose set/delete/clear throw once {@link sealMap} was called on it. */
class SealableMap<K, V> extends Map<K, V> {
  override set(key: K, value: V): this {
    if (sealed.has(this)) throw new TypeError("Cannot modify a cache snapshot map");
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    if (sealed.has(this)) throw new TypeError("Cannot modify a cache snapshot map");
    return super.delete(key);
  }

  override clear(): void {
    if (sealed.has(this)) throw new TypeError("Cannot modify a cache snapshot map");
    super.clear();
  }
}

/** A new writable map (to be sealed before it is published). */
export function draftMap<K, V>(entries?: Iterable<readonly [K, V]>): Map<K, V> {
  return new SealableMap<K, V>(entries);
}

/** Seals a map made by {@link draftMap}; later writes throw. */
export function sealMap<K, V>(map: Map<K, V>): ReadonlyMap<K, V> {
  sealed.add(map as Map<unknown, unknown>);
  return Object.freeze(map);
}

export function isSealed(map: ReadonlyMap<unknown, unknown>): boolean {
  return sealed.has(map as Map<unknown, unknown>);
}

export const EMPTY_MAP: ReadonlyMap<never, never> = sealMap(draftMap<never, never>());

/** Recursively freezes plain JSON data (objects and arrays). */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  for (const child of Object.values(value as Record<string, unknown>)) deepFreeze(child);
  return Object.freeze(value);
}
