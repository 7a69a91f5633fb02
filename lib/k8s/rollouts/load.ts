import "server-only";
import type { ManagedObject, PodSummary, RolloutDetail, RolloutList, RolloutSummary, RolloutsQuery } from "@/lib/api/rollouts";
import { AppError } from "@/lib/errors/app-error";
import { getClusterCache } from "@/lib/k8s/cache/cluster-cache";
import { kubeConfigFor } from "@/lib/k8s/context-config";
import type { CacheSnapshot, CachedObject } from "@/lib/k8s/cache/store";
import { filterSnapshotForUser } from "@/lib/k8s/identity/filter-snapshot";
import { identityKey, type UserContext } from "@/lib/k8s/identity/user-context";
import type { RolloutView } from "@/lib/rollouts/model";
import { withCallerRights, type ActionAccess } from "@/lib/rollouts/actions";
import { canI } from "@/lib/k8s/identity/access";
import { rolloutRoutesIn } from "@/lib/istio/model/argo-ownership";
import type { ArgoRoutesSpec } from "@/lib/istio/model/argo-routes";
import { rolloutWire } from "@/lib/istio/model/rollout-wire";
import { rolloutModel } from "@/lib/istio/model/rollouts";
import type { RolloutModel } from "@/lib/istio/model/schema";
import { cachedOne } from "./snapshot";
import { computeRollouts, type ComputedRollouts } from "./views";

const FIRST_SYNC_WAIT_MS = 10_000;

/** The caller's part of the shared watch cache (waits for the first sync, at most 10 s). */
export async function userSnapshot(ctx: UserContext): Promise<CacheSnapshot> {
  const cache = getClusterCache(kubeConfigFor(ctx));
  await Promise.race([cache.ready(), new Promise((r) => setTimeout(r, FIRST_SYNC_WAIT_MS))]);
  return filterSnapshotForUser(ctx, cache.snapshot());
}

export async function userRollouts(ctx: UserContext): Promise<{ snapshot: CacheSnapshot; computed: ComputedRollouts }> {
  const snapshot = await userSnapshot(ctx);
  return { snapshot, computed: computeRollouts(snapshot, ctx.kind === "server" ? "server" : identityKey(ctx)) };
}

function countsOf(items: readonly RolloutSummary[]): RolloutList["counts"] {
  const out = { Healthy: 0, Progressing: 0, Paused: 0, Degraded: 0, promotionPending: 0 };
  for (const v of items) {
    out[v.phase]++;
    if (v.promotionPending) out.promotionPending++;
  }
  return out;
}

/** GET /api/rollouts: every Rollout the caller may list (or those of one namespace), pending promotions first. */
export async function listRollouts(ctx: UserContext, query: RolloutsQuery): Promise<RolloutList> {
  const { snapshot, computed } = await userRollouts(ctx);
  const items = query.namespace ? computed.summaries.filter((s) => s.namespace === query.namespace) : computed.summaries;
  return { revision: snapshot.revision, items, counts: countsOf(items), degraded: computed.parsed.degraded };
}

type Labels = Record<string, string>;

function labelsOf(value: unknown): Labels {
  if (typeof value !== "object" || value === null) return {};
  const out: Labels = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === "string") out[k] = v;
  return out;
}

