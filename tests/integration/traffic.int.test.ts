import { afterAll, describe, it } from "vitest";
import { applyObjects } from "../../lab/core/manifests.js";
import { eventually, kubeAs, uniqueNamespace } from "./test-lab.js";
import { probe, promQuery, within } from "./traffic-helpers.js";
import { trafficSuite } from "./suites/traffic.js";
import { demoWorld } from "./worlds/demo.js";

/** The simulated data plane and Prometheus on the demo world (lab/demo), and per-version behaviour in a namespace of its own. */
trafficSuite(demoWorld);

const admin = () => kubeAs("admin");

describe("per-version behaviour from pod annotations", () => {
  const ns = uniqueNamespace("errors");
  afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

  it("a canary annotated with error rate 0.5 answers about 50 % 5xx, in the probe and in Prometheus", async () => {
    const deployment = (version: string, annotations: Record<string, string>) => ({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: `shop-${version}`, namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: "shop", version } },
        template: { metadata: { labels: { app: "shop", version }, annotations }, spec: { containers: [{ name: "shop", image: "nginx" }] } },
      },
    });
    await applyObjects(
      admin(),
      [
        deployment("v2", { "meshdeck.dev/error-rate": "0.5" }),
        { apiVersion: "v1", kind: "Service", metadata: { name: "shop", namespace: ns }, spec: { selector: { app: "shop" }, ports: [{ name: "http", port: 80 }] } },
      ],
      { namespace: ns, namespaceLabels: { "istio-injection": "enabled" } },
    );
    const r = await eventually("shop routable", async () => {
      const p = await probe({ from: "lab-clients/traffic-client", host: `shop.${ns}`, port: 80, n: 2000 });
      return p.destinations.some((d) => d.workload === "shop-v2") ? p : undefined;
    }, 30_000, 500);
    const errors = Object.entries(r.codes).filter(([c]) => c.startsWith("5")).reduce((a, [, n]) => a + n, 0);
    within(errors / r.n, 0.5, 0.05);
    await eventually(
      "5xx ratio in Prometheus",
      async () => {
        const sel = `reporter="destination",destination_workload_namespace="${ns}"`;
        const [bad] = await promQuery(`sum(istio_requests_total{${sel},response_code=~"5.."})`);
        const [all] = await promQuery(`sum(istio_requests_total{${sel}})`);
        if (!bad || !all || all.value < 2000) return undefined;
        return Math.abs(bad.value / all.value - 0.5) <= 0.05;
      },
      20_000,
      1000,
    );
  }, 60_000);
});
