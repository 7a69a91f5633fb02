import { describe, expect, it } from "vitest";
import { fixtureNow, loadFixture, type FixtureName } from "../fixtures/load";
import { testReplicaSet, testRollout } from "../test-objects";
import { actionAccess, withCallerRights, parseRolloutActionRequest, resultingObject, planAbort, planPromoteAction, planRestart, planRetry, planRolloutAction, planSetImage, planUndo, RolloutActionError } from "./index";

const fx = (name: FixtureName) => {
  const f = loadFixture(name);
  return { ...f, now: fixtureNow(f) };
};
const target = { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", namespace: "meshdeck-fixtures", name: "rollouts-demo" };

function refusal(fn: () => unknown): { code: string; status: number; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof RolloutActionError) return { code: e.code, status: e.status, message: e.message };
    throw e;
  }
  throw new Error("expected a RolloutActionError");
}

describe("abort and retry", () => {
  it("abort: merge patch of the status subresource, the main resource on 404", () => {
    const f = fx("canary-paused");
    expect(planAbort(f.rollout, f.replicaSets, f.now)).toEqual({
      action: "abort",
      namespace: "meshdeck-fixtures",
      name: "rollouts-demo",
      message: "rollout 'rollouts-demo' aborted",
      requests: [
        {
          verb: "patch",
          target,
          subresource: "status",
          patchType: "merge",
          body: { status: { abort: true } },
          onNotFound: [{ verb: "patch", target, subresource: null, patchType: "merge", body: { status: { abort: true } } }],
        },
      ],
    });
  });

  it("abort is a Conflict (409) on a Healthy or aborted rollout", () => {
    const h = fx("canary-healthy");
    expect(refusal(() => planAbort(h.rollout, h.replicaSets, h.now))).toEqual({ code: "Conflict", status: 409, message: "The rollout is Healthy: no update is in progress to abort." });
    const a = fx("canary-aborted");
    expect(refusal(() => planAbort(a.rollout, a.replicaSets, a.now)).code).toBe("Conflict");
  });

  it("retry: {status: {abort: false}} on an aborted rollout, Conflict otherwise", () => {
    for (const name of ["canary-aborted", "analysis-failed"] as const) {
      const f = fx(name);
      const plan = planRetry(f.rollout, f.replicaSets, f.now);
      expect(plan.requests).toHaveLength(1);
      expect(plan.requests[0]).toMatchObject({ verb: "patch", subresource: "status", patchType: "merge", body: { status: { abort: false } } });
    }
    const p = fx("canary-paused");
    expect(refusal(() => planRetry(p.rollout, p.replicaSets, p.now)).message).toBe("The rollout is Paused: only an aborted or Degraded rollout can be retried.");
  });
});

describe("promote", () => {
  it("at a canary pause step: clears the pause conditions (status subresource)", () => {
    const f = fx("canary-paused");
    const plan = planPromoteAction(f.rollout, f.replicaSets, f.now);
    expect(plan.requests).toEqual([
      { verb: "patch", target, subresource: "status", patchType: "merge", body: { status: { pauseConditions: null } }, onNotFound: [{ verb: "patch", target, subresource: null, patchType: "merge", body: { spec: { paused: false }, status: { pauseConditions: null } } }] },
    ]);
    expect(plan.message).toBe("rollout 'rollouts-demo' promoted");
  });

  it("--full: promoteFull when the canary differs from stable", () => {
    const f = fx("subset-paused");
    const plan = planPromoteAction(f.rollout, f.replicaSets, f.now, { full: true });
    expect(plan.action).toBe("promote-full");
    expect(plan.requests.map((r) => r.body)).toEqual([{ status: { promoteFull: true } }]);
  });

  it("a blue-green pre-promotion pause", () => {
    const f = fx("bluegreen-paused");
    expect(planPromoteAction(f.rollout, f.replicaSets, f.now).requests.map((r) => [r.subresource, r.body])).toEqual([["status", { status: { pauseConditions: null } }]]);
  });

  it("is a Conflict on Healthy and aborted rollouts", () => {
    for (const name of ["canary-promoted", "canary-aborted", "bluegreen-promoted"] as const) {
      const f = fx(name);
      expect(refusal(() => planPromoteAction(f.rollout, f.replicaSets, f.now)).status).toBe(409);
    }
  });
});

