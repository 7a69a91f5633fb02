import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { assertChangeUnlocked, assertScopeUnlocked, locksFrom, type LockScope } from "./owners";

const vsTarget = { kind: "VirtualService", namespace: "argo-apl", name: "rollouts-demo-vsvc" } as const;
const rollout = (istio: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Rollout",
  metadata: { name: "rollouts-demo", namespace: "argo-apl" },
  spec: { strategy: { canary: { canaryService: "c", stableService: "s", trafficRouting: { istio, ...extra } } } },
});

function refusal(fn: () => void): { status: number; body: Record<string, unknown> } | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { status: error.status, body: { ...error.extras, error: error.detail } };
  }
}

const route = (name: string | undefined, i: number) => ({ ...(name ? { name } : {}), route: [{ destination: { host: `h${i}` } }] });
const rules = (...names: (string | undefined)[]) => ({ metadata: { name: vsTarget.name }, spec: { http: names.map(route) } });
const http = (index: number, label = `http route #${index + 1}`): LockScope => ({ section: "http", index, label });
const written = (locks: ReturnType<typeof locksFrom>, spec: object) => locks.map((l) => l.routes?.(spec) ?? null);

describe("locksFrom", () => {
  it("locks the routes an Argo Rollout writes (Argo's rule), plus its managed routes", () => {
    const vs = rules("header-route", "x", "primary");
    const locks = locksFrom(vsTarget, vs, [rollout({ virtualService: { name: "rollouts-demo-vsvc", routes: ["primary"] } }, { managedRoutes: [{ name: "header-route" }] })], []);
    expect(locks.map((l) => l.owner)).toEqual([{ resource: "VirtualService argo-apl/rollouts-demo-vsvc", controller: "argo-rollouts", namespace: "argo-apl", name: "rollouts-demo" }]);
    expect(written(locks, vs.spec)).toEqual([{ http: [0, 2], tls: [], tcp: [] }]);
  });

  it("naming only tcpRoutes still locks the only HTTP route; reads name.namespace refs and virtualServices lists", () => {
    const vs = { metadata: { name: vsTarget.name }, spec: { http: [route(undefined, 0)], tcp: [{ match: [{ port: 5000 }], route: [] }] } };
    const locks = locksFrom(vsTarget, vs, [rollout({ virtualServices: [{ name: "other" }, { name: "rollouts-demo-vsvc.argo-apl", tcpRoutes: [{ port: 5000 }] }] })], []);
    expect(written(locks, vs.spec)).toEqual([{ http: [0], tls: [], tcp: [0] }]);
    expect(refusal(() => assertScopeUnlocked(locks, http(0), vs))?.status).toBe(423);
    expect(refusal(() => assertScopeUnlocked(locks, { section: "tcp", index: 0, label: "tcp route #1" }, vs))?.status).toBe(423);
    expect(locksFrom(vsTarget, vs, [rollout({ virtualService: { name: "rollouts-demo-vsvc.elsewhere" } })], [])).toEqual([]);
  });

  it("a Rollout of another namespace naming the VirtualService as name.namespace locks it too", () => {
    const other = { ...rollout({ virtualService: { name: "rollouts-demo-vsvc.argo-apl", routes: ["primary"] } }), metadata: { name: "far", namespace: "elsewhere" } };
    const vs = rules("primary");
    const locks = locksFrom(vsTarget, vs, [other], []);
    expect(locks.map((l) => l.owner)).toMatchObject([{ namespace: "elsewhere", name: "far" }]);
    expect(written(locks, vs.spec)).toEqual([{ http: [0], tls: [], tcp: [] }]);
  });

  it("ignores unparsable Rollouts and Rollouts referencing other objects", () => {
    expect(locksFrom(vsTarget, rules("a"), [{ kind: "Rollout" }, rollout({ virtualService: { name: "x" } })], [])).toEqual([]);
  });

  it("without a live reference there is no lock; unreadable Rollouts leave it to the managed-by annotation", () => {
    const dr = { kind: "DestinationRule", namespace: "argo-apl", name: "dr" } as const;
    const annotated = { metadata: { name: "dr", annotations: { "argo-rollouts.argoproj.io/managed-by-rollouts": "rollouts-demo" }, managedFields: [{ manager: "rollouts-controller" }] }, spec: {} };
    expect(locksFrom(dr, annotated, [], [])).toEqual([]);
    expect(locksFrom(dr, annotated, null, [])).toMatchObject([{ owner: { name: "rollouts-demo" }, routes: null }]);
  });

  it("finds Flagger by ownerReference or by a Canary generating the object", () => {
    const byRef = locksFrom(vsTarget, { metadata: { name: vsTarget.name, ownerReferences: [{ apiVersion: "flagger.app/v1beta1", kind: "Canary", name: "podinfo" }] }, spec: {} }, [], []);
    expect(byRef).toMatchObject([{ owner: { controller: "flagger", name: "podinfo" }, routes: null }]);
    const canary = { metadata: { name: "demo" }, spec: { targetRef: { name: "rollouts-demo-vsvc" } } };
    expect(locksFrom(vsTarget, rules(), [], [canary])).toMatchObject([{ owner: { controller: "flagger", name: "demo" } }]);
    const renamed = { metadata: { name: "demo" }, spec: { targetRef: { name: "rollouts-demo-vsvc" }, service: { name: "web" } } };
    expect(locksFrom(vsTarget, rules(), [], [renamed])).toEqual([]);
  });

  it("locks HTTPRoutes named in the Argo gatewayAPI plugin config", () => {
    const target = { kind: "HTTPRoute", namespace: "argo-apl", name: "web" } as const;
    const r = rollout({}, { plugins: { "argoproj-labs/gatewayAPI": { httpRoute: "web" } } });
    expect(locksFrom(target, { metadata: { name: "web" }, spec: {} }, [r], [])).toMatchObject([{ owner: { controller: "argo-rollouts", name: "rollouts-demo" }, routes: null }]);
  });
});

