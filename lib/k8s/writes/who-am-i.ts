import "server-only";
import { clientFor } from "../identity/client-for";
import { identityKey, type UserContext } from "../identity/user-context";

const TTL_MS = 5 * 60_000;
const MAX_ENTRIES = 1024;

interface Entry {
  name: Promise<string>;
  expires: number;
}

const holder = globalThis as typeof globalThis & { __meshdeckWhoAmI?: Map<string, Entry> };
const cache = (holder.__meshdeckWhoAmI ??= new Map());

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string } };
}

async function review(ctx: UserContext, key: string): Promise<string> {
  try {
    const answer = await clientFor(ctx).http.json<SelfSubjectReview>({
      method: "POST",
      path: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
      body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
      timeoutMs: 10_000,
    });
    const name = answer.status?.userInfo?.username;
    if (name) return name;
  } catch {
    // Older clusters (< 1.28) or a refusal: fall through to a stable, non-secret label.
  }
  return ctx.kind === "server" ? "meshdeck" : key;
}

/**
 * The Kubernetes user name behind `ctx`, for the audit trail ("who"):
 * SelfSubjectReview as that identity, cached per identity hash. Impersonated
 * users are named directly. Never the token: at worst its hash (identityKey).
 */
export function whoAmI(ctx: UserContext): Promise<string> {
  if (ctx.kind === "impersonate") return Promise.resolve(ctx.user);
  const key = identityKey(ctx);
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) return hit.name;
  if (cache.size >= MAX_ENTRIES) {
    for (const [k, e] of cache) if (e.expires <= now || cache.size >= MAX_ENTRIES) cache.delete(k);
  }
  const name = review(ctx, key);
  cache.set(key, { name, expires: now + TTL_MS });
  return name;
}