describe("restart", () => {
  const f = fx("canary-promoted");

  it("sets spec.restartAt to now, in RFC 3339 UTC to the second, on the main resource", () => {
    const plan = planRestart(f.rollout, f.replicaSets, Date.parse("2025-02-03T04:05:06.789Z"));
    expect(plan.requests).toEqual([{ verb: "patch", target, subresource: null, patchType: "merge", body: { spec: { restartAt: "2025-02-03T04:05:06Z" } } }]);
    expect(plan.message).toBe("rollout 'rollouts-demo' restarts in 0s");
  });

  it("or in the future with --in", () => {
    const plan = planRestart(f.rollout, f.replicaSets, Date.parse("2025-02-03T04:05:06Z"), { in: "1m30s" });
    expect(plan.requests[0]?.body).toEqual({ spec: { restartAt: "2025-02-03T04:06:36Z" } });
    expect(plan.message).toBe("rollout 'rollouts-demo' restarts in 1m30s");
  });

  it("refuses a bad duration (Unprocessable) and a restart still pending (Conflict)", () => {
    expect(refusal(() => planRestart(f.rollout, f.replicaSets, 0, { in: "soon" })).code).toBe("Unprocessable");
    expect(refusal(() => planRestart(f.rollout, f.replicaSets, 0, { in: "-5s" })).code).toBe("Unprocessable");
    const pending = testRollout({ spec: { restartAt: "2025-01-01T00:00:00Z" } });
    expect(refusal(() => planRestart(pending, [], Date.parse("2025-01-01T00:00:05Z"))).code).toBe("Conflict");
  });
});

