import { adminKube } from "../../../lab/core/control.js";
import { applyObjects, readManifests } from "../../../lab/core/manifests.js";
import { applyScenarioFiles, baseScenario, scenarioNamespaces, scenarioPath } from "../../../lab/core/scenarios.js";
import { waitWorkloadsReady } from "../../../lab/core/workloads.js";
import type { ShopVariant, World } from "./world.js";

const bookinfoVariants: Record<ShopVariant, string> = {
  allV1: "virtual-service-all-v1.yaml",
  userToSecond: "virtual-service-reviews-test-v2.yaml",
  userRatingsDelay: "virtual-service-ratings-test-delay.yaml",
  userRatingsAbort: "virtual-service-ratings-test-abort.yaml",
  firstThird5050: "virtual-service-reviews-50-v3.yaml",
};

/** The original walkthroughs of ../shared/scenarios, in the namespaces lab/core/scenarios.ts applies them to (acceptance suite only). */
export const walkthroughs: World = {
  label: "the walkthroughs",
  namespaces: scenarioNamespaces,
  async apply(state) {
    const kube = adminKube(state);
    await applyScenarioFiles(kube, baseScenario);
    await waitWorkloadsReady(kube, scenarioNamespaces, 180_000);
  },
  async restore(kube, namespace) {
    for (const s of baseScenario.filter((f) => f.namespace === namespace)) await applyObjects(kube, readManifests(scenarioPath(s.file)), { namespace });
  },
  hostSplit: { namespace: "default", vs: "exciting-lemur-sample-gateway", host: { host: "127.0.0.1.xip.io", port: 80 }, services: ["foolish-penguin-sample", "peeking-rabbit-sample"] },
  blueGreen: {
    namespace: "sample-ns",
    vs: "nginx",
    host: { host: "sample.hoge.com", port: 80 },
    header: { name: "x-version", value: "green" },
    service: "nginx",
    port: 40001,
    subsets: { live: "blue", test: "green" },
    workloads: { live: "nginx-blue", test: "nginx-green" },
  },
  staged: {
    namespace: "default-265db573",
    vs: "foobar",
    via: { gateway: "rio-gateway", host: "foobar.default.127.0.0.1.nip.io", port: 80 },
    service: "foobar",
    port: 80,
    subsets: [
      { name: "latest", share: 0.7, ready: 3, workload: "foobar" },
      { name: "v2", share: 0.3, ready: 1, workload: "foobar-v2" },
    ],
    match: [{ gateways: ["mesh", "rio-gateway"], port: 80 }],
  },
  shop: {
    namespace: "bookinfo",
    front: { service: "productpage", workload: "productpage-v1", app: "productpage", version: "v1" },
    side: { service: "details", app: "details", version: "v1" },
    reviews: { service: "reviews", app: "reviews", port: 9080, path: "/reviews/0", split: { v1: 0.8, v2: 0.2 } },
    ratings: { service: "ratings", app: "ratings", version: "v1", port: 9080, path: "/ratings/0" },
    versions: ["v1", "v2", "v3"],
    user: { header: "end-user", value: "jason" },
    variantDelayMs: 7000,
    variant: (name) => readManifests(scenarioPath(`bookinfo/networking/${bookinfoVariants[name]}`)),
  },
  canary: {
    namespace: "argo-apl",
    rollout: "rollouts-demo",
    container: "rollouts-demo",
    vs: "rollouts-demo-vsvc",
    route: "primary",
    services: { stable: "rollouts-demo-stable", canary: "rollouts-demo-canary" },
    host: { host: "rollouts-demo.local", port: 80, path: "/color" },
    images: { first: "argoproj/rollouts-demo:blue", next: "argoproj/rollouts-demo:yellow", third: "argoproj/rollouts-demo:red" },
    firstWeight: 5,
    steps: ["setWeight", "pause"],
    manifest: () => readManifests(scenarioPath("seeds/rollouts-demo.yaml")),
  },
  subsetCanary: {
    rollout: "istio-subset-split",
    container: "istio-subset-split",
    vs: "istio-subset-split-vsvc",
    images: { next: "nginx:1.20-alpine" },
    firstWeight: 10,
    steps: ["setWeight", "pause"],
    manifest: () => readManifests(scenarioPath("argo-rollouts-istio/istio-subset-split.yaml")),
  },
};
