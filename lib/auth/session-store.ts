import { randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";

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
  /** Sessions in all; when full, new sign-ins are refused (nobody else's session is ended). */
  maxSessions: number;
  /** Sessions per user; a user past it loses their own oldest. */
  maxPerUser: number;
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
 * dropped on access and before each sign-in. One user's sign-ins can only
 * end that user's own sessions: past `maxPerUser` their oldest goes; when
 * the table is full, sign-in is refused (503 with Retry-After). With several
 * replicas, use sticky sessions or sign in per replica (see deploy/README.md).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  /** Session ids per user, oldest first. */
  private readonly byUser = new Map<string, string[]>();
  private readonly now: () => number;

  constructor(private readonly options: SessionStoreOptions) {
    this.now = options.now ?? Date.now;
  }

  create(input: { token: string; user: string; groups: readonly string[] }): { id: string; session: Session } {
    this.prune();
    while (this.countOf(input.user) >= this.options.maxPerUser) this.delete(this.byUser.get(input.user)?.[0]);
    if (this.sessions.size >= this.options.maxSessions) throw this.full();
    const now = this.now();
    const id = newSessionId();
    const session: Session = Object.freeze({ ...input, groups: Object.freeze([...input.groups]), createdAt: now, expiresAt: now + this.options.ttlMs });
    this.sessions.set(id, session);
    this.byUser.set(input.user, [...(this.byUser.get(input.user) ?? []), id]);
    return { id, session };
  }

  get(id: string | undefined | null): Session | undefined {
    if (!id || !ID_RE.test(id)) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt <= this.now()) {
      this.delete(id);
      return undefined;
    }
    return session;
  }

  delete(id: string | undefined | null): boolean {
    const session = id ? this.sessions.get(id) : undefined;
    if (!id || !session) return false;
    this.sessions.delete(id);
    const rest = (this.byUser.get(session.user) ?? []).filter((other) => other !== id);
    if (rest.length > 0) this.byUser.set(session.user, rest);
    else this.byUser.delete(session.user);
    return true;
  }

  get size(): number {
    return this.sessions.size;
  }

  /** Sessions `user` holds. */
  countOf(user: string): number {
    return this.byUser.get(user)?.length ?? 0;
  }

  private prune(): void {
    const now = this.now();
    for (const [id, s] of this.sessions) if (s.expiresAt <= now) this.delete(id);
  }

  private full(): AppError {
    // Sessions are kept in creation order with one TTL: the first expires first.
    const first = this.sessions.values().next().value;
    const retryAfterSeconds = first ? Math.max(1, Math.ceil((first.expiresAt - this.now()) / 1000)) : 1;
    return new AppError(
      { code: "Unavailable", message: "Meshdeck holds as many sessions as it may (MESHDECK_MAX_SESSIONS); sign in later or ask the operator to raise the limit" },
      { retryAfterSeconds },
    );
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
