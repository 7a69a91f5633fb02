import { describe, expect, it } from "vitest";
import type { PodWire, ReplicaSetWire } from "@/lib/istio/wire";
import { workloadOf } from "./workload-ref";

function pod(owner: { kind: string; name: string } | null, labels: Record<string, string> = {}): PodWire {
  return {
    metadata: { name: "p-1", namespace: "ns", labels, ownerReferences: owner ? [{ apiVersion: "apps/v1", ...owner, controller: true }] : undefined },
    spec: { containers: [{ name: "c" }] },
  };
}

function rs(name: string, owner: { kind: string; name: string } | null): ReplicaSetWire {
  return {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name, namespace: "ns", ownerReferences: owner ? [{ apiVersion: "x", ...owner, controller: true }] : undefined },
    spec: { selector: {}, template: { spec: { containers: [] } } },
  };
}

describe("workloadOf", () => {
  it("follows the ReplicaSet to its Deployment or Rollout when the ReplicaSet is known", () => {
    const sets = new Map([
      ["ns/web-abc", rs("web-abc", { kind: "Deployment", name: "web" })],
      ["ns/demo-123", rs("demo-123", { kind: "Rollout", name: "demo" })],
      ["ns/bare", rs("bare", null)],
    ]);
    expect(workloadOf(pod({ kind: "ReplicaSet", name: "web-abc" }), sets)).toEqual({ kind: "Deployment", name: "web" });
    expect(workloadOf(pod({ kind: "ReplicaSet", name: "demo-123" }), sets)).toEqual({ kind: "Rollout", name: "demo" });
    expect(workloadOf(pod({ kind: "ReplicaSet", name: "bare" }), sets)).toEqual({ kind: "ReplicaSet", name: "bare" });
  });
  it("falls back to Istio's hash-suffix heuristic", () => {
    const none = new Map<string, ReplicaSetWire>();
    expect(workloadOf(pod({ kind: "ReplicaSet", name: "web-abc" }, { "pod-template-hash": "abc" }), none)).toEqual({ kind: "Deployment", name: "web" });
    expect(workloadOf(pod({ kind: "ReplicaSet", name: "demo-123" }, { "rollouts-pod-template-hash": "123" }), none)).toEqual({ kind: "Rollout", name: "demo" });
    expect(workloadOf(pod({ kind: "ReplicaSet", name: "odd" }, { "pod-template-hash": "abc" }), none)).toEqual({ kind: "ReplicaSet", name: "odd" });
  });
  it("handles CronJob jobs, other controllers and bare pods", () => {
    const none = new Map<string, ReplicaSetWire>();
    expect(workloadOf(pod({ kind: "Job", name: "backup-28391040" }), none)).toEqual({ kind: "CronJob", name: "backup" });
    expect(workloadOf(pod({ kind: "Job", name: "once" }), none)).toEqual({ kind: "Job", name: "once" });
    expect(workloadOf(pod({ kind: "StatefulSet", name: "db" }), none)).toEqual({ kind: "StatefulSet", name: "db" });
    expect(workloadOf(pod(null), none)).toEqual({ kind: "Pod", name: "p-1" });
  });
});
