import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { assertChangeUnlocked, assertScopeUnlocked, locksFrom, type LockScope, type WeightsLock } from "./owners";

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

const rules = (...names: (string | undefined)[]) => ({ spec: { http: names.map((name, i) => ({ ...(name ? { name } : {}), route: [{ destination: { host: `h${i}` } }] })) } });

describe("locksFrom", () => {
  it("locks the routes an Argo Rollout lists, plus its managed routes", () => {
    const locks = locksFrom(vsTarget, { name: vsTarget.name }, [rollout({ virtualService: { name: "rollouts-demo-vsvc", routes: ["primary"] } }, { managedRoutes: [{ name: "header-route" }] })], []);
    expect(locks).toEqual([
      {
        owner: { resource: "VirtualService argo-apl/rollouts-demo-vsvc", controller: "argo-rollouts", namespace: "argo-apl", name: "rollouts-demo", routes: ["primary", "header-route"] },
        http: ["primary", "header-route"],
        tcp: false,
      },
    ]);
  });

  it("locks everything when the Rollout names no routes; reads name.namespace refs and virtualServices lists", () => {
    const whole = locksFrom(vsTarget, { name: vsTarget.name }, [rollout({ virtualServices: [{ name: "other" }, { name: "rollouts-demo-vsvc.argo-apl" }] })], []);
    expect(whole).toHaveLength(1);
    expect(whole[0]).toMatchObject({ http: null, tcp: true });
    expect(whole[0]?.owner.routes).toBeUndefined();
    expect(locksFrom(vsTarget, { name: vsTarget.name }, [rollout({ virtualService: { name: "rollouts-demo-vsvc.elsewhere" } })], [])).toEqual([]);
  });

  it("ignores unparsable Rollouts and Rollouts referencing other objects", () => {
    expect(locksFrom(vsTarget, { name: vsTarget.name }, [{ kind: "Rollout" }, rollout({ virtualService: { name: "x" } })], [])).toEqual([]);
  });

  it("finds Flagger by ownerReference or by a Canary generating the object", () => {
    const byRef = locksFrom(vsTarget, { name: vsTarget.name, ownerReferences: [{ apiVersion: "flagger.app/v1beta1", kind: "Canary", name: "podinfo" }] }, [], []);
    expect(byRef).toMatchObject([{ owner: { controller: "flagger", name: "podinfo" }, http: null }]);
    const canary = { metadata: { name: "demo" }, spec: { targetRef: { name: "rollouts-demo-vsvc" } } };
    expect(locksFrom(vsTarget, { name: vsTarget.name }, [], [canary])).toMatchObject([{ owner: { controller: "flagger", name: "demo" } }]);
    const renamed = { metadata: { name: "demo" }, spec: { targetRef: { name: "rollouts-demo-vsvc" }, service: { name: "web" } } };
    expect(locksFrom(vsTarget, { name: vsTarget.name }, [], [renamed])).toEqual([]);
  });

  it("locks HTTPRoutes named in the Argo gatewayAPI plugin config", () => {
    const target = { kind: "HTTPRoute", namespace: "argo-apl", name: "web" } as const;
    const r = rollout({}, { plugins: { "argoproj-labs/gatewayAPI": { httpRoute: "web" } } });
    expect(locksFrom(target, { name: "web" }, [r], [])).toMatchObject([{ owner: { controller: "argo-rollouts", name: "rollouts-demo" }, http: null }]);
  });
});

describe("lock checks", () => {
  const listed: WeightsLock[] = locksFrom(vsTarget, { name: vsTarget.name }, [rollout({ virtualService: { name: "rollouts-demo-vsvc", routes: ["primary"] } })], []);
  const whole: WeightsLock[] = locksFrom(vsTarget, { name: vsTarget.name }, [rollout({ virtualService: { name: "rollouts-demo-vsvc" } })], []);
  const scope = (s: LockScope) => s;

  it("refuses a listed route with 423, naming the Rollout and the Rollout actions", () => {
    const r = refusal(() => assertScopeUnlocked(listed, scope({ section: "http", name: "primary" })));
    expect(r?.status).toBe(423);
    expect(r?.body).toMatchObject({ error: { code: "Locked" }, owner: { controller: "argo-rollouts", namespace: "argo-apl", name: "rollouts-demo", routes: ["primary"] } });
    expect(String((r?.body.error as { message: string }).message)).toMatch(/route "primary".*Argo Rollout argo-apl\/rollouts-demo.*Rollout actions/);
  });

  it("lets other routes and object-level actions through when routes are listed", () => {
    expect(refusal(() => assertScopeUnlocked(listed, scope({ section: "http", name: "other" })))).toBeNull();
    expect(refusal(() => assertScopeUnlocked(listed, scope({ section: "http", name: "" })))).toBeNull();
    expect(refusal(() => assertScopeUnlocked(listed, scope({ section: "object" })))).toBeNull();
    expect(refusal(() => assertScopeUnlocked(listed, scope({ section: "tcp" })))).toBeNull();
  });

  it("refuses every scope when the Rollout owns all routes", () => {
    for (const s of [{ section: "http", name: "x" }, { section: "object" }, { section: "tcp" }] as LockScope[]) {
      expect(refusal(() => assertScopeUnlocked(whole, s))?.status).toBe(423);
    }
  });

  it("after planning: refuses changes to a listed route, allows others", () => {
    const before = rules("primary", "other");
    const primaryChanged = structuredClone(before);
    (primaryChanged.spec.http[0] as { timeout?: string }).timeout = "1s";
    const otherChanged = structuredClone(before);
    (otherChanged.spec.http[1] as { timeout?: string }).timeout = "1s";
    const inserted = { spec: { http: [{ name: "t", route: [] }, ...before.spec.http] } };
    expect(refusal(() => assertChangeUnlocked(listed, before, primaryChanged))?.status).toBe(423);
    expect(refusal(() => assertChangeUnlocked(listed, before, { spec: { http: [before.spec.http[1]] } }))?.status).toBe(423);
    expect(refusal(() => assertChangeUnlocked(listed, before, otherChanged))).toBeNull();
    expect(refusal(() => assertChangeUnlocked(listed, before, inserted))).toBeNull();
    expect(refusal(() => assertChangeUnlocked(whole, before, inserted))?.status).toBe(423);
    expect(refusal(() => assertChangeUnlocked(whole, before, structuredClone(before)))).toBeNull();
  });
});
