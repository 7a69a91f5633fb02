import "server-only";
import { z } from "zod";
import { assertNotLocked, isActionError, jsonEqual, type WeightsOwner } from "@/lib/istio/actions";
import { rolloutWire } from "@/lib/istio/model/rollout-wire";
import { rolloutModel, splitArgoRef } from "@/lib/istio/model/rollouts";
import type { HttpRouteWire, ObjectMeta } from "@/lib/istio/wire";
import { isKubeHttpError, type KubeHttp } from "../identity/kube-http";
import { toAppError } from "../map-error";
import { lockedError } from "./errors";
import { targetLabel, type WriteTarget } from "./targets";

/** A controller that rewrites traffic of the target, and which part of it. */
export interface WeightsLock {
  owner: WeightsOwner;
  /** http routes (by name) the controller writes; null = every http route (or HTTPRoute rule). */
  http: readonly string[] | null;
  /** Whether it also writes tcp routes. */
  tcp: boolean;
}

/** Lists a namespaced resource as the caller; a missing CRD (404) or a refusal (403) yields null. */
async function listAsCaller(http: KubeHttp, path: string, resource: string, namespace: string): Promise<unknown[] | null> {
  try {
    const list = await http.json<{ items?: unknown[] }>({ path, timeoutMs: 10_000 });
    return list.items ?? [];
  } catch (error) {
    // 404: the CRD is not installed (a list never 404s otherwise). 403: the caller may not
    // read it; the lock is a guard against fighting a controller, not an access control
    // (RBAC on the patch is), so the action proceeds as if there were no such controller.
    if (isKubeHttpError(error) && (error.code === 404 || error.code === 403)) return null;
    throw toAppError(error, { verb: "list", resource, namespace });
  }
}

type TargetRef = Pick<WriteTarget<unknown>, "kind" | "namespace" | "name">;

function argoLocks(target: TargetRef, items: readonly unknown[]): WeightsLock[] {
  const locks: WeightsLock[] = [];
  for (const item of items) {
    const parsed = rolloutWire.safeParse(item);
    if (!parsed.success) continue;
    const rollout = parsed.data;
    const model = rolloutModel(rollout);
    const base = { resource: targetLabel(target), controller: "argo-rollouts", namespace: model.namespace, name: model.name } as const;
    if (target.kind === "VirtualService") {
      const istio = rollout.spec.strategy.canary?.trafficRouting?.istio;
      const refs = [...(istio?.virtualService ? [istio.virtualService] : []), ...(istio?.virtualServices ?? [])];
      for (const ref of refs) {
        const { namespace, name } = splitArgoRef(ref.name, model.namespace);
        if (namespace !== target.namespace || name !== target.name) continue;
        const routes = ref.routes ?? [];
        const l4Only = routes.length === 0 && ((ref.tcpRoutes?.length ?? 0) > 0 || (ref.tlsRoutes?.length ?? 0) > 0);
        // Argo writes the named routes plus the routes it creates for header/mirror steps;
        // naming none means the VirtualService's only http route.
        const http = routes.length > 0 || l4Only ? [...routes, ...model.managedRoutes] : null;
        locks.push({ owner: { ...base, ...(http ? { routes: http } : {}) }, http, tcp: http === null || (ref.tcpRoutes?.length ?? 0) > 0 });
      }
    } else if (model.httpRoutes.some((r) => r.namespace === target.namespace && r.name === target.name)) {
      locks.push({ owner: base, http: null, tcp: false });
    }
  }
  return locks;
}

const canarySchema = z.looseObject({
  metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }),
  spec: z.looseObject({ targetRef: z.looseObject({ name: z.string() }).optional(), service: z.looseObject({ name: z.string().optional() }).optional() }).optional(),
});