describe("undo", () => {
  it("sends the previous revision's template without the hash label as a JSON patch", () => {
    const f = fx("canary-retried");
    const yellow = f.replicaSets.find((r) => r.metadata.annotations?.["rollout.argoproj.io/revision"] === "2");
    const plan = planUndo(f.rollout, f.replicaSets);
    expect(plan.message).toBe("rollout 'rollouts-demo' undo");
    expect(plan.requests).toHaveLength(1);
    const req = plan.requests[0];
    expect(req).toMatchObject({ verb: "patch", target, subresource: null, patchType: "json" });
    const ops = req?.body as { op: string; path: string; value: { metadata: { labels: Record<string, string> }; spec: { containers: { image: string }[] } } }[];
    expect(ops).toHaveLength(1);
    expect(ops[0]?.op).toBe("replace");
    expect(ops[0]?.path).toBe("/spec/template");
    expect(ops[0]?.value.spec.containers[0]?.image).toBe("argoproj/rollouts-demo:yellow");
    expect(ops[0]?.value.metadata.labels).toEqual({ app: "rollouts-demo", "istio-injection": "enabled" });
    // Everything else of the ReplicaSet's template goes back as it is.
    const { metadata: _m, ...rest } = ops[0]!.value;
    const { metadata: _n, ...expected } = yellow?.spec.template as Record<string, unknown>;
    expect(rest).toEqual(expected);
  });

  it("skips when the template already matches, and finds an explicit revision", () => {
    const f = fx("canary-undone");
    const revisions = f.replicaSets.map((r) => r.metadata.annotations?.["rollout.argoproj.io/revision"]);
    expect(revisions.sort()).toEqual(["1", "3", "4"]);
    const current = planUndo(f.rollout, f.replicaSets, { toRevision: 4 });
    expect(current.requests).toEqual([]);
    expect(current.message).toBe("skipped rollback (current template already matches revision 4)");
    const toBlue = planUndo(f.rollout, f.replicaSets, { toRevision: 1 });
    expect((toBlue.requests[0]?.body as { value: { spec: { containers: { image: string }[] } } }[])[0]?.value.spec.containers[0]?.image).toBe("argoproj/rollouts-demo:blue");
    expect(refusal(() => planUndo(f.rollout, f.replicaSets, { toRevision: 2 }))).toMatchObject({ code: "Unprocessable", message: "unable to find specified revision 2 in history" });
  });

  it("is a Conflict without a previous revision", () => {
    const f = fx("canary-healthy");
    expect(refusal(() => planUndo(f.rollout, f.replicaSets))).toMatchObject({ code: "Conflict", message: 'no revision found for rollout "rollouts-demo"' });
  });

  it("walks the ReplicaSets as the CLI does (second-highest revision, unparsable ones skipped)", () => {
    const ro = testRollout();
    const sets = [testReplicaSet("app-c", 3, "c"), testReplicaSet("app-a", 1, "a"), testReplicaSet("app-e", 5, "e"), testReplicaSet("app-x", null, "x"), testReplicaSet("app-bad", 0, "bad", { metadata: { annotations: { "rollout.argoproj.io/revision": "x" } } })];
    const body = planUndo(ro, sets).requests[0]?.body as { value: { spec: { containers: { image: string }[] } } }[];
    expect(body[0]?.value.spec.containers[0]?.image).toBe("app:3");
  });

  it("patches the workload of a workloadRef instead", () => {
    const ro = testRollout({ spec: { workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" } } });
    const plan = planUndo(ro, [testReplicaSet("app-b", 2, "b"), testReplicaSet("app-c", 3, "c")]);
    expect(plan.requests[0]?.target).toEqual({ apiVersion: "apps/v1", kind: "Deployment", namespace: "ns", name: "web" });
  });
});

describe("set image", () => {
  it("PUTs the Rollout back with the container's image replaced", () => {
    const f = fx("canary-healthy");
    const plan = planSetImage(f.rollout, "rollouts-demo", "argoproj/rollouts-demo:red");
    expect(plan.requests).toHaveLength(1);
    const req = plan.requests[0]!;
    expect(req).toMatchObject({ verb: "update", target, subresource: null });
    const body = req.body as typeof f.rollout;
    expect(body.spec.template?.spec?.containers?.[0]?.image).toBe("argoproj/rollouts-demo:red");
    expect(body.metadata.resourceVersion).toBe(f.rollout.metadata.resourceVersion);
    // Nothing else changes, and the input is left alone.
    expect({ ...body, spec: { ...body.spec, template: f.rollout.spec.template } }).toEqual(f.rollout);
    expect(f.rollout.spec.template?.spec?.containers?.[0]?.image).toBe("argoproj/rollouts-demo:blue");
  });

  it("sets init and ephemeral containers too, and every container for *", () => {
    const ro = testRollout({ spec: { template: { spec: { initContainers: [{ name: "init", image: "i:1" }], containers: [{ name: "app", image: "a:1" }, { name: "side", image: "s:1" }], ephemeralContainers: [{ name: "debug", image: "d:1" }] } } } });
    const images = (plan: ReturnType<typeof planSetImage>) => {
      const spec = (plan.requests[0]?.body as typeof ro).spec.template?.spec;
      return [...(spec?.initContainers ?? []), ...(spec?.containers ?? []), ...(spec?.ephemeralContainers ?? [])].map((c) => c.image);
    };
    expect(images(planSetImage(ro, "init", "i:2"))).toEqual(["i:2", "a:1", "s:1", "d:1"]);
    expect(images(planSetImage(ro, "debug", "d:2"))).toEqual(["i:1", "a:1", "s:1", "d:2"]);
    expect(images(planSetImage(ro, "*", "x:9"))).toEqual(["x:9", "x:9", "x:9", "x:9"]);
  });

  it("refuses an unknown container or a bad image (Unprocessable)", () => {
    const ro = testRollout();
    expect(refusal(() => planSetImage(ro, "nope", "x:1"))).toMatchObject({ code: "Unprocessable", status: 422, message: 'unable to find container named "nope"' });
    expect(refusal(() => planSetImage(ro, "app", "a=b")).code).toBe("Unprocessable");
    expect(refusal(() => planSetImage(ro, "app", "")).code).toBe("Unprocessable");
    expect(refusal(() => planSetImage(ro, "app", "\u0000")).message).toMatch(/control characters/);
    expect(refusal(() => planSetImage(ro, "app", "Upper/Case")).message).toMatch(/invalid image reference/);
    expect(refusal(() => parseRolloutActionRequest({ action: "set-image", container: "app", image: "x\u0000" })).code).toBe("Unprocessable");
  });

  it("updates the Deployment of a workloadRef", () => {
    const ro = testRollout({ spec: { workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" } } });
    expect(refusal(() => planSetImage(ro, "app", "x:2")).code).toBe("Unprocessable");
    const deployment = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "ns" }, spec: { template: { spec: { containers: [{ name: "app", image: "x:1" }] } } } };
    const plan = planSetImage(ro, "app", "x:2", { workload: deployment });
    expect(plan.requests[0]).toMatchObject({ verb: "update", target: { kind: "Deployment", name: "web" }, body: { spec: { template: { spec: { containers: [{ name: "app", image: "x:2" }] } } } } });
  });
});

describe("planRolloutAction", () => {
  it("dispatches parsed requests", () => {
    const f = fx("canary-paused");
    const ctx = { rollout: f.rollout, replicaSets: f.replicaSets, now: f.now };
    expect(planRolloutAction(parseRolloutActionRequest({ action: "abort" }), ctx).action).toBe("abort");
    expect(planRolloutAction(parseRolloutActionRequest({ action: "promote-full" }), ctx).action).toBe("promote-full");
    expect(planRolloutAction(parseRolloutActionRequest({ action: "undo" }), ctx).requests[0]?.patchType).toBe("json");
    expect(planRolloutAction(parseRolloutActionRequest({ action: "restart", in: "5m" }), ctx).action).toBe("restart");
    expect(planRolloutAction(parseRolloutActionRequest({ action: "set-image", container: "rollouts-demo", image: "x:1" }), ctx).requests[0]?.verb).toBe("update");
  });

  it("rejects malformed bodies as Unprocessable", () => {
    expect(refusal(() => parseRolloutActionRequest({ action: "explode" })).code).toBe("Unprocessable");
    expect(refusal(() => parseRolloutActionRequest({ action: "undo", toRevision: -1 })).message).toContain("toRevision");
  });
});

describe("actionAccess: the writes checked (SelfSubjectAccessReview) before any phase check", () => {
  const rollout = { group: "argoproj.io", resource: "rollouts", namespace: "ns", name: "app" };
  it("status subresource for promote, abort and retry; the Rollout for restart, undo and set-image", () => {
    const ro = testRollout();
    for (const action of ["promote", "promote-full", "abort", "retry"] as const) expect(actionAccess({ action }, ro)).toEqual([{ verb: "patch", ...rollout, subresource: "status" }]);
    expect(actionAccess({ action: "restart" }, ro)).toEqual([{ verb: "patch", ...rollout }]);
    expect(actionAccess({ action: "undo" }, ro)).toEqual([{ verb: "patch", ...rollout }]);
    expect(actionAccess({ action: "set-image", container: "app", image: "x:1" }, ro)).toEqual([{ verb: "update", ...rollout }]);
  });

  it("the workload a workloadRef names for undo and set-image", () => {
    const ro = testRollout({ spec: { workloadRef: { apiVersion: "apps/v1", kind: "Deployment", name: "web" } } });
    const web = { group: "apps", resource: "deployments", namespace: "ns", name: "web" };
    expect(actionAccess({ action: "undo" }, ro)).toEqual([{ verb: "patch", ...web }]);
    expect(actionAccess({ action: "set-image", container: "app", image: "x:1" }, ro)).toEqual([{ verb: "update", ...web }]);
    expect(actionAccess({ action: "abort" }, ro)).toEqual([{ verb: "patch", ...rollout, subresource: "status" }]);
  });

  it("promote of a Rollout paused in its spec also patches the Rollout (spec.paused), as the CLI does", () => {
    const ro = testRollout({ spec: { paused: true } });
    expect(actionAccess({ action: "promote" }, ro)).toEqual([{ verb: "patch", ...rollout, subresource: "status" }, { verb: "patch", ...rollout }]);
  });
});

describe("withCallerRights: each action off when RBAC refuses one of its writes", () => {
  const on = { enabled: true, reason: "ok", denied: null };
  const all = { promote: on, "promote-full": on, abort: on, retry: on, restart: on, undo: on, "set-image": on };
  it("names the refused write, keeps the others", async () => {
    const ro = testRollout();
    const out = await withCallerRights(all, ro, async (a) => a.subresource === "status");
    for (const action of ["promote", "promote-full", "abort", "retry"] as const) {
      expect(out[action]).toEqual({
        enabled: false,
        reason: `You may not patch rollouts.argoproj.io/status "app" in namespace ns (Kubernetes RBAC), which ${action} needs.`,
        denied: { verb: "patch", group: "argoproj.io", resource: "rollouts", subresource: "status", namespace: "ns", name: "app" },
      });
    }
    expect([out.restart, out.undo, out["set-image"]]).toEqual([on, on, on]);
    const none = await withCallerRights(all, ro, async () => true);
    expect(Object.values(none).every((a) => !a.enabled && a.denied !== null)).toBe(true);
    expect(none["set-image"].reason).toMatch(/^You may not update rollouts.argoproj.io "app"/);
  });
});

describe("resultingObject", () => {
  const t = { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", namespace: "ns", name: "app" };
  const d = { apiVersion: "apps/v1", kind: "Deployment", namespace: "ns", name: "web" };
  it("a dry run lays the status a status request would set over the main resource's answer", () => {
    const sent = [
      { target: t, subresource: "status" as const, object: { spec: { paused: true }, status: { pauseConditions: null } } },
      { target: t, subresource: null, object: { spec: { paused: false }, status: { pauseConditions: [{ reason: "x" }] } } },
    ];
    expect(resultingObject(sent, true)?.object).toEqual({ spec: { paused: false }, status: { pauseConditions: null } });
    expect(resultingObject(sent, false)?.object).toEqual(sent[1]?.object);
  });

  it("the last request's target; null when nothing was sent", () => {
    expect(resultingObject([], true)).toBeNull();
    const only = [{ target: d, subresource: null, object: { spec: { replicas: 1 } } }];
    expect(resultingObject(only, true)).toEqual(only[0]);
  });
});
