/**
 * A Map-like cache that keeps at most `max` entries, dropping the least
 * recently used: SWR's default cache (a plain Map) keeps every key it ever
 * saw, which a page that runs for weeks (the wall) must not. Matches SWR's
 * `Cache` interface, for `<SWRConfig value={{ provider: () => new BoundedCache(n) }}>`.
 */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();

  constructor(private readonly max: number) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError("max must be a positive integer");
  }

  get size(): number {
    return this.map.size;
  }

  keys(): MapIterator<string> {
    return this.map.keys();
  }

  get(key: string): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.max) {
      const oldest = this.map.keys().next();
      if (oldest.done) break;
      this.map.delete(oldest.value);
    }
  }

  delete(key: string): void {
    this.map.delete(key);
  }
}
