import { randomBytes } from "node:crypto";

/** A signed-in user (token mode). Lives only in this process's memory. */
export interface Session {
  token: string;
  user: string;
  groups: readonly string[];
  createdAt: number;
  expiresAt: number;
}

export interface SessionStoreOptions {
  ttlMs: number;
  maxSessions: number;
  now?: () => number;
}

/** 256-bit random ids, base64url: unguessable, cookie-safe. */
export function newSessionId(): string {
  return randomBytes(32).toString("base64url");
}

const ID_RE = /^[A-Za-z0-9_-]{43}$/;

/**
 * In-memory sessions keyed by a random id. Tokens never leave the server:
 * the browser holds only the id (httpOnly cookie). Expired entries are
 * dropped on access and when the map is full (then the oldest go first).
 * With several replicas, use sticky sessions or sign in per replica (see
 * deploy/README.md).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;

  constructor(private readonly options: SessionStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  create(input: { token: string; user: string; groups: readonly string[] }): { id: string; session: Session } {
    this.prune();
    while (this.sessions.size >= this.options.maxSessions) {
      const oldest = this.sessions.keys().next().value;
      if (oldest === undefined) break;
      this.sessions.delete(oldest);
    }
    const now = this.now();
    const id = newSessionId();
    const session: Session = Object.freeze({ ...input, groups: Object.freeze([...input.groups]), createdAt: now, expiresAt: now + this.options.ttlMs });
    this.sessions.set(id, session);
    return { id, session };
  }

  get(id: string | undefined | null): Session | undefined {
    if (!id || !ID_RE.test(id)) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.sessions.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string | undefined | null): boolean {
    return id ? this.sessions.delete(id) : false;
  }

  get size(): number {
    return this.sessions.size;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(id);
  }
}

const holder = globalThis as typeof globalThis & { __meshdeckSessions?: SessionStore };

/**
 * The process-wide store, shared by proxy.ts and the route handlers (both run
 * in the Next.js server process; kept on globalThis across bundles).
 */
export function sessionStore(options: SessionStoreOptions): SessionStore {
  holder.__meshdeckSessions ??= new SessionStore(options);
  return holder.__meshdeckSessions;
}
