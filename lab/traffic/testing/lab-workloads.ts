/**
 * The workloads the lab adds next to the scenarios (see the brief of
 * lab/manifests): the ingress gateways the scenarios' Gateways select and a
 * client for mesh-internal calls.
 */
function deployment(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  containers: string[],
  serviceAccountName = name,
): unknown {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { serviceAccountName, containers: containers.map((c) => ({ name: c })) } },
    },
  };
}

export function labWorkloads(): unknown[] {
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "istio-system" } },
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "lab-clients", labels: { "istio-injection": "enabled" } } },
    deployment(
      "istio-system",
      "istio-ingressgateway",
      { app: "istio-ingressgateway", istio: "ingressgateway" },
      ["istio-proxy"],
      "istio-ingressgateway-service-account",
    ),
    deployment("istio-system", "rio-gateway", { app: "rio-gateway", gateway: "external" }, ["istio-proxy"]),
    deployment("lab-clients", "traffic-client", { app: "traffic-client", version: "v1" }, ["client"]),
  ];
}
