import "server-only";
import { createHash } from "node:crypto";
import { parseBearer } from "./bearer";

/**
 * Who a request acts as:
 * - "server": the dashboard's own credentials (kubeconfig mode: those of the
 *   session's chosen `context` of the dashboard's kubeconfig, else its current one);
 * - "token": a user's bearer token, sent instead of the dashboard's credentials;
 * - "impersonate": the dashboard's credentials plus Impersonate-User / Impersonate-Group.
 */
export type UserContext =
  | { kind: "server"; context?: string }
  | { kind: "token"; token: string }
  | { kind: "impersonate"; user: string; groups: readonly string[] };

export const SERVER_CONTEXT: UserContext = Object.freeze({ kind: "server" });

function shortHash(value: string): string {
  return createHash("sha256").update(value).digest("base64url").slice(0, 22);
}

/**
 * A stable key for caches and logs: never contains the token itself, only a
 * truncated SHA-256 of it (and of the impersonated identity, which is not a
 * secret but need not appear in logs either).
 */
export function identityKey(ctx: UserContext): string {
  switch (ctx.kind) {
    case "server":
      return ctx.context ? `server@${ctx.context}` : "server";
    case "token":
      return `token:${shortHash(ctx.token)}`;
    case "impersonate":
      return `as:${shortHash(JSON.stringify([ctx.user, [...ctx.groups].sort()]))}`;
  }
}

/** How the stream route learns who the browser is. Off ("server") unless configured. */
export type AuthMode = "server" | "bearer" | "proxy";

export function authModeFromEnv(env: Record<string, string | undefined> = process.env): AuthMode {
  const value = env.MESHDECK_AUTH_MODE?.trim().toLowerCase();
  // "token" / "kubeconfig" are the documented names (deploy/README.md); proxy.ts refuses unknown values.
  if (value === "bearer" || value === "token") return "bearer";
  return value === "proxy" ? value : "server";
}

/**
 * The user behind a request:
 * - "bearer": `Authorization: Bearer <token>` (e.g. forwarded by an auth proxy); none → null;
 * - "proxy": `X-Forwarded-User` / `X-Forwarded-Groups` (comma-separated) set by a
 *   trusted auth proxy, turned into impersonation; none → null;
 * - "server": everyone acts as the dashboard itself (the default, as for the REST routes).
 * null means "unauthenticated": the caller answers 401.
 */
export function userContextFromHeaders(headers: Headers, mode: AuthMode = authModeFromEnv()): UserContext | null {
  if (mode === "server") return SERVER_CONTEXT;
  if (mode === "bearer") {
    const bearer = parseBearer(headers.get("authorization"));
    return bearer.kind === "token" ? { kind: "token", token: bearer.token } : null;
  }
  const user = headers.get("x-forwarded-user")?.trim();
  if (!user) return null;
  const groups = (headers.get("x-forwarded-groups") ?? "")
    .split(",")
    .map((g) => g.trim())
    .filter((g) => g.length > 0);
  return { kind: "impersonate", user, groups };
}
