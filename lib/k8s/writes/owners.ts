import "server-only";
import { z } from "zod";
import { assertNotLocked, isActionError, jsonEqual, type WeightsOwner } from "@/lib/istio/actions";
import { routeLabel } from "@/lib/istio/actions/route-ref";
import { argoClaims, rolloutRoutesIn } from "@/lib/istio/model/argo-ownership";
import type { ArgoRoutesSpec } from "@/lib/istio/model/argo-routes";
import { rolloutWire } from "@/lib/istio/model/rollout-wire";
import { rolloutModel } from "@/lib/istio/model/rollouts";
import type { ObjectMeta } from "@/lib/istio/wire";
import { isKubeHttpError, type KubeHttp } from "../identity/kube-http";
import { toAppError } from "../map-error";
import { lockedError } from "./errors";
import { targetLabel, type WriteTarget } from "./targets";

type Section = "http" | "tls" | "tcp";
const SECTIONS: readonly Section[] = ["http", "tls", "tcp"];

/** A controller that rewrites traffic of the target, and which part of it. */
export interface WeightsLock {
  owner: WeightsOwner;
  /**
   * The routes it writes, by section, in a given spec (Argo's rule, lib/istio/model/argo-routes);
   * null = the whole object (every route or rule).
   */
  routes: ((spec: ArgoRoutesSpec) => Record<Section, number[]>) | null;
}

/** Lists a namespaced resource as the caller: a missing CRD (404) yields [], a refusal (403) null (unknown). */
async function listAsCaller(http: KubeHttp, path: string, resource: string, namespace: string): Promise<unknown[] | null> {
  try {
    const list = await http.json<{ items?: unknown[] }>({ path, timeoutMs: 10_000 });
    return list.items ?? [];
  } catch (error) {
    // 404: the CRD is not installed (a list never 404s otherwise). 403: the caller may not
    // read it; the lock is a guard against fighting a controller, not an access control
    // (RBAC on the patch is): the annotation Argo keeps current decides then.
    if (isKubeHttpError(error) && error.code === 404) return [];
    if (isKubeHttpError(error) && error.code === 403) return null;
    throw toAppError(error, { verb: "list", resource, namespace });
  }
}

type TargetRef = Pick<WriteTarget<unknown>, "kind" | "namespace" | "name">;

function argoLocks(target: TargetRef, meta: ObjectMeta, spec: ArgoRoutesSpec, rollouts: readonly unknown[] | null): WeightsLock[] {
  const models = rollouts === null ? null : rollouts.flatMap((item) => {
    const parsed = rolloutWire.safeParse(item);
    return parsed.success ? [rolloutModel(parsed.data)] : [];
  });
  const claims = argoClaims({ kind: target.kind, namespace: target.namespace, name: target.name, metadata: meta, spec }, models);
  return claims.map((claim) => {
    const owner: WeightsOwner = { resource: targetLabel(target), controller: "argo-rollouts", namespace: claim.namespace, name: claim.rollout };
    if (claim.routes === null || target.kind !== "VirtualService") return { owner, routes: null };
    // Re-decided on each version of the spec: a planned change must not alter what Argo writes.
    const model = models?.find((m) => m.name === claim.rollout && m.namespace === claim.namespace);
    const routes = (spec: ArgoRoutesSpec) => {
      const set = model ? rolloutRoutesIn(model, target, spec) : null;
      return { http: set?.http ?? [], tls: set?.tls ?? [], tcp: set?.tcp ?? [] };
    };
    return { owner, routes };
  });
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
  return [...names].map((name) => ({ owner: { resource: targetLabel(target), controller: "flagger", namespace: target.namespace, name }, routes: null }));
}

/**
 * The Rollouts the caller may list: in every namespace (a Rollout may name a
 * VirtualService of another namespace, `name.namespace`, as the mesh model
 * shows), else in the target's namespace only; null when neither is allowed.
 */
async function listRollouts(http: KubeHttp, namespace: string): Promise<unknown[] | null> {
  const all = await listAsCaller(http, "/apis/argoproj.io/v1alpha1/rollouts", "rollouts.argoproj.io", namespace);
  return all ?? listAsCaller(http, `/apis/argoproj.io/v1alpha1/namespaces/${encodeURIComponent(namespace)}/rollouts`, "rollouts.argoproj.io", namespace);
}

/**
 * Controllers owning the target's weights: Argo Rollouts whose canary
 * trafficRouting names it (istio.virtualService(s), or the gatewayAPI plugin's
 * httpRoute(s)), and Flagger Canaries generating it (an ownerReference, or a
 * Canary in the namespace named for it). Read as the caller.
 */
