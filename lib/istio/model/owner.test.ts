import { describe, expect, it } from "vitest";
import { detectOwner } from "./owner";

describe("detectOwner", () => {
  it("is manual without markers", () => {
    expect(detectOwner({ name: "vs" })).toMatchObject({ kind: "manual", weightsLocked: false, signals: [] });
  });
  it("recognises a referencing Rollout, Argo's annotation and field manager", () => {
    expect(detectOwner({ name: "vs" }, [{ rollout: "demo", via: "trafficRouting.istio.virtualService" }])).toMatchObject({ kind: "argo-rollouts", name: "demo", weightsLocked: true });
    expect(detectOwner({ name: "dr", annotations: { "argo-rollouts.argoproj.io/managed-by-rollouts": "demo" } })).toMatchObject({ kind: "argo-rollouts", name: "demo" });
    expect(detectOwner({ name: "vs", managedFields: [{ manager: "kubectl" }, { manager: "rollouts-controller", operation: "Update" }] })).toMatchObject({ kind: "argo-rollouts", name: null, weightsLocked: true });
  });
  it("recognises Flagger's Canary owner", () => {
    const o = detectOwner({ name: "podinfo", ownerReferences: [{ apiVersion: "flagger.app/v1beta1", kind: "Canary", name: "podinfo", controller: true }] });
    expect(o).toMatchObject({ kind: "flagger", name: "podinfo", weightsLocked: true });
  });
  it("recognises Helm and keeps it as a secondary signal under Argo", () => {
    expect(detectOwner({ name: "vs", labels: { "app.kubernetes.io/managed-by": "Helm" }, annotations: { "meta.helm.sh/release-name": "shop" } })).toMatchObject({ kind: "helm", name: "shop", weightsLocked: false });
    const both = detectOwner({ name: "vs", annotations: { "meta.helm.sh/release-name": "shop" } }, [{ rollout: "demo", via: "x" }]);
    expect(both.kind).toBe("argo-rollouts");
    expect(both.signals.map((s) => s.kind)).toEqual(["argo-rollouts", "helm"]);
  });
});
