/**
 * Istio's standard metric labels, built as pre-rendered fragments:
 *   source part  — who sent the request (as the reporter knows it)
 *   destination part — which workload/service answered
 *   tail — protocol, response code and flags, security policy
 * A series' label set is reporter + source + destination + tail.
 */
import type { Endpoint, ServiceRef } from "../routing/types";
import { UNKNOWN } from "../workload/identity";

export const SOURCE_LABELS = [
  "source_workload",
  "source_canonical_service",
  "source_canonical_revision",
  "source_workload_namespace",
  "source_principal",
  "source_app",
  "source_version",
  "source_cluster",
] as const;

export const DESTINATION_LABELS = [
  "destination_workload",
  "destination_workload_namespace",
  "destination_principal",
  "destination_app",
  "destination_version",
  "destination_service",
  "destination_canonical_service",
  "destination_canonical_revision",
  "destination_service_name",
  "destination_service_namespace",
  "destination_cluster",
] as const;

export const TAIL_LABELS = [
  "request_protocol",
  "response_code",
  "grpc_response_status",
  "response_flags",
  "connection_security_policy",
] as const;

/** Every label of istio_requests_total, in exposition order. */
export const ISTIO_LABELS = ["reporter", ...SOURCE_LABELS, ...DESTINATION_LABELS, ...TAIL_LABELS] as const;

export const CLUSTER_NAME = "Kubernetes";

export type Reporter = "source" | "destination";
export type SecurityPolicy = "mutual_tls" | "none" | "unknown";

export function escapeLabelValue(v: string): string {
  return /[\\"\n]/.test(v) ? v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") : v;
}

function render(names: readonly string[], values: readonly string[]): string {
  return names.map((n, i) => `${n}="${escapeLabelValue(values[i] ?? "")}"`).join(",");
}

/** Source labels; the principal is known only over mTLS. Null endpoint = unknown peer. */
export function sourceFragment(source: Endpoint | null, mtls: boolean): string {
  const id = source?.identity;
  if (!id) return render(SOURCE_LABELS, [UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN]);
  return render(SOURCE_LABELS, [
    id.workload,
    id.canonicalService,
    id.canonicalRevision,
    id.namespace,
    mtls ? id.principal : UNKNOWN,
    id.app,
    id.version,
    CLUSTER_NAME,
  ]);
}

/**
 * Destination labels: workload labels from the answering peer (unknown when
 * no proxy answered or the peer has no sidecar), service labels from the
 * route's cluster (unknown when nothing was routed).
 */
export function destinationFragment(peer: Endpoint | null, service: ServiceRef | null, mtls: boolean): string {
  const id = peer?.identity;
  return render(DESTINATION_LABELS, [
    id?.workload ?? UNKNOWN,
    id?.namespace ?? UNKNOWN,
    id && mtls ? id.principal : UNKNOWN,
    id?.app ?? UNKNOWN,
    id?.version ?? UNKNOWN,
    service?.fqdn ?? UNKNOWN,
    id?.canonicalService ?? UNKNOWN,
    id?.canonicalRevision ?? UNKNOWN,
    service?.name ?? UNKNOWN,
    service?.namespace ?? UNKNOWN,
    id ? CLUSTER_NAME : UNKNOWN,
  ]);
}

export function tailFragment(code: number, flags: string, security: SecurityPolicy): string {
  return render(TAIL_LABELS, ["http", String(code), "", flags, security]);
}
