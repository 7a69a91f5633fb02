import { describe, expect, it } from "vitest";
import { parsePod } from "../model/parse";
import type { PodInfo } from "../model/objects";
import { canonicalRevision, canonicalService, podIdentity, workloadName } from "./identity";

function pod(name: string, labels: Record<string, string>, owner?: { kind: string; name: string }, extra: Record<string, unknown> = {}): PodInfo {
  const r = parsePod({
    metadata: { name, namespace: "ns1", labels, ownerReferences: owner ? [{ apiVersion: "apps/v1", ...owner, controller: true }] : undefined, ...extra },
    spec: { serviceAccountName: "sa1", containers: [{ name: "app" }] },
    status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] },
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe("workload name as Istio derives it", () => {
  it("strips the pod-template-hash of a Deployment's ReplicaSet", () => {
    expect(workloadName(pod("reviews-v1-5f7c8-abcde", { "pod-template-hash": "5f7c8" }, { kind: "ReplicaSet", name: "reviews-v1-5f7c8" }))).toBe("reviews-v1");
  });
  it("strips the rollouts-pod-template-hash of a Rollout's ReplicaSet", () => {
    expect(workloadName(pod("rollouts-demo-687d76d795-x1", { "rollouts-pod-template-hash": "687d76d795" }, { kind: "ReplicaSet", name: "rollouts-demo-687d76d795" }))).toBe("rollouts-demo");
  });
  it("keeps a ReplicaSet name without a matching hash, and uses other controllers as they are", () => {
    expect(workloadName(pod("rs-abc-1", {}, { kind: "ReplicaSet", name: "rs-abc" }))).toBe("rs-abc");
    expect(workloadName(pod("db-0", {}, { kind: "StatefulSet", name: "db" }))).toBe("db");
    expect(workloadName(pod("backup-28391234-x", {}, { kind: "Job", name: "backup-28391234" }))).toBe("backup");
    expect(workloadName(pod("bare", {}))).toBe("bare");
  });
});

describe("canonical service and revision", () => {
  it("prefer the Istio labels, then app.kubernetes.io, then app/version", () => {
    expect(canonicalService({ "service.istio.io/canonical-name": "a", "app.kubernetes.io/name": "b", app: "c" }, "w")).toBe("a");
    expect(canonicalService({ "app.kubernetes.io/name": "b", app: "c" }, "w")).toBe("b");
    expect(canonicalService({ app: "c" }, "w")).toBe("c");
    expect(canonicalService({}, "w")).toBe("w");
    expect(canonicalRevision({ "service.istio.io/canonical-revision": "r1", version: "v9" })).toBe("r1");
    expect(canonicalRevision({ "app.kubernetes.io/version": "1.2", version: "v9" })).toBe("1.2");
    expect(canonicalRevision({ version: "v9" })).toBe("v9");
    expect(canonicalRevision({})).toBe("latest");
  });

  it("builds the full identity with principal and unknown app/version", () => {
    const id = podIdentity(pod("x-1", { "pod-template-hash": "h1" }, { kind: "ReplicaSet", name: "x-h1" }));
    expect(id).toEqual({
      workload: "x",
      namespace: "ns1",
      app: "unknown",
      version: "unknown",
      canonicalService: "x",
      canonicalRevision: "latest",
      serviceAccount: "sa1",
      principal: "spiffe://cluster.local/ns/ns1/sa/sa1",
      podTemplateHash: "h1",
    });
  });
});

describe("sidecar detection", () => {
  it("recognises the istio-proxy container or the injector's status annotation", () => {
    expect(pod("a", {}).sidecar).toBe(false);
    expect(pod("a", {}, undefined, { annotations: { "sidecar.istio.io/status": "{}" } }).sidecar).toBe(true);
  });
});
