import { describe, expect, it } from "vitest";
import { detectOwner } from "./owner";

const claim = { rollout: "demo", namespace: "a", reason: "Rollout demo references it", routes: null };

describe("detectOwner", () => {
  it("is manual without markers", () => {
    expect(detectOwner({ name: "vs" })).toMatchObject({ kind: "manual", weightsLocked: false, signals: [] });
  });
  it("recognises the Rollouts writing it now, not a past field manager", () => {
    expect(detectOwner({ name: "vs" }, [claim])).toMatchObject({ kind: "argo-rollouts", name: "demo", weightsLocked: true });
    expect(detectOwner({ name: "vs", managedFields: [{ manager: "kubectl" }, { manager: "rollouts-controller", operation: "Update" }] })).toMatchObject({ kind: "manual", weightsLocked: false });
  });
  it("recognises Flagger's Canary owner", () => {
    const o = detectOwner({ name: "podinfo", ownerReferences: [{ apiVersion: "flagger.app/v1beta1", kind: "Canary", name: "podinfo", controller: true }] });
    expect(o).toMatchObject({ kind: "flagger", name: "podinfo", weightsLocked: true });
  });
  it("recognises Helm and keeps it as a secondary signal under Argo", () => {
    expect(detectOwner({ name: "vs", labels: { "app.kubernetes.io/managed-by": "Helm" }, annotations: { "meta.helm.sh/release-name": "shop" } })).toMatchObject({ kind: "helm", name: "shop", weightsLocked: false });
    const both = detectOwner({ name: "vs", annotations: { "meta.helm.sh/release-name": "shop" } }, [claim]);
    expect(both.kind).toBe("argo-rollouts");
    expect(both.signals.map((s) => s.kind)).toEqual(["argo-rollouts", "helm"]);
  });
});
