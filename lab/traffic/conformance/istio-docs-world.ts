/**
 * The small Bookinfo-like world the Istio reference examples assume
 * (istio.io, Reference › Traffic Management › Virtual Service): reviews
 * v1/v2/v3, ratings v1/v2 and httpbin v1/v2 in namespace `prod` with their
 * subsets, a productpage client labelled env=prod, a client in another
 * namespace, and the ingress gateway bound by `prod/bookinfo-gateway`.
 */
export const NS = "prod";

function deployment(name: string, namespace: string, labels: Record<string, string>): unknown {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace },
    spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "app" }] } } },
  };
}

function service(name: string): unknown {
  return { apiVersion: "v1", kind: "Service", metadata: { name, namespace: NS }, spec: { selector: { app: name }, ports: [{ name: "http", port: 9080 }] } };
}

function subsets(host: string, versions: readonly string[]): unknown {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "DestinationRule",
    metadata: { name: host, namespace: NS },
    spec: { host, subsets: versions.map((v) => ({ name: v, labels: { version: v } })) },
  };
}

const APPS: Readonly<Record<string, readonly string[]>> = { reviews: ["v1", "v2", "v3"], ratings: ["v1", "v2"], httpbin: ["v1", "v2"] };

export function istioDocsWorld(): unknown[] {
  const apps = Object.entries(APPS).flatMap(([app, versions]) => [
    service(app),
    subsets(app, versions),
    ...versions.map((v) => deployment(`${app}-${v}`, NS, { app, version: v })),
  ]);
  return [
    ...apps,
    deployment("productpage-v1", NS, { app: "productpage", version: "v1", env: "prod" }),
    deployment("tester", "qa", { app: "tester" }),
    deployment("istio-ingressgateway", "istio-system", { istio: "ingressgateway", app: "istio-ingressgateway" }),
    {
      apiVersion: "networking.istio.io/v1",
      kind: "Gateway",
      metadata: { name: "bookinfo-gateway", namespace: NS },
      spec: { selector: { istio: "ingressgateway" }, servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: ["*"] }] },
    },
  ];
}

/** The workload that serves `subset` of `app` (subsets select `version`). */
export const workloadOf = (app: string, subset: string): string => `${app}-${subset}`;
