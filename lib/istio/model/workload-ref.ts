import type { PodWire, ReplicaSetWire } from "@/lib/istio/wire";
import type { WorkloadRef } from "./schema";

// Istio names a pod's workload from its controller (pkg/kube
// GetDeployMetaFromPod): a ReplicaSet stands for its Deployment or Rollout, a
// Job named `<cronjob>-<8–10 digits>` for its CronJob. Here the ReplicaSet's own
// owner is used when the snapshot has it; Istio's name-suffix heuristic is the
// fallback.

const cronJobName = /^(.+)-\d{8,10}$/;

function controllerOf(ownerReferences: PodWire["metadata"]["ownerReferences"]) {
  return ownerReferences?.find((o) => o.controller === true);
}

export function workloadOf(pod: PodWire, replicaSets: ReadonlyMap<string, ReplicaSetWire>): WorkloadRef {
  const namespace = pod.metadata.namespace ?? "default";
  const controller = controllerOf(pod.metadata.ownerReferences);
  if (!controller) return { kind: "Pod", name: pod.metadata.name };
  const labels = pod.metadata.labels ?? {};
  if (controller.kind === "ReplicaSet") {
    const rs = replicaSets.get(`${namespace}/${controller.name}`);
    const rsController = rs ? controllerOf(rs.metadata.ownerReferences) : undefined;
    if (rsController && (rsController.kind === "Deployment" || rsController.kind === "Rollout")) return { kind: rsController.kind, name: rsController.name };
    if (rs && !rsController) return { kind: "ReplicaSet", name: controller.name };
    for (const [label, kind] of [
      ["pod-template-hash", "Deployment"],
      ["rollouts-pod-template-hash", "Rollout"],
    ] as const) {
      const hash = labels[label];
      if (hash && controller.name.endsWith(`-${hash}`)) return { kind, name: controller.name.slice(0, -hash.length - 1) };
    }
    return { kind: "ReplicaSet", name: controller.name };
  }
  if (controller.kind === "Job") {
    const m = cronJobName.exec(controller.name);
    if (m?.[1]) return { kind: "CronJob", name: m[1] };
  }
  return { kind: controller.kind, name: controller.name };
}
