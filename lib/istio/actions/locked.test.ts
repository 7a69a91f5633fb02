import { describe, expect, it } from "vitest";
import { assertNotLocked } from "./locked";
import { expectActionError } from "./test-support/plan-checks";

describe("assertNotLocked", () => {
  const argo = { resource: "rollouts-demo-vsvc", controller: "argo-rollouts", namespace: "argo-apl", name: "rollouts-demo" } as const;

  it("explains who owns the weights and what to do instead (HTTP 423)", () => {
    const error = expectActionError(() => assertNotLocked(argo), "Locked");
    expect(error.message).toBe(
      "rollouts-demo-vsvc is managed by Argo Rollout argo-apl/rollouts-demo; the controller would revert this edit. Use the Rollout actions (promote, abort) instead.",
    );
    expect(error.status).toBe(423);
    expect(error.toJSON()).toEqual({ code: "Locked", message: error.message });
  });

  it("only locks the routes the controller manages", () => {
    const owner = { ...argo, routes: ["primary"] };
    expectActionError(() => assertNotLocked(owner, "primary"), "Locked", /\(route "primary"\)/);
    expect(() => assertNotLocked(owner, "mirror-route")).not.toThrow();
    expect(() => assertNotLocked(null)).not.toThrow();
    expectActionError(() => assertNotLocked({ resource: "podinfo", controller: "flagger", namespace: "test", name: "podinfo" }), "Locked", /Flagger Canary test\/podinfo/);
  });
});
