import type { Severity } from "./schema";

interface CheckDescriptor {
  kialiCode: string | null;
  severity: Severity;
  title: string;
}

/**
 * Every check Meshdeck runs. Severities follow traffic impact and differ from
 * Kiali's where noted: KIA1107 (subset not found) is a warning in Kiali, an
 * error here because Envoy answers 503 for that share of traffic; KIA0203
 * (subset labels match no pods) is only an error when a route sends traffic
 * to the subset; KIA0202 (DestinationRule host not found) is a warning
 * because an unused DestinationRule breaks nothing.
 */
export const checks = {
  VS_HOST_NOT_FOUND: { kialiCode: "KIA1101", severity: "error", title: "Destination host not found (neither a Service nor a ServiceEntry)" },
  VS_GATEWAY_NOT_FOUND: { kialiCode: "KIA1102", severity: "error", title: "VirtualService points to a Gateway that does not exist" },
  VS_REPEATED_DESTINATION: { kialiCode: "KIA1105", severity: "warning", title: "Host and subset repeated in one route" },
  VS_MULTIPLE_FOR_HOST: { kialiCode: "KIA1106", severity: "warning", title: "More than one VirtualService for the same host" },
  VS_SUBSET_NOT_FOUND: { kialiCode: "KIA1107", severity: "error", title: "Subset not found" },
  VS_ROUTE_ALL_WEIGHTS_ZERO: { kialiCode: null, severity: "error", title: "Every destination of the route weighs 0" },
  VS_RULE_SHADOWED: { kialiCode: null, severity: "warning", title: "Rule never matches: an earlier rule takes all its requests" },
  VS_TEST_ROUTE_NO_READY_PODS: { kialiCode: null, severity: "warning", title: "Test route leads to no ready pod" },
  VS_DESTINATION_NO_READY_PODS: { kialiCode: null, severity: "error", title: "Destination receiving traffic has no ready pod" },
  VS_DELEGATE_NOT_FOUND: { kialiCode: null, severity: "error", title: "Delegate VirtualService not found" },
  VS_HOST_NOT_ON_GATEWAY: { kialiCode: null, severity: "warning", title: "No host of the VirtualService is served by the Gateway" },
  VS_HOST_KUBERNETES_ALIAS: { kialiCode: null, severity: "warning", title: "Host written as name.namespace, which Istio does not expand" },
  VS_RETRY_ON_UNKNOWN: { kialiCode: null, severity: "error", title: "Unknown retryOn condition (not Envoy's, not an HTTP status code)" },
  VS_PER_TRY_TIMEOUT_NOT_BELOW_TIMEOUT: { kialiCode: null, severity: "warning", title: "perTryTimeout not below the route timeout: slow tries are never retried" },
  DR_HOST_NOT_FOUND: { kialiCode: "KIA0202", severity: "warning", title: "DestinationRule host has no Service or ServiceEntry" },
  DR_MULTIPLE_FOR_HOST: { kialiCode: "KIA0201", severity: "warning", title: "More than one DestinationRule for the same host and subset" },
  DR_SUBSET_NO_PODS: { kialiCode: "KIA0203", severity: "error", title: "Subset labels match no pod" },
  GATEWAY_NO_WORKLOAD: { kialiCode: "KIA0302", severity: "warning", title: "Gateway selector matches no pod" },
  GATEWAY_NO_READY_WORKLOAD: { kialiCode: null, severity: "error", title: "Gateway selector matches no ready pod" },
  HTTPROUTE_PARENT_NOT_FOUND: { kialiCode: "KIA1401", severity: "error", title: "HTTPRoute parent not found" },
  HTTPROUTE_BACKEND_NOT_FOUND: { kialiCode: "KIA1402", severity: "error", title: "HTTPRoute backend Service not found" },
  HTTPROUTE_ALL_WEIGHTS_ZERO: { kialiCode: null, severity: "error", title: "Every backend of the HTTPRoute rule weighs 0" },
  HTTPROUTE_BACKEND_NO_READY_PODS: { kialiCode: null, severity: "error", title: "Backend receiving traffic has no ready pod" },
} as const satisfies Record<string, CheckDescriptor>;

export type CheckCode = keyof typeof checks;
