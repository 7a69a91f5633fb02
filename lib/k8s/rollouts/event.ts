import "server-only";
import type { KubeHttp } from "@/lib/k8s/identity/kube-http";
import { recordObjectEvent } from "@/lib/k8s/writes/event";
import type { RolloutWire } from "@/lib/rollouts/wire";

export const ROLLOUT_EVENT_REASON = "MeshdeckRolloutAction";

/**
 * Records a Kubernetes Event (events.k8s.io/v1) on the Rollout, as the caller:
 * reason MeshdeckRolloutAction, the note says what was done and by whom. Best
 * effort: false when it could not be created; never throws.
 */
export function recordRolloutEvent(http: KubeHttp, ro: RolloutWire, action: string, note: string, who: string): Promise<boolean> {
  return recordObjectEvent(http, {
    object: { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", metadata: ro.metadata },
    reason: ROLLOUT_EVENT_REASON,
    action,
    note: `${note} (by ${who} via Meshdeck)`,
    when: new Date(),
  });
}
