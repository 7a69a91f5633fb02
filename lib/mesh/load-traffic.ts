import "server-only";
import { getClusterCache } from "@/lib/k8s/cache/cluster-cache";
import { kubeConfigFor } from "@/lib/k8s/context-config";
import { filterSnapshotForUser } from "@/lib/k8s/identity/filter-snapshot";
import { identityKey, type UserContext } from "@/lib/k8s/identity/user-context";
import type { TrafficQuery } from "@/lib/api/traffic";
import { computeMesh } from "./traffic-model";
import { observedTraffic } from "./observed";
import { selectTrafficView } from "./traffic-view";

/** Wait at most this long for the cache's first sync before answering with what it has. */
const FIRST_SYNC_WAIT_MS = 10_000;
/** Identical requests within this time share one response body (observations are this fresh at worst). */
const BODY_TTL_MS = 2_000;
const MAX_BODIES = 64;

interface Entry {
  body: Promise<string>;
  expires: number;
}
const holder = globalThis as typeof globalThis & { __meshdeckTrafficBodies?: Map<string, Entry> };
const bodies = (holder.__meshdeckTrafficBodies ??= new Map());

/**
 * GET /api/traffic as a JSON string: the caller's view of the mesh. The model
 * is computed once per (visibility, cache revision) from the shared watch
 * cache; identical concurrent requests share one Prometheus query and one
 * serialised body; a user only ever sees objects their RBAC lets them list.
 */
export async function loadTrafficJson(ctx: UserContext, query: TrafficQuery): Promise<string> {
  const cache = getClusterCache(kubeConfigFor(ctx));
  await Promise.race([cache.ready(), new Promise((r) => setTimeout(r, FIRST_SYNC_WAIT_MS))]);
  const snapshot = await filterSnapshotForUser(ctx, cache.snapshot());
  const visibility = ctx.kind === "server" ? "server" : identityKey(ctx);
  const key = `${visibility}|${snapshot.cluster}#${snapshot.revision}|${query.namespace ?? "*"}|${query.window}`;
  const now = Date.now();
  const hit = bodies.get(key);
  if (hit && hit.expires > now) return hit.body;
  const computed = computeMesh(snapshot, visibility);
  const body = observedTraffic(computed.model, query.window).then((observed) => JSON.stringify(selectTrafficView(computed, observed, query.namespace)));
  bodies.set(key, { body, expires: now + BODY_TTL_MS });
  body.catch(() => bodies.delete(key));
  for (const [k, e] of bodies) if (e.expires <= now || bodies.size > MAX_BODIES) bodies.delete(k);
  return body;
}
