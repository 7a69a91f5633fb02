import "server-only";
import os from "node:os";
import type { KubeHttp } from "@/lib/k8s/identity/kube-http";
import { microTime, REPORTING_CONTROLLER } from "@/lib/k8s/writes/event";
import type { RolloutWire } from "@/lib/rollouts/wire";

export const ROLLOUT_EVENT_REASON = "MeshdeckRolloutAction";

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Records a Kubernetes Event (events.k8s.io/v1) on the Rollout, as the caller.
 * Best effort: false when it could not be created (e.g. the caller may not
 * create events); never throws.
 */
export async function recordRolloutEvent(http: KubeHttp, ro: RolloutWire, action: string, note: string, who: string): Promise<boolean> {
  const namespace = ro.metadata.namespace ?? "default";
  try {
    await http.json({
      method: "POST",
      path: `/apis/events.k8s.io/v1/namespaces/${encodeURIComponent(namespace)}/events`,
      body: {
        apiVersion: "events.k8s.io/v1",
        kind: "Event",
        metadata: { generateName: `${cut(ro.metadata.name, 200)}.`, namespace },
        eventTime: microTime(new Date()),
        reportingController: REPORTING_CONTROLLER,
        reportingInstance: cut(`meshdeck-${os.hostname()}`, 128),
        action: cut(action, 128),
        reason: ROLLOUT_EVENT_REASON,
        type: "Normal",
        note: cut(`${note} (by ${who} via Meshdeck)`, 1024),
        regarding: { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", namespace, name: ro.metadata.name, ...(ro.metadata.uid ? { uid: ro.metadata.uid } : {}) },
      },
      timeoutMs: 5_000,
    });
    return true;
  } catch {
    return false;
  }
}
