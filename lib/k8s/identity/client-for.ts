import "server-only";
import { KubeConfig, type User } from "@kubernetes/client-node";
import { AppError } from "@/lib/errors/app-error";
import { kubeConfigFor } from "../context-config";
import { KubeHttp, type HeaderValue } from "./kube-http";
import { identityKey, type UserContext } from "./user-context";

/** Credentials for one identity on one cluster. */
export interface UserClient {
  /** {@link identityKey} of the context: safe to log and to use as a map key. */
  readonly key: string;
  /**
   * KubeConfig for client-node's generated clients. For "token" it holds only
   * the cluster and the user's token (never the dashboard's client cert); for
   * "impersonate" it is the dashboard's config with `impersonateUser` set.
   * client-node cannot send repeated headers, so generated clients built from
   * it impersonate the user WITHOUT groups (fails closed); use `http` when
   * groups matter.
   */
  readonly kubeConfig: KubeConfig;
  /** Transport sending exactly this identity's credentials and impersonation headers. */
  readonly http: KubeHttp;
}

const TTL_MS = 10 * 60_000;
const MAX_ENTRIES = 512;

interface Entry {
  client: UserClient;
  expires: number;
}

const holder = globalThis as typeof globalThis & { __meshdeckUserClients?: WeakMap<KubeConfig, Map<string, Entry>> };
const byBase = (holder.__meshdeckUserClients ??= new WeakMap());

function tokenConfig(base: KubeConfig, token: string): KubeConfig {
  const cluster = base.getCurrentCluster();
  if (!cluster) throw new AppError({ code: "Unavailable", message: "Kubernetes configuration has no current cluster" });
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [cluster],
    users: [{ name: "meshdeck-user", token }],
    contexts: [{ name: "meshdeck-user", cluster: cluster.name, user: "meshdeck-user" }],
    currentContext: "meshdeck-user",
  });
  return kc;
}

function impersonatingConfig(base: KubeConfig, user: string): KubeConfig {
  const current = base.getCurrentUser();
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: base.getClusters(),
    users: base.getUsers().map((u): User => (u.name === current?.name ? { ...u, impersonateUser: user } : u)),
    contexts: base.getContexts(),
    currentContext: base.getCurrentContext(),
  });
  return kc;
}

function build(ctx: UserContext, base: KubeConfig, key: string): UserClient {
  switch (ctx.kind) {
    case "server":
      return { key, kubeConfig: base, http: new KubeHttp(base) };
    case "token": {
      const kubeConfig = tokenConfig(base, ctx.token);
      return { key, kubeConfig, http: new KubeHttp(kubeConfig, {}, "caller") };
    }
    case "impersonate": {
      const headers: Record<string, HeaderValue> = { "Impersonate-User": ctx.user };
      if (ctx.groups.length > 0) headers["Impersonate-Group"] = [...ctx.groups];
      return { key, kubeConfig: impersonatingConfig(base, ctx.user), http: new KubeHttp(base, headers, "caller") };
    }
  }
}

/**
 * Client for `ctx` on the cluster of `base` (default: the dashboard's own
 * configuration, at the context the session picked). Cached briefly per identity hash.
 */
export function clientFor(ctx: UserContext, base: KubeConfig = kubeConfigFor(ctx)): UserClient {
  const key = identityKey(ctx);
  let entries = byBase.get(base);
  if (!entries) {
    entries = new Map();
    byBase.set(base, entries);
  }
  const now = Date.now();
  const hit = entries.get(key);
  if (hit && hit.expires > now) return hit.client;
  if (entries.size >= MAX_ENTRIES) {
    for (const [k, e] of entries) if (e.expires <= now) entries.delete(k);
    // Still full: drop the oldest insertions.
    for (const k of entries.keys()) {
      if (entries.size < MAX_ENTRIES) break;
      entries.delete(k);
    }
  }
  const client = build(ctx, base, key);
  entries.set(key, { client, expires: now + TTL_MS });
  return client;
}
