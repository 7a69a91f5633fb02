import "server-only";
import { getClusterCache } from "@/lib/k8s/cache/cluster-cache";
import { filterSnapshotForUser } from "@/lib/k8s/identity/filter-snapshot";
import { identityKey, type UserContext } from "@/lib/k8s/identity/user-context";
import type { TrafficQuery, TrafficView } from "@/lib/api/traffic";
import { computeMesh } from "./traffic-model";
import { observedTraffic } from "./observed";
import { selectTrafficView } from "./traffic-view";

/** Wait at most this long for the cache's first sync before answering with what it has. */
const FIRST_SYNC_WAIT_MS = 10_000;

/**
 * GET /api/traffic: the caller's view of the mesh. The model is computed once
 * per (visibility, cache revision) from the shared watch cache; a user only
 * ever sees objects their RBAC lets them list.
 */
export async function loadTraffic(ctx: UserContext, query: TrafficQuery): Promise<TrafficView> {
  const cache = getClusterCache();
  await Promise.race([cache.ready(), new Promise((r) => setTimeout(r, FIRST_SYNC_WAIT_MS))]);
  const snapshot = await filterSnapshotForUser(ctx, cache.snapshot());
  const computed = computeMesh(snapshot, ctx.kind === "server" ? "server" : identityKey(ctx));
  const observed = await observedTraffic(computed.model, query.window);
  return selectTrafficView(computed, observed, query.namespace);
}
