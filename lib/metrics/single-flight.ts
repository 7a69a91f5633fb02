/**
 * Coalesces identical concurrent calls (one in flight per key) and keeps
 * successful results for a short TTL. Failures are shared by the callers
 * already waiting but never cached. Pure apart from the injected clock.
 */
export type FlightOutcome = "sent" | "coalesced" | "cached";

export interface SingleFlightOptions {
  /** How long a successful result is reused; 0 disables caching (coalescing stays). */
  ttlMs: number;
  /** Bound on cached entries; the oldest go first. */
  maxEntries?: number;
  now?: () => number;
}

export class SingleFlight<T> {
  private readonly inflight = new Map<string, Promise<T>>();
  private readonly cache = new Map<string, { value: T; expires: number }>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: SingleFlightOptions) {
    this.ttlMs = Math.max(0, options.ttlMs);
    this.maxEntries = options.maxEntries ?? 500;
    this.now = options.now ?? Date.now;
  }

  run(key: string, fn: () => Promise<T>): { promise: Promise<T>; outcome: FlightOutcome } {
    const hit = this.cache.get(key);
    if (hit && hit.expires > this.now()) return { promise: Promise.resolve(hit.value), outcome: "cached" };
    if (hit) this.cache.delete(key);
    const pending = this.inflight.get(key);
    if (pending) return { promise: pending, outcome: "coalesced" };
    const promise = fn().then(
      (value) => {
        this.inflight.delete(key);
        if (this.ttlMs > 0) this.store(key, value);
        return value;
      },
      (error: unknown) => {
        this.inflight.delete(key);
        throw error;
      },
    );
    this.inflight.set(key, promise);
    return { promise, outcome: "sent" };
  }

  get inFlight(): number {
    return this.inflight.size;
  }

  clear(): void {
    this.cache.clear();
  }

  private store(key: string, value: T): void {
    const now = this.now();
    for (const [k, entry] of this.cache) if (entry.expires <= now) this.cache.delete(k);
    while (this.cache.size >= this.maxEntries) {
      const oldest = this.cache.keys().next();
      if (oldest.done) break;
      this.cache.delete(oldest.value);
    }
    this.cache.set(key, { value, expires: now + this.ttlMs });
  }
}

/** `promise`, but rejecting with the signal's reason as soon as `signal` aborts (the work itself goes on for other callers). */
export function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