export async function findWeightsLocks(http: KubeHttp, target: WriteTarget<unknown>, current: { metadata: ObjectMeta; spec: unknown }): Promise<WeightsLock[]> {
  const ns = encodeURIComponent(target.namespace);
  const [rollouts, canaries] = await Promise.all([
    listRollouts(http, target.namespace),
    listAsCaller(http, `/apis/flagger.app/v1beta1/namespaces/${ns}/canaries`, "canaries.flagger.app", target.namespace),
  ]);
  return locksFrom(target, current, rollouts, canaries ?? []);
}

/**
 * The locks on `target` given the Rollouts the caller may list (null: none)
 * and the Canaries of its namespace (pure). Argo's part is lib/istio/model/argo-ownership, the
 * decision the mesh model shows as `owner` and `managedBy`.
 */
export function locksFrom(target: TargetRef, current: { metadata: ObjectMeta; spec: unknown }, rollouts: readonly unknown[] | null, canaries: readonly unknown[]): WeightsLock[] {
  return [...argoLocks(target, current.metadata, specOf(current), rollouts), ...flaggerLocks(target, current.metadata, canaries)];
}

function specOf(o: { spec: unknown }): ArgoRoutesSpec & Record<string, unknown> {
  return typeof o.spec === "object" && o.spec !== null ? (o.spec as ArgoRoutesSpec & Record<string, unknown>) : {};
}

function raise(owner: WeightsOwner, route?: string): never {
  const scoped = route === undefined ? { ...owner, routes: undefined } : { ...owner, routes: [route] };
  try {
    assertNotLocked(scoped, route);
  } catch (error) {
    if (isActionError(error)) throw lockedError(error, scoped);
    throw error;
  }
  throw new Error("assertNotLocked did not refuse a locked route");
}

/** What an action targets, for the check before planning: a route by section and index (as read), or the whole object. */
export type LockScope = { section: Section; index: number | undefined; label: string } | { section: "object" };

/** 423 when a controller writes what `scope` names (the whole object: a controller writing every route). */
export function assertScopeUnlocked(locks: readonly WeightsLock[], scope: LockScope, current: { spec: unknown }): void {
  for (const lock of locks) {
    if (lock.routes === null) raise(lock.owner);
    if (scope.section === "object" || scope.index === undefined) continue;
    if (lock.routes(specOf(current))[scope.section].includes(scope.index)) raise(lock.owner, scope.label);
  }
}

const routesOf = (spec: Record<string, unknown>, section: Section): unknown[] => (Array.isArray(spec[section]) ? (spec[section] as unknown[]) : []);

/** The routes a lock covers in `spec`, as data (what must stay the same). */
function written(lock: WeightsLock, spec: ArgoRoutesSpec & Record<string, unknown>): Record<Section, unknown[]> {
  const indexes = lock.routes ? lock.routes(spec) : { http: [], tls: [], tcp: [] };
  return { http: indexes.http.map((i) => routesOf(spec, "http")[i]), tls: indexes.tls.map((i) => routesOf(spec, "tls")[i]), tcp: indexes.tcp.map((i) => routesOf(spec, "tcp")[i]) };
}

/** The label of the first route of `indexes` whose content differs. */
function firstChanged(indexes: readonly number[], a: readonly unknown[], b: readonly unknown[], section: Section): string {
  const k = Math.max(0, a.findIndex((route, j) => !jsonEqual(route, b[j])));
  const i = indexes[k] ?? indexes[0] ?? 0;
  const name = section === "http" ? (a[k] as { name?: string } | undefined)?.name : undefined;
  return name ?? routeLabel(section, i, undefined);
}

interface SpecLike {
  spec: unknown;
}

/**
 * 423 when the planned result changes anything a controller writes (after
 * planning: catches switch, undo, …): for Argo, the routes it writes, decided
 * again on the result — an edit that changes which routes those are (a second
 * route where Argo needs exactly one) changes what it writes too.
 */
export function assertChangeUnlocked(locks: readonly WeightsLock[], before: SpecLike, after: SpecLike): void {
  const was = specOf(before);
  const now = specOf(after);
  for (const lock of locks) {
    if (lock.routes === null) {
      if (!jsonEqual(was, now)) raise(lock.owner);
      continue;
    }
    const a = written(lock, was);
    const b = written(lock, now);
    for (const section of SECTIONS) {
      if (jsonEqual(a[section], b[section])) continue;
      raise(lock.owner, firstChanged(lock.routes(was)[section], a[section], b[section], section));
    }
  }
}