describe("lock checks", () => {
  const before = rules("primary", "other");
  const listed = locksFrom(vsTarget, before, [rollout({ virtualService: { name: "rollouts-demo-vsvc", routes: ["primary"] } })], []);
  const only = rules(undefined);
  const implicit = locksFrom(vsTarget, only, [rollout({ virtualService: { name: "rollouts-demo-vsvc" } })], []);

  it("refuses a written route with 423, naming the route, the Rollout and the Rollout actions", () => {
    const r = refusal(() => assertScopeUnlocked(listed, http(0, "primary"), before));
    expect(r?.status).toBe(423);
    expect(r?.body).toMatchObject({ error: { code: "Locked" }, owner: { controller: "argo-rollouts", namespace: "argo-apl", name: "rollouts-demo", routes: ["primary"] } });
    expect(String((r?.body.error as { message: string }).message)).toMatch(/route "primary".*Argo Rollout argo-apl\/rollouts-demo.*Rollout actions/);
  });

  it("lets other routes, unknown routes and object-level actions through", () => {
    expect(refusal(() => assertScopeUnlocked(listed, http(1), before))).toBeNull();
    expect(refusal(() => assertScopeUnlocked(listed, { section: "http", index: undefined, label: "nope" }, before))).toBeNull();
    expect(refusal(() => assertScopeUnlocked(listed, { section: "object" }, before))).toBeNull();
    expect(refusal(() => assertScopeUnlocked(listed, { section: "tcp", index: 0, label: "tcp route #1" }, before))).toBeNull();
  });

  it("after planning: refuses changes to a written route, allows others", () => {
    const primaryChanged = structuredClone(before);
    (primaryChanged.spec.http[0] as { timeout?: string }).timeout = "1s";
    const otherChanged = structuredClone(before);
    (otherChanged.spec.http[1] as { timeout?: string }).timeout = "1s";
    const inserted = { spec: { http: [{ name: "t", route: [] }, ...before.spec.http] } };
    expect(refusal(() => assertChangeUnlocked(listed, before, primaryChanged))?.status).toBe(423);
    expect(refusal(() => assertChangeUnlocked(listed, before, { spec: { http: [before.spec.http[1]] } }))?.status).toBe(423);
    expect(refusal(() => assertChangeUnlocked(listed, before, otherChanged))).toBeNull();
    expect(refusal(() => assertChangeUnlocked(listed, before, inserted))).toBeNull();
  });

  it("the implicit route: a test route added above it makes Argo refuse the VirtualService (423); no change passes", () => {
    const inserted = { spec: { http: [{ name: "t", route: [] }, ...only.spec.http] } };
    expect(refusal(() => assertScopeUnlocked(implicit, http(0), only))?.status).toBe(423);
    expect(refusal(() => assertChangeUnlocked(implicit, only, inserted))?.status).toBe(423);
    expect(refusal(() => assertChangeUnlocked(implicit, only, structuredClone(only)))).toBeNull();
  });
});
