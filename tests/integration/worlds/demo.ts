import path from "node:path";
import { applyDemoWorld, demoDir, demoNamespaces, demoWorldObjects, labValues } from "../../../lab/core/demo-world.js";
import type { KubeObject, LabKube } from "../../../lab/core/kube-client.js";
import { applyObjects, readManifests } from "../../../lab/core/manifests.js";
import { labState } from "../test-lab.js";
import type { ShopVariant, World } from "./world.js";

const shopVariants: Record<ShopVariant, string> = {
  allV1: "all-v1.yaml",
  userToSecond: "user-route.yaml",
  userRatingsDelay: "delay-fault.yaml",
  userRatingsAbort: "abort-fault.yaml",
  firstThird5050: "shift-50-50.yaml",
};
const ROUTING = [
  ["networking.istio.io/v1", "VirtualService"],
  ["networking.istio.io/v1", "DestinationRule"],
] as const;
const worldFile = (name: string) => readManifests(path.join(demoDir, "world", name));
const key = (o: { kind: string; metadata: { name: string } }) => `${o.kind}/${o.metadata.name}`;

/**
 * Puts one namespace of the demo world back as lab/demo/world has it: its
 * objects re-applied (as the demo's own field manager), and routing objects a
 * test or a variant added deleted. Rollouts go back to their first version.
 */
async function restoreDemoNamespace(kube: LabKube, namespace: string): Promise<void> {
  const base: KubeObject[] = demoWorldObjects(labValues(labState())).filter((o) => o.metadata.namespace === namespace);
  await applyObjects(kube, base, { fieldManager: "meshdeck-demo" });
  const keep = new Set(base.map(key));
  for (const [apiVersion, kind] of ROUTING) {
    for (const o of (await kube.list(apiVersion, kind, namespace)).items) if (!keep.has(key(o))) await kube.delete(apiVersion, kind, namespace, o.metadata.name);
  }
}

/** The demo world of lab/demo (see its README), as the integration tests use it. */
export const demoWorld: World = {
  label: "the demo world",
  namespaces: demoNamespaces(),
  // The demo world's flows join the simulator's own model, so the walkthroughs' traffic (acceptance) keeps flowing.
  apply: async (state) => void (await applyDemoWorld(state, { traffic: "add" })),
  restore: restoreDemoNamespace,
  hostSplit: { namespace: "demo-hosts", vs: "greeter", host: { host: "greeter.demo.local", port: 80 }, services: ["greeter-r1", "greeter-r2"] },
  blueGreen: {
    namespace: "demo-bluegreen",
    vs: "checkout",
    host: { host: "checkout.demo.local", port: 80 },
    header: { name: "x-version", value: "green" },
    service: "checkout",
    subsets: { live: "blue", test: "green" },
    workloads: { live: "checkout-blue", test: "checkout-green" },
  },
  staged: {
    namespace: "demo-staged",
    vs: "api",
    via: { host: "api.demo.local", port: 80 },
    service: "api",
    subsets: [
      { name: "v1", share: 0.7, ready: 2, workload: "api-v1" },
      { name: "v2", share: 0.3, ready: 1, workload: "api-v2" },
    ],
    match: undefined,
  },
  shop: {
    namespace: "demo-shop",
    front: { service: "front", workload: "front-v1", app: "front", version: "v1" },
    side: { service: "catalog", app: "catalog", version: "v1" },
    reviews: { service: "reviews", app: "reviews", port: 80, path: "/reviews/1", split: { v1: 0.8, v2: 0.2 } },
    ratings: { service: "ratings", app: "ratings", version: "v1", port: 80, path: "/ratings/1" },
    versions: ["v1", "v2", "v3"],
    user: { header: "end-user", value: "alex" },
    variantDelayMs: 2000,
    variant: (name) => readManifests(path.join(demoDir, "shop-variants", shopVariants[name])),
  },
  canary: {
    namespace: "demo-canary",
    rollout: "payments",
    container: "payments",
    vs: "payments",
    route: "primary",
    services: { stable: "payments-stable", canary: "payments-canary" },
    host: { host: "payments.demo.local", port: 80, path: "/pay" },
    images: { first: "ghcr.io/meshdeck-demo/payments:1.0", next: "ghcr.io/meshdeck-demo/payments:1.1", third: "ghcr.io/meshdeck-demo/payments:1.2" },
    firstWeight: 5,
    steps: ["setWeight", "pause", "setWeight", "pause"],
    manifest: () => worldFile("canary.yaml"),
  },
  subsetCanary: {
    rollout: "inventory",
    container: "inventory",
    vs: "inventory",
    images: { next: "ghcr.io/meshdeck-demo/inventory:2.0" },
    firstWeight: 20,
    steps: ["setWeight", "pause", "setWeight", "pause"],
    manifest: () => worldFile("argo-subset.yaml"),
  },
};

/**
 * The demo world's canary whose background analysis (AnalysisTemplate
 * `success-rate`, Prometheus provider at the lab's Prometheus) fails: the
 * motion gives it a version answering 50 % 500s and the controller aborts it.
 */
export const demoAnalysisCanary = {
  namespace: "demo-argo-analysis",
  rollout: "billing",
  template: "success-rate",
  metric: "success-rate",
  services: { stable: "billing-stable", canary: "billing-canary" },
  vs: "billing",
  route: "primary",
  image: "ghcr.io/meshdeck-demo/billing:2.1",
} as const;
