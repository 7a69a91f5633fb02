import { describe, expect, it } from "vitest";
import type { HttpRule, Owner, VirtualServiceModel } from "@/lib/istio/model/schema";
import { weightsOwner } from "./weights-owner";

const owner = (kind: Owner["kind"], name: string | null): Owner => ({ kind, name, reason: "", weightsLocked: kind === "argo-rollouts" || kind === "flagger", signals: [] });
const vs = (o: Owner) => ({ namespace: "a", owner: o }) as unknown as VirtualServiceModel;
const rule = (managedBy: string | null) => ({ managedBy: managedBy ? { kind: "argo-rollouts", name: managedBy } : null }) as unknown as HttpRule;

describe("weightsOwner: the route-level lock the server's 423 applies", () => {
  it("an Argo-owned VirtualService locks only the routes its Rollout writes", () => {
    expect(weightsOwner(vs(owner("argo-rollouts", "web")), rule("web"))).toEqual({ controller: "argo-rollouts", label: "Argo Rollouts", namespace: "a", name: "web" });
    expect(weightsOwner(vs(owner("argo-rollouts", "web")), rule(null))).toBeNull();
  });

  it("Flagger locks every route; Helm and manual objects none", () => {
    expect(weightsOwner(vs(owner("flagger", "podinfo")), rule(null))).toMatchObject({ controller: "flagger", name: "podinfo" });
    expect(weightsOwner(vs(owner("helm", "shop")), rule(null))).toBeNull();
    expect(weightsOwner(vs(owner("manual", null)), rule(null))).toBeNull();
  });
});
