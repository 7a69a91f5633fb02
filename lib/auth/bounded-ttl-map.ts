/**
 * A map whose entries expire after `ttlMs` and which never holds more than
 * `maxEntries`: when full, expired entries go first, then the oldest
 * insertions. For user-keyed tables (token reviews, login attempts) that a
 * caller must not be able to grow without bound. Keys should be hashes, never
 * credentials.
 */
export class BoundedTtlMap<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Milliseconds until `key` expires (0 when absent). */
  remainingMs(key: string): number {
    const entry = this.entries.get(key);
    return entry ? Math.max(0, entry.expires - this.now()) : 0;
  }

  set(key: string, value: V, ttlMs: number): void {
    this.entries.delete(key);
    this.makeRoom();
    this.entries.set(key, { value, expires: this.now() + ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  private makeRoom(): void {
    if (this.entries.size < this.maxEntries) return;
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expires <= now) this.entries.delete(key);
    for (const key of this.entries.keys()) {
      if (this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
