import "server-only";

/** API calls made by all watch caches in this process (for tests, bench and metrics). */
export interface CacheStats {
  /** Complete LIST operations (a paginated list counts once). */
  lists: number;
  /** LIST requests (pages). */
  listPages: number;
  /** WATCH requests opened. */
  watchesOpened: number;
  /** WATCH requests opened after the first one of a reflector (timeouts, errors, expiries). */
  watchRestarts: number;
  /** Relists after 410 Gone / "too old resource version". */
  relists: number;
  /** ADDED/MODIFIED/DELETED events received. */
  watchEvents: number;
  /** Discovery requests (/api, /apis, group versions). */
  discoveryCalls: number;
  /** Failed list/watch attempts. */
  errors: number;
}

const holder = globalThis as typeof globalThis & { __meshdeckCacheStats?: CacheStats };

export const counters: CacheStats = (holder.__meshdeckCacheStats ??= {
  lists: 0,
  listPages: 0,
  watchesOpened: 0,
  watchRestarts: 0,
  relists: 0,
  watchEvents: 0,
  discoveryCalls: 0,
  errors: 0,
});

/** A copy of the process-wide counters. */
export function cacheStats(): Readonly<CacheStats> {
  return Object.freeze({ ...counters });
}
