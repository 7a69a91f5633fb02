/**
 * Workload identity as Istio derives it for telemetry (peer metadata):
 * workload name from the pod's controller, canonical service / revision from
 * the well-known labels, SPIFFE principal from the service account.
 */
import type { Labels, PodInfo } from "../model/objects";

export const UNKNOWN = "unknown";
export const TRUST_DOMAIN = "cluster.local";

export interface WorkloadIdentity {
  readonly workload: string;
  readonly namespace: string;
  readonly app: string;
  readonly version: string;
  readonly canonicalService: string;
  readonly canonicalRevision: string;
  readonly serviceAccount: string;
  readonly principal: string;
  /** rollouts-pod-template-hash or pod-template-hash ("" when neither). */
  readonly podTemplateHash: string;
}

const CRONJOB_SUFFIX = /^(.+)-\d{8,}$/;

/**
 * Deployment name for ReplicaSet-owned pods (the ReplicaSet is named
 * `<owner>-<pod-template-hash>`; Argo Rollouts use rollouts-pod-template-hash),
 * CronJob name for its Jobs' pods, otherwise the controller's or pod's name.
 */
export function workloadName(pod: PodInfo): string {
  const owner = pod.owner;
  if (!owner) return pod.meta.name;
  if (owner.kind === "ReplicaSet") {
    const labels = pod.meta.labels;
    for (const hash of [labels["pod-template-hash"], labels["rollouts-pod-template-hash"]]) {
      if (hash && owner.name.endsWith(`-${hash}`)) return owner.name.slice(0, -(hash.length + 1));
    }
    return owner.name;
  }
  if (owner.kind === "Job") return CRONJOB_SUFFIX.exec(owner.name)?.[1] ?? owner.name;
  return owner.name;
}

export function canonicalService(labels: Labels, workload: string): string {
  return (
    labels["service.istio.io/canonical-name"] ?? labels["app.kubernetes.io/name"] ?? labels["app"] ?? workload
  );
}

export function canonicalRevision(labels: Labels): string {
  return (
    labels["service.istio.io/canonical-revision"] ??
    labels["app.kubernetes.io/version"] ??
    labels["version"] ??
    "latest"
  );
}

export function spiffePrincipal(namespace: string, serviceAccount: string): string {
  return `spiffe://${TRUST_DOMAIN}/ns/${namespace}/sa/${serviceAccount}`;
}

export function podIdentity(pod: PodInfo): WorkloadIdentity {
  const labels = pod.meta.labels;
  const workload = workloadName(pod);
  return {
    workload,
    namespace: pod.meta.namespace,
    app: labels["app"] ?? UNKNOWN,
    version: labels["version"] ?? UNKNOWN,
    canonicalService: canonicalService(labels, workload),
    canonicalRevision: canonicalRevision(labels),
    serviceAccount: pod.serviceAccount,
    principal: spiffePrincipal(pod.meta.namespace, pod.serviceAccount),
    podTemplateHash: labels["rollouts-pod-template-hash"] ?? labels["pod-template-hash"] ?? "",
  };
}

/** Joins the identity fields that appear in telemetry labels. */
export function identityKey(id: WorkloadIdentity | null): string {
  if (!id) return "";
  return [id.workload, id.namespace, id.app, id.version, id.canonicalService, id.canonicalRevision, id.principal].join("|");
}


const GATEWAY_ISTIO_LABELS = new Set(["ingressgateway", "egressgateway"]);

/** Labels that mark a pod as a gateway proxy on their own (without a Gateway selector). */
export function hasGatewayLabels(labels: Labels): boolean {
  const istio = labels["istio"];
  return (
    (istio !== undefined && GATEWAY_ISTIO_LABELS.has(istio)) ||
    labels["gateway.networking.k8s.io/gateway-name"] !== undefined ||
    labels["istio.io/gateway-name"] !== undefined
  );
}
