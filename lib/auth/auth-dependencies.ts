import "server-only";
import type { MeshdeckEnv } from "@/lib/config/meshdeck-env";
import { loginRateLimit } from "./login-rate-limit";
import type { AuthDependencies } from "./request-auth";
import { sessionStore, type SessionStore } from "./session-store";
import { verifyBearer, type TokenReviewCacheOptions } from "./verify-token";

/** Distinct bearer tokens whose review is remembered, and client addresses whose sign-in attempts are counted. */
const MAX_TOKEN_REVIEWS = 4096;
const MAX_LOGIN_CLIENTS = 10_000;

export function tokenReviewOptions(env: MeshdeckEnv): TokenReviewCacheOptions {
  return { ttlMs: env.tokenReviewTtlSeconds * 1000, maxEntries: MAX_TOKEN_REVIEWS };
}

/** The process-wide session table, sized by the settings. */
export function sessionsFor(env: MeshdeckEnv): SessionStore {
  return sessionStore({ ttlMs: env.sessionTtlSeconds * 1000, maxSessions: env.maxSessions, maxPerUser: env.maxSessionsPerUser });
}

/** What proxy.ts's auth decision consults, built from the settings (process-wide tables). */
export function authDependencies(env: MeshdeckEnv): AuthDependencies {
  const reviews = tokenReviewOptions(env);
  return {
    sessions: sessionsFor(env),
    verifyBearer: (token) => verifyBearer(token, reviews),
    loginLimit: loginRateLimit({ perMinute: env.loginRatePerMinute, maxClients: MAX_LOGIN_CLIENTS }),
  };
}
