import type { PodWire } from "@/lib/istio/wire";

/**
 * Istio's injector adds the `istio-proxy` container (an init container with
 * restartPolicy Always when native sidecars are on) and the
 * `sidecar.istio.io/status` annotation; either is proof of a sidecar.
 */
export function hasSidecar(pod: PodWire): boolean {
  if (pod.metadata.annotations?.["sidecar.istio.io/status"] !== undefined) return true;
  return [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].some((c) => c.name === "istio-proxy");
}

/** Finished pods (Succeeded/Failed) are no endpoints and no longer count as workload pods. */
export function isPodFinished(pod: PodWire): boolean {
  const phase = pod.status?.phase;
  return phase === "Succeeded" || phase === "Failed";
}

export function isPodTerminating(pod: PodWire): boolean {
  return pod.metadata.deletionTimestamp !== undefined;
}

/**
 * Ready as an endpoint: the pod's Ready condition is True (falling back to
 * Running with every container ready when the condition is missing) and the
 * pod is not being deleted.
 */
export function isPodReady(pod: PodWire): boolean {
  if (isPodTerminating(pod) || isPodFinished(pod)) return false;
  const condition = pod.status?.conditions?.find((c) => c.type === "Ready");
  if (condition) return condition.status === "True";
  const statuses = pod.status?.containerStatuses ?? [];
  return pod.status?.phase === "Running" && statuses.length > 0 && statuses.every((s) => s.ready);
}

/**
 * kubectl's READY column: ready containers over containers, counting native
 * sidecars (init containers with restartPolicy Always, as Istio injects them
 * when native sidecars are on) as containers. An injected pod reads 2/2.
 */
export function containerReadiness(pod: PodWire): { ready: number; total: number } {
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => c.restartPolicy === "Always").map((c) => c.name));
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []).filter((s) => sidecars.has(s.name))];
  return { ready: statuses.filter((s) => s.ready).length, total: pod.spec.containers.length + sidecars.size };
}
