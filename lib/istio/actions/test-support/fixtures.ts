import { scenarioObject } from "@/lib/testing/scenario-fixtures";
import { destinationRule, gatewayApiHttpRoute, pod, service, virtualService, type DestinationRuleWire, type PodWire, type ServiceWire, type VirtualServiceWire } from "@/lib/istio/wire";
import type { GatewayApiHttpRouteWire } from "@/lib/istio/wire";
import type { ActionContext } from "../schemas";

// Real scenario objects (read from shared/scenarios, never copied), given the
// resourceVersion an API server would have set.

export const ctx: ActionContext = { user: "alice@example.com", now: "2025-01-02T03:04:05Z" };
export const laterCtx: ActionContext = { user: "bob@example.com", now: "2025-01-02T04:00:00Z" };

const cache = new Map<string, unknown>();

/** Parses each scenario object once per test file; callers get their own copy. */
function cached<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return structuredClone(cache.get(key) as T);
}

function withRv<T extends { metadata: { resourceVersion?: string | undefined } }>(object: T, rv: string): T {
  return { ...object, metadata: { ...object.metadata, resourceVersion: rv } };
}

export function loadVs(file: string, name: string, rv = "1001"): VirtualServiceWire {
  return withRv(cached(`vs:${file}:${name}`, () => virtualService.parse(scenarioObject(file, "VirtualService", name))), rv);
}

export function loadDr(file: string, name: string, rv = "2001"): DestinationRuleWire {
  return withRv(cached(`dr:${file}:${name}`, () => destinationRule.parse(scenarioObject(file, "DestinationRule", name))), rv);
}

export function loadService(file: string, name: string): ServiceWire {
  return cached(`svc:${file}:${name}`, () => service.parse(scenarioObject(file, "Service", name)));
}

/** Pods as their Deployment would create them (template labels, Running). */
export function podsOf(file: string, deployments: string[], namespace: string): PodWire[] {
  return deployments.map((name, i) => {
    const d = scenarioObject(file, "Deployment", name) as { spec: { template: { metadata: { labels: Record<string, string> } } } };
    return pod.parse({
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: `${name}-abc${i}`, namespace, labels: d.spec.template.metadata.labels },
      spec: { containers: [{ name: "app" }] },
      status: { phase: "Running" },
    });
  });
}

export const seeds = {
  blueGreen: () => loadVs("seeds/blue-green.yaml", "nginx"),
  helmCanary: () => loadVs("seeds/helm-canary.yaml", "exciting-lemur-sample-gateway"),
  rio: () => loadVs("seeds/rio-staged.yaml", "foobar"),
  rollouts: () => loadVs("seeds/rollouts-demo.yaml", "rollouts-demo-vsvc"),
  reviews9010: () => loadVs("bookinfo/networking/virtual-service-reviews-90-10.yaml", "reviews"),
  reviewsJason: () => loadVs("bookinfo/networking/virtual-service-reviews-test-v2.yaml", "reviews"),
  ratingsV1: () => loadVs("bookinfo/networking/virtual-service-all-v1.yaml", "ratings"),
  ratingsTestDelay: () => loadVs("bookinfo/networking/virtual-service-ratings-test-delay.yaml", "ratings"),
  ratingsTestAbort: () => loadVs("bookinfo/networking/virtual-service-ratings-test-abort.yaml", "ratings"),
  subsetSplit: () => loadVs("argo-rollouts-istio/istio-subset-split.yaml", "istio-subset-split-vsvc"),
};

/** All VirtualServices of the scenarios, for property tests. */
export function allScenarioVs(): VirtualServiceWire[] {
  return Object.values(seeds).map((load) => load());
}

/** The helm-canary split as a Gateway API HTTPRoute (the scenarios have none). */
export function helmCanaryHttpRoute(): GatewayApiHttpRouteWire {
  return gatewayApiHttpRoute.parse({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "sample", namespace: "default", resourceVersion: "3001" },
    spec: {
      parentRefs: [{ name: "exciting-lemur-sample-gateway" }],
      hostnames: ["127.0.0.1.xip.io"],
      rules: [
        { matches: [{ path: { type: "PathPrefix", value: "/healthz" } }], backendRefs: [{ name: "foolish-penguin-sample", port: 80 }] },
        {
          name: "split",
          backendRefs: [
            { name: "foolish-penguin-sample", port: 80, weight: 50 },
            { name: "peeking-rabbit-sample", port: 80, weight: 50 },
          ],
        },
      ],
    },
  });
}
