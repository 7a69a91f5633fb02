/**
 * Istio's standard metrics and labels, named exactly as Istio exports them
 * and Kiali queries them.
 */
export const ISTIO_REQUESTS_TOTAL = "istio_requests_total";
export const ISTIO_REQUEST_DURATION_BUCKET = "istio_request_duration_milliseconds_bucket";

export const L = {
  reporter: "reporter",
  sourceWorkload: "source_workload",
  sourceWorkloadNamespace: "source_workload_namespace",
  destinationServiceName: "destination_service_name",
  destinationServiceNamespace: "destination_service_namespace",
  destinationWorkload: "destination_workload",
  destinationWorkloadNamespace: "destination_workload_namespace",
  destinationVersion: "destination_version",
  destinationCanonicalRevision: "destination_canonical_revision",
  responseCode: "response_code",
  grpcResponseStatus: "grpc_response_status",
  responseFlags: "response_flags",
  requestProtocol: "request_protocol",
  le: "le",
} as const;

/** Value Istio writes when a label is not known (e.g. no `version` label on the pod). */
export const UNKNOWN = "unknown";

/** HTTP responses counted as errors: 5xx (Kiali's error class for HTTP). */
export const HTTP_ERROR_CODES = "5\\d\\d";

/** gRPC statuses counted as errors: anything but OK (0) or absent (""), i.e. 1–16, as Kiali does. */
export const GRPC_ERROR_STATUSES = "[1-9]|1[0-6]";
