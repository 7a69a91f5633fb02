import { BoundedTtlMap } from "./bounded-ttl-map";

const WINDOW_MS = 60_000;

export interface LoginRateLimitOptions {
  /** Attempts per client address and minute. */
  perMinute: number;
  /** Client addresses remembered at once (the oldest are forgotten first). */
  maxClients: number;
  now?: () => number;
}

/**
 * Sign-in attempts per client address in fixed one-minute windows. The table
 * is bounded: an attacker cycling addresses only forgets old windows, and
 * never grows memory. `hit` counts an attempt and answers how many seconds
 * to wait when over the limit.
 */
export class LoginRateLimit {
  private readonly windows: BoundedTtlMap<{ count: number }>;

  constructor(private readonly options: LoginRateLimitOptions) {
    this.windows = new BoundedTtlMap(options.maxClients, options.now);
  }

  /** Counts one attempt from `client`: undefined when allowed, else seconds until the window ends (Retry-After). */
  hit(client: string): number | undefined {
    const window = this.windows.get(client);
    if (!window) {
      this.windows.set(client, { count: 1 }, WINDOW_MS);
      return undefined;
    }
    window.count += 1;
    if (window.count <= this.options.perMinute) return undefined;
    return Math.max(1, Math.ceil(this.windows.remainingMs(client) / 1000));
  }
}

const holder = globalThis as typeof globalThis & { __meshdeckLoginRateLimit?: LoginRateLimit };

/** The process-wide limiter (its options are those of the first call). */
export function loginRateLimit(options: LoginRateLimitOptions): LoginRateLimit {
  holder.__meshdeckLoginRateLimit ??= new LoginRateLimit(options);
  return holder.__meshdeckLoginRateLimit;
}