function flaggerLocks(target: TargetRef, meta: ObjectMeta, items: readonly unknown[]): WeightsLock[] {
  const names = new Set<string>();
  for (const ref of meta.ownerReferences ?? []) if (ref.kind === "Canary" && ref.apiVersion.startsWith("flagger.app/")) names.add(ref.name);
  for (const item of items) {
    const parsed = canarySchema.safeParse(item);
    if (!parsed.success) continue;
    // Flagger names the objects it generates after spec.service.name, else the target's name.
    const generated = parsed.data.spec?.service?.name ?? parsed.data.spec?.targetRef?.name;
    if (generated === target.name) names.add(parsed.data.metadata.name);
  }
  return [...names].map((name) => ({ owner: { resource: targetLabel(target), controller: "flagger", namespace: target.namespace, name }, http: null, tcp: true }));
}

/**
 * Controllers owning the target's weights: Argo Rollouts in its namespace
 * whose canary trafficRouting names it (istio.virtualService(s), or the
 * gatewayAPI plugin's httpRoute(s)), and Flagger Canaries generating it (an
 * ownerReference, or a Canary in the namespace named for it). Read as the caller.
 */
export async function findWeightsLocks(http: KubeHttp, target: WriteTarget<unknown>, meta: ObjectMeta): Promise<WeightsLock[]> {
  const ns = encodeURIComponent(target.namespace);
  const [rollouts, canaries] = await Promise.all([
    listAsCaller(http, `/apis/argoproj.io/v1alpha1/namespaces/${ns}/rollouts`, "rollouts.argoproj.io", target.namespace),
    listAsCaller(http, `/apis/flagger.app/v1beta1/namespaces/${ns}/canaries`, "canaries.flagger.app", target.namespace),
  ]);
  return locksFrom(target, meta, rollouts ?? [], canaries ?? []);
}

/** The locks on `target` given the Rollouts and Canaries of its namespace (pure). */
export function locksFrom(target: Pick<WriteTarget<unknown>, "kind" | "namespace" | "name">, meta: ObjectMeta, rollouts: readonly unknown[], canaries: readonly unknown[]): WeightsLock[] {
  return [...argoLocks(target, rollouts), ...flaggerLocks(target, meta, canaries)];
}

function raise(owner: WeightsOwner, routeName?: string): never {
  try {
    assertNotLocked(routeName === undefined ? { ...owner, routes: undefined } : owner, routeName);
  } catch (error) {
    if (isActionError(error)) throw lockedError(error, owner);
    throw error;
  }
  throw new Error("assertNotLocked did not refuse a locked route");
}

/** What an action targets, for the check before planning. */
export type LockScope = { section: "http"; name: string | undefined } | { section: "tcp" } | { section: "object" };

/** 423 when a controller owns what `scope` names (the whole object: any controller writing every route). */
export function assertScopeUnlocked(locks: readonly WeightsLock[], scope: LockScope): void {
  for (const lock of locks) {
    if (lock.http === null && scope.section !== "tcp") raise(lock.owner);
    if (scope.section === "tcp" && lock.tcp) raise(lock.owner);
    if (scope.section === "http" && scope.name !== undefined && lock.http?.includes(scope.name)) raise(lock.owner, scope.name);
  }
}

interface SpecLike {
  spec: Record<string, unknown>;
}

const httpRules = (o: SpecLike) => (Array.isArray(o.spec.http) ? (o.spec.http as HttpRouteWire[]) : []);

/** 423 when the planned result changes anything a controller owns (after planning: catches switch, undo, …). */
export function assertChangeUnlocked(locks: readonly WeightsLock[], before: SpecLike, after: SpecLike): void {
  for (const lock of locks) {
    for (const section of ["tcp", "rules"] as const) {
      if ((section === "rules" || lock.tcp) && !jsonEqual(before.spec[section] ?? null, after.spec[section] ?? null)) raise(lock.owner);
    }
    if (jsonEqual(before.spec.http ?? null, after.spec.http ?? null)) continue;
    if (lock.http === null) raise(lock.owner);
    for (const name of lock.http) {
      const was = httpRules(before).find((r) => r.name === name);
      const now = httpRules(after).find((r) => r.name === name);
      if (!jsonEqual(was ?? null, now ?? null)) raise(lock.owner, name);
    }
  }
}
