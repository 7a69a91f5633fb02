import "server-only";
import { createHash } from "node:crypto";
import { AppError } from "@/lib/errors/app-error";
import { clientFor } from "@/lib/k8s/identity/client-for";
import { isKubeHttpError } from "@/lib/k8s/identity/kube-http";
import { BoundedTtlMap } from "./bounded-ttl-map";

export interface VerifiedUser {
  user: string;
  groups: string[];
}

interface SelfSubjectReview {
  status?: { userInfo?: { username?: string; groups?: string[] } };
}

/** How long a review's answer is reused, and how many distinct tokens are remembered. */
export interface TokenReviewCacheOptions {
  ttlMs: number;
  maxEntries: number;
}

const REJECTED_TTL_MS = 5_000;

const holder = globalThis as typeof globalThis & { __meshdeckTokenReviews?: BoundedTtlMap<Promise<VerifiedUser | null>>; __meshdeckTokenReviewStats?: { reviews: number } };
const stats = (holder.__meshdeckTokenReviewStats ??= { reviews: 0 });

function cache(maxEntries: number): BoundedTtlMap<Promise<VerifiedUser | null>> {
  return (holder.__meshdeckTokenReviews ??= new BoundedTtlMap(maxEntries));
}

/** SelfSubjectReviews sent (cache misses), for tests. */
export function tokenReviewCount(): number {
  return stats.reviews;
}

/** The cache key: a SHA-256 of the token, never the token. */
function tokenKey(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** One SelfSubjectReview sent with the token: who it is, or null when the API server refuses it (401/403). */
async function review(token: string): Promise<VerifiedUser | null> {
  stats.reviews += 1;
  try {
    const answer = await clientFor({ kind: "token", token }).http.json<SelfSubjectReview>({
      method: "POST",
      path: "/apis/authentication.k8s.io/v1/selfsubjectreviews",
      body: { apiVersion: "authentication.k8s.io/v1", kind: "SelfSubjectReview" },
      timeoutMs: 10_000,
    });
    const user = answer.status?.userInfo?.username;
    return user ? { user, groups: answer.status?.userInfo?.groups ?? [] } : null;
  } catch (error) {
    if (isKubeHttpError(error) && (error.code === 401 || error.code === 403)) return null;
    throw new AppError({ code: "Unavailable", message: "Cannot reach the Kubernetes API server to check the token" }, { cause: error });
  }
}

/**
 * Who a bearer token belongs to according to the API server (a
 * SelfSubjectReview sent with the token), or null when the API server does
 * not accept it. Answers are cached by a hash of the token (accepted ones for
 * `ttlMs`, refused ones briefly), at most `maxEntries` of them; concurrent
 * checks of one token share a review; failures to reach the API server throw
 * "Unavailable" and are not cached. The token is never logged.
 */
export function verifyBearer(token: string, options: TokenReviewCacheOptions): Promise<VerifiedUser | null> {
  const reviews = cache(options.maxEntries);
  const key = tokenKey(token);
  const hit = reviews.get(key);
  if (hit) return hit;
  const value = review(token);
  reviews.set(key, value, options.ttlMs);
  value.then(
    (user) => {
      if (!user && reviews.get(key) === value) reviews.set(key, value, Math.min(REJECTED_TTL_MS, options.ttlMs));
    },
    () => {
      if (reviews.get(key) === value) reviews.delete(key);
    },
  );
  return value;
}

/** Like {@link verifyBearer}, for sign-in: a refused token is a 401 "Forbidden". */
export async function verifyToken(token: string, options: TokenReviewCacheOptions): Promise<VerifiedUser> {
  const verified = await verifyBearer(token, options);
  if (!verified) throw new AppError({ code: "Forbidden", message: "Not authenticated: the API server did not accept this token" }, { status: 401 });
  return verified;
}