function field(o: unknown, ...path: string[]): unknown {
  let cur: unknown = o;
  for (const p of path) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The pods of every ReplicaSet of the Rollout (its revisions and its Experiments'), by name. */
function podsOf(view: RolloutView): PodSummary[] {
  return view.revisions.flatMap((r) => r.pods).sort((a, b) => a.name.localeCompare(b.name));
}

function destinationsOf(route: unknown): ManagedObject["routes"][number]["destinations"] {
  return arrayOf(field(route, "route")).map((d) => ({
    host: String(field(d, "destination", "host") ?? ""),
    subset: typeof field(d, "destination", "subset") === "string" ? String(field(d, "destination", "subset")) : null,
    weight: Number(field(d, "weight") ?? 0) || 0,
  }));
}

/** The routes the Rollout writes in a VirtualService as it is now (lib/istio/model/argo-ownership: the rule the lock uses). */
function writtenRoutes(rollout: RolloutModel | null, vs: CachedObject): Pick<ManagedObject, "routes" | "routingError"> {
  const spec = (field(vs, "spec") ?? {}) as ArgoRoutesSpec;
  const set = rollout ? rolloutRoutesIn(rollout, { namespace: vs.metadata.namespace ?? "", name: vs.metadata.name }, spec) : null;
  if (!set) return { routes: [], routingError: null };
  const routes = (["http", "tls", "tcp"] as const).flatMap((section) => {
    const all = arrayOf(field(vs, "spec", section));
    return set[section].map((index) => {
      const name = field(all[index], "name");
      return { section, index, name: section === "http" && typeof name === "string" ? name : `${section}[${index}]`, destinations: destinationsOf(all[index]) };
    });
  });
  return { routes, routingError: set.error };
}

function rolloutModelOf(snapshot: CacheSnapshot, view: RolloutView): RolloutModel | null {
  const parsed = rolloutWire.safeParse({ apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", ...cachedOne(snapshot, "rollouts", view.namespace, view.name) });
  return parsed.success ? rolloutModel(parsed.data) : null;
}

function managedObjects(snapshot: CacheSnapshot, view: RolloutView): ManagedObject[] {
  const rollout = rolloutModelOf(snapshot, view);
  return (view.trafficRouting?.resources ?? []).map((r): ManagedObject => {
    const kindKey = r.kind === "VirtualService" ? "virtualservices" : r.kind === "DestinationRule" ? "destinationrules" : "services";
    const o = cachedOne(snapshot, kindKey, r.namespace, r.name);
    const base: ManagedObject = { kind: r.kind, namespace: r.namespace, name: r.name, locked: true, lockReason: r.lockReason, found: !!o, routes: [], routingError: null, subsets: [], selector: null };
    if (!o) return base;
    if (r.kind === "VirtualService") {
      Object.assign(base, writtenRoutes(rollout, o));
    } else if (r.kind === "DestinationRule") {
      base.subsets = arrayOf(field(o, "spec", "subsets")).map((s) => ({ name: String(field(s, "name") ?? ""), labels: labelsOf(field(s, "labels")) }));
    } else {
      base.selector = labelsOf(field(o, "spec", "selector"));
    }
    return base;
  });
}

/** Whether RBAC refuses the caller this write (SelfSubjectAccessReview as the caller, cached); unknown when the review fails: the API server decides then. */
async function refused(ctx: UserContext, access: ActionAccess): Promise<boolean> {
  try {
    return !(await canI(ctx, { verb: access.verb, group: access.group, resource: access.resource, namespace: access.namespace, name: access.name, ...(access.subresource ? { subresource: access.subresource } : {}) }));
  } catch {
    return false;
  }
}

/** GET /api/rollouts/{namespace}/{name}: the full view, the pods of its revisions and the objects it drives. */
export async function rolloutDetail(ctx: UserContext, namespace: string, name: string): Promise<RolloutDetail> {
  const { snapshot, computed } = await userRollouts(ctx);
  const view = computed.byKey.get(`${namespace}/${name}`);
  if (!view) {
    const degraded = computed.parsed.degraded;
    if (degraded?.code === "CrdMissing") throw new AppError({ code: "CrdMissing", message: degraded.message, resource: "rollouts.argoproj.io" });
    throw new AppError({ code: "NotFound", message: `Rollout ${namespace}/${name} not found (or not visible to you)`, verb: "get", resource: "rollouts.argoproj.io", namespace });
  }
  const wire = computed.parsed.rollouts.find((r) => r.metadata.name === name && (r.metadata.namespace ?? "default") === namespace);
  const rollout = wire ? { ...view, actions: await withCallerRights(view.actions, wire, (access) => refused(ctx, access)) } : view;
  return { revision: snapshot.revision, rollout, pods: podsOf(view), managed: managedObjects(snapshot, view) };
}
