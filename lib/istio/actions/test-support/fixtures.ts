import { demoObject } from "@/lib/testing/demo-fixtures";
import { destinationRule, gatewayApiHttpRoute, pod, service, virtualService, type DestinationRuleWire, type PodWire, type ServiceWire, type VirtualServiceWire } from "@/lib/istio/wire";
import type { GatewayApiHttpRouteWire } from "@/lib/istio/wire";
import type { ActionContext } from "../schemas";

// The demo world's objects as the lab's API server stores them (recorded into
// lib/testing/fixtures), given the resourceVersion an API server would have set.

export const ctx: ActionContext = { user: "alice@example.com", now: "2025-01-02T03:04:05Z" };
export const laterCtx: ActionContext = { user: "bob@example.com", now: "2025-01-02T04:00:00Z" };

const cache = new Map<string, unknown>();

/** Parses each recorded object once per test file; callers get their own copy. */
function cached<T>(key: string, load: () => T): T {
  if (!cache.has(key)) cache.set(key, load());
  return structuredClone(cache.get(key) as T);
}

function withRv<T extends { metadata: { resourceVersion?: string | undefined } }>(object: T, rv: string): T {
  return { ...object, metadata: { ...object.metadata, resourceVersion: rv } };
}

export function loadVs(file: string, name: string, rv = "1001"): VirtualServiceWire {
  return withRv(cached(`vs:${file}:${name}`, () => virtualService.parse(demoObject(file, "VirtualService", name))), rv);
}

export function loadDr(file: string, name: string, rv = "2001"): DestinationRuleWire {
  return withRv(cached(`dr:${file}:${name}`, () => destinationRule.parse(demoObject(file, "DestinationRule", name))), rv);
}

export function loadService(file: string, name: string): ServiceWire {
  return cached(`svc:${file}:${name}`, () => service.parse(demoObject(file, "Service", name)));
}

/** Pods as their Deployment would create them (template labels, Running). */
export function podsOf(file: string, deployments: string[], namespace: string): PodWire[] {
  return deployments.map((name, i) => {
    const d = demoObject(file, "Deployment", name) as { spec: { template: { metadata: { labels: Record<string, string> } } } };
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
  /** demo-bluegreen: route green-testers (x-version: green → green), route live (blue 100 / green 0). */
  blueGreen: () => loadVs("world/bluegreen.yaml", "checkout"),
  /** demo-hosts: greeter-r1 50 / greeter-r2 50. */
  hosts: () => loadVs("world/hosts.yaml", "greeter"),
  /** demo-staged: api subsets v1 70 / v2 30, bound to mesh and api-gateway. */
  staged: () => loadVs("world/staged.yaml", "api"),
  /** demo-canary: route primary, payments-stable 100 / payments-canary 0 (an Argo Rollout's). */
  canary: () => loadVs("world/canary.yaml", "payments"),
  /** The shop's gateway routes: assets (uri prefix /assets) and pages, both to front v1. */
  shopGateway: () => loadVs("world/shop.yaml", "shop"),
  reviews8020: () => loadVs("shop-variants/shift-80-20.yaml", "reviews"),
  reviewsUser: () => loadVs("shop-variants/user-route.yaml", "reviews"),
  ratingsV1: () => loadVs("shop-variants/all-v1.yaml", "ratings"),
  ratingsUserDelay: () => loadVs("shop-variants/delay-fault.yaml", "ratings"),
  ratingsUserAbort: () => loadVs("shop-variants/abort-fault.yaml", "ratings"),
  subsetSplit: () => loadVs("world/argo-subset.yaml", "inventory"),
};

/** All those VirtualServices, for property tests. */
export function allDemoVs(): VirtualServiceWire[] {
  return Object.values(seeds).map((load) => load());
}

/** demo-gateway-api's HTTPRoute: one rule, web-v1 90 / web-v2 10 on port 80. */
export function webHttpRoute(rv = "3001"): GatewayApiHttpRouteWire {
  return withRv(cached("hr:web", () => gatewayApiHttpRoute.parse(demoObject("world/gateway-api.yaml", "HTTPRoute", "web"))), rv);
}
