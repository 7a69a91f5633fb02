import { describe, expect, it } from "vitest";
import { testReplicaSet, testRollout } from "../test-objects";
import type { PodWire } from "../wire";
import { buildRolloutView } from "./build";

function pod(name: string, rs: string, over: Partial<{ ready: boolean; phase: string; restarts: number; image: string; deleting: boolean }> = {}): PodWire {
  return {
    metadata: {
      name,
      namespace: "ns",
      labels: { "rollouts-pod-template-hash": rs.split("-").pop() ?? "" },
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: rs, uid: `${rs}-uid` }],
      ...(over.deleting ? { deletionTimestamp: "2025-01-01T00:05:00Z" } : {}),
    },
    spec: { containers: [{ name: "app", image: over.image ?? "app:2" }] },
    status: { phase: over.phase ?? "Running", conditions: [{ type: "Ready", status: over.ready === false ? "False" : "True" }], containerStatuses: [{ name: "app", ready: over.ready !== false, restartCount: over.restarts ?? 0 }] },
  };
}

const withUid = (rs: ReturnType<typeof testReplicaSet>) => ({ ...rs, metadata: { ...rs.metadata, uid: `${rs.metadata.name}-uid` } });

describe("revisions: every ReplicaSet with its pods", () => {
  const ro = testRollout({ status: { stableRS: "b", currentPodHash: "c", currentStepIndex: 1 } });
  const replicaSets = [withUid(testReplicaSet("app-a", 1, "a", { spec: { replicas: 0 } })), withUid(testReplicaSet("app-b", 2, "b")), withUid(testReplicaSet("app-c", 3, "c"))];
  const expRS = withUid(
    testReplicaSet("app-exp-baseline", null, "x", { metadata: { ownerReferences: [{ apiVersion: "argoproj.io/v1alpha1", kind: "Experiment", name: "app-exp", uid: "exp-uid" }], creationTimestamp: "2025-01-01T00:01:00Z" } }),
  );
  const pods = [pod("app-c-1", "app-c", { ready: false, phase: "Pending", restarts: 2, image: "app:3" }), pod("app-b-2", "app-b"), pod("app-b-1", "app-b", { deleting: true }), pod("app-exp-baseline-1", "app-exp-baseline"), pod("other-1", "other")];
  const view = buildRolloutView({ rollout: ro, replicaSets, analysisRuns: [], experimentReplicaSets: [expRS], pods }, 0);

  it("lists stable, canary, older and experiment ReplicaSets with their roles", () => {
    expect(view.revisions.map((r) => [r.name, r.roles, r.experiment])).toEqual([
      ["app-c", ["canary"], null],
      ["app-b", ["stable"], null],
      ["app-a", ["older"], null],
      ["app-exp-baseline", ["experiment"], "app-exp"],
    ]);
  });

  it("gives each ReplicaSet its own pods (by owner), with readiness, restarts, images", () => {
    const byName = new Map(view.revisions.map((r) => [r.name, r.pods]));
    expect(byName.get("app-b")?.map((p) => [p.name, p.ready, p.terminating])).toEqual([
      ["app-b-1", true, true],
      ["app-b-2", true, false],
    ]);
    expect(byName.get("app-c")).toEqual([
      { name: "app-c-1", podTemplateHash: "c", replicaSet: "app-c", phase: "Pending", ready: false, restarts: 2, images: ["app:3"], createdAt: null, terminating: false },
    ]);
    expect(byName.get("app-a")).toEqual([]);
    expect(byName.get("app-exp-baseline")?.map((p) => p.name)).toEqual(["app-exp-baseline-1"]);
  });
});
