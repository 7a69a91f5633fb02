import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { kubeConfigFor } from "../context-config";
import { toAppError } from "../map-error";
import { clientFor } from "./client-for";
import { identityKey, type UserContext } from "./user-context";

/** Attributes of a SelfSubjectAccessReview. */
export interface AccessAttributes {
  verb: string;
  /** API group; "" or omitted for the core group. */
  group?: string;
  /** Plural resource. */
  resource: string;
  /** Omitted: cluster-wide (all namespaces). */
  namespace?: string;
  name?: string;
  subresource?: string;
}

export interface ResourceRef {
  group: string;
  resource: string;
}

/** Namespaces an identity may list a resource in. */
export type NamespaceAccess = { all: true } | { all: false; namespaces: ReadonlySet<string> };

export const ACCESS_TTL_MS = 30_000;
const MAX_ENTRIES = 20_000;
const PARALLEL = 16;

interface Entry {
  value: Promise<boolean>;
  expires: number;
}

const holder = globalThis as typeof globalThis & {
  __meshdeckAccessCache?: Map<string, Entry>;
  __meshdeckAccessStats?: { reviews: number; hits: number };
};
const cache = (holder.__meshdeckAccessCache ??= new Map());
const stats = (holder.__meshdeckAccessStats ??= { reviews: 0, hits: 0 });

/** SelfSubjectAccessReviews sent and cache hits, for tests and metrics. */
export function accessStats(): Readonly<{ reviews: number; hits: number; cached: number }> {
  return { ...stats, cached: cache.size };
}

/** Forgets cached answers (all, or one identity's). */
export function clearAccessCache(ctx?: UserContext): void {
  if (!ctx) {
    cache.clear();
    return;
  }
  const prefix = `${identityKey(ctx)}|`;
  for (const key of cache.keys()) if (key.startsWith(prefix)) cache.delete(key);
}

function prune(now: number): void {
  if (cache.size < MAX_ENTRIES) return;
  for (const [key, entry] of cache) if (entry.expires <= now) cache.delete(key);
  for (const key of cache.keys()) {
    if (cache.size < MAX_ENTRIES * 0.9) break;
    cache.delete(key);
  }
}

interface ReviewStatus {
  status?: { allowed?: boolean; denied?: boolean };
}

async function review(ctx: UserContext, attrs: AccessAttributes, base: KubeConfig): Promise<boolean> {
  stats.reviews += 1;
  const resourceAttributes = {
    verb: attrs.verb,
    group: attrs.group ?? "",
    resource: attrs.resource,
    ...(attrs.namespace ? { namespace: attrs.namespace } : {}),
    ...(attrs.name ? { name: attrs.name } : {}),
    ...(attrs.subresource ? { subresource: attrs.subresource } : {}),
  };
  try {
    const answer = await clientFor(ctx, base).http.json<ReviewStatus>({
      method: "POST",
      path: "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
      body: { apiVersion: "authorization.k8s.io/v1", kind: "SelfSubjectAccessReview", spec: { resourceAttributes } },
      timeoutMs: 10_000,
    });
    return answer.status?.allowed === true && answer.status.denied !== true;
  } catch (error) {
    throw toAppError(error, { verb: "create", resource: "selfsubjectaccessreviews.authorization.k8s.io" });
  }
}

/**
 * Whether `ctx` may perform `attrs`, via SelfSubjectAccessReview. Answers are
 * cached for {@link ACCESS_TTL_MS} per identity hash (never per raw token);
 * concurrent identical questions share one review; failures are not cached.
 */
export function canI(ctx: UserContext, attrs: AccessAttributes, base: KubeConfig = kubeConfigFor(ctx)): Promise<boolean> {
  const key = `${identityKey(ctx)}|${attrs.verb}|${attrs.group ?? ""}|${attrs.resource}|${attrs.subresource ?? ""}|${attrs.namespace ?? ""}|${attrs.name ?? ""}`;
  const now = Date.now();
  const hit = cache.get(key);
  if (hit && hit.expires > now) {
    stats.hits += 1;
    return hit.value;
  }
  prune(now);
  const value = review(ctx, attrs, base);
  cache.set(key, { value, expires: now + ACCESS_TTL_MS });
  value.catch(() => {
    if (cache.get(key)?.value === value) cache.delete(key);
  });
  return value;
}

/** Like {@link canI} but answers false when the review itself fails (fail closed). */
export async function canISafe(ctx: UserContext, attrs: AccessAttributes, base?: KubeConfig): Promise<boolean> {
  try {
    return await canI(ctx, attrs, base);
  } catch {
    return false;
  }
}

/** Runs `fn` over `items` with at most `limit` in flight. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Whether `ctx` may list `resource` in `namespace` (or cluster-wide when
 * omitted): cluster-wide permission first, then the namespace. Fails closed.
 */
export async function mayList(ctx: UserContext, resource: ResourceRef, namespace?: string, base?: KubeConfig): Promise<boolean> {
  if (ctx.kind === "server") return true;
  const attrs = { verb: "list", group: resource.group, resource: resource.resource };
  if (await canISafe(ctx, attrs, base)) return true;
  return namespace ? canISafe(ctx, { ...attrs, namespace }, base) : false;
}

/**
 * Namespaces among `candidates` in which `ctx` may list `resource`: `{all: true}`
 * when it may list cluster-wide, else one SelfSubjectAccessReview per
 * candidate namespace ({@link PARALLEL} at a time, cached). Candidates default
 * to the namespaces in the shared watch cache.
 */
export async function listableNamespaces(
  ctx: UserContext,
  resource: ResourceRef,
  options: { namespaces?: Iterable<string>; base?: KubeConfig } = {},
): Promise<NamespaceAccess> {
  if (ctx.kind === "server") return { all: true };
  const attrs = { verb: "list", group: resource.group, resource: resource.resource };
  if (await canISafe(ctx, attrs, options.base)) return { all: true };
  const candidates = [...new Set(options.namespaces ?? (await cachedNamespaceNames(options.base)))].filter((ns) => ns !== "");
  const allowed = await mapLimit(candidates, PARALLEL, (namespace) => canISafe(ctx, { ...attrs, namespace }, options.base));
  return { all: false, namespaces: new Set(candidates.filter((_, i) => allowed[i])) };
}

async function cachedNamespaceNames(base?: KubeConfig): Promise<string[]> {
  // Imported lazily: the cache module graph is only needed for this default.
  const { getClusterCache } = await import("../cache/cluster-cache");
  const snapshot = await getClusterCache(base).ready();
  const names = new Set<string>();
  for (const kind of snapshot.kinds.values()) {
    if (kind.key === "namespaces") for (const objects of kind.objects.values()) for (const name of objects.keys()) names.add(name);
    else for (const ns of kind.objects.keys()) names.add(ns);
  }
  return [...names];
}
