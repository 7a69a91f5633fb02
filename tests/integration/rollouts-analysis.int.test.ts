import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDir } from "../../lab/core/demo-world.js";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects, parseManifests, readManifests } from "../../lab/core/manifests.js";
import { applyHealthyRollout, endRolloutsTest, rolloutDetailOf, setRolloutImage } from "./rollouts-lab.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { probe } from "./traffic-helpers.js";
import type { RolloutDetail } from "@/lib/api/rollouts";

// Analysis on the lab's real Prometheus: the Argo Rollouts controller itself
// queries the success rate of the canary from istio_requests_total (exported
// by the simulated data plane for the requests this test sends). A canary
// answering 50 % 500s fails its background analysis and the controller aborts
// it by itself; a healthy one passes its inline analysis step.

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
const admin = kubeAs("admin");
const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;
const NAME = "payments";

const successRate = (ns: string) =>
  parseManifests(`
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata: {name: success-rate, namespace: ${ns}}
spec:
  args: [{name: service}, {name: namespace}]
  metrics:
  - name: success-rate
    # The canary's series start with its first request: wait for scrapes (every 5 s) in the rate window.
    initialDelay: 15s
    interval: 3s
    count: 4
    failureLimit: 0
    successCondition: len(result) == 0 || result[0] >= 0.95
    failureCondition: len(result) > 0 && result[0] < 0.8
    provider:
      prometheus:
        address: "${lab.prometheus?.url ?? ""}"
        query: >-
          sum(rate(istio_requests_total{reporter="destination",destination_service_namespace="{{args.namespace}}",destination_service_name="{{args.service}}",response_code!~"5.."}[20s]))
          / sum(rate(istio_requests_total{reporter="destination",destination_service_namespace="{{args.namespace}}",destination_service_name="{{args.service}}"}[20s]))
`);

/** The demo canary in `ns` on host `host`, with a background analysis from step 1 and an inline analysis step. */
function world(ns: string, host: string): KubeObject[] {
  const args = [
    { name: "service", value: "payments-canary" },
    { name: "namespace", value: ns },
  ];
  const objects = readManifests(path.join(demoDir, "world", "canary.yaml")).map((o) => {
    const spec = o.spec as Record<string, unknown>;
    if (o.kind === "Rollout") {
      const canary = (spec.strategy as { canary: Record<string, unknown> }).canary;
      canary.steps = [{ setWeight: 50 }, { analysis: { templates: [{ templateName: "success-rate" }], args } }, { pause: {} }];
      canary.analysis = { templates: [{ templateName: "success-rate" }], startingStep: 1, args };
    }
    if (o.kind === "Gateway") (spec.servers as { hosts: string[] }[])[0]!.hosts = [host];
    if (o.kind === "VirtualService") spec.hosts = [host];
    return o;
  });
  return [...objects, ...successRate(ns)];
}

/** Sends requests through the ingress gateway while waiting, so that Prometheus has rates for the analysis. */
async function withTraffic<T>(host: string, what: string, fn: () => Promise<T | undefined>, state: () => Promise<unknown>): Promise<T> {
  try {
    return await eventually(what, async () => {
      await probe({ host, path: "/pay", method: "POST", n: 40 });
      return fn();
    }, 150_000);
  } catch (error) {
    throw new Error(`${String(error)}; last state: ${JSON.stringify(await state())}`);
  }
}

const detailOf = (ns: string) => rolloutDetailOf(ns, NAME);
const analysisOf = (d: RolloutDetail, type: string) => d.rollout.analysisRuns.find((r) => r.type === type && r.revision === 2);

const failing = uniqueNamespace("ro-an-fail");
const passing = uniqueNamespace("ro-an-pass");
const hostOf = (ns: string) => `${ns}.analysis.local`;

beforeAll(async () => {
  for (const ns of [failing, passing]) {
    await applyObjects(admin, world(ns, hostOf(ns)), { namespace: ns, forceNamespace: true, namespaceLabels: { "istio-injection": "enabled" } });
    await applyHealthyRollout(ns, [], NAME);
  }
}, 240_000);

afterAll(() => endRolloutsTest([failing, passing]));

describe("analysis on the lab's Prometheus, run by the real Argo Rollouts controller", () => {
  it("a canary answering 50 % 500s fails its background analysis; the controller aborts it and Meshdeck shows why", async () => {
    // One new revision: the new image, answering 50 % 500s.
    await admin.patch(RO[0], RO[1], failing, NAME, [
      { op: "add", path: "/spec/template/metadata/annotations/meshdeck.dev~1error-rate", value: "0.5" },
      { op: "replace", path: "/spec/template/spec/containers/0/image", value: "ghcr.io/meshdeck-demo/payments:1.1" },
    ], "json");
    const d = await withTraffic(hostOf(failing), "aborted by the failed analysis", async () => {
      const v = await detailOf(failing);
      return v.rollout.aborted && v.rollout.phase === "Degraded" && analysisOf(v, "Background")?.phase === "Failed" ? v : undefined;
    }, async () => {
      const v = await detailOf(failing);
      return { phase: v.rollout.phase, message: v.rollout.message, runs: v.rollout.analysisRuns.map((r) => ({ name: r.name, type: r.type, revision: r.revision, phase: r.phase, m: r.metrics.map((m) => m.measurements.map((x) => [x.phase, x.value, x.message])) })) };
    });
    const run = analysisOf(d, "Background");
    const metric = run?.metrics[0];
    expect(metric).toMatchObject({ name: "success-rate", provider: "prometheus", phase: "Failed", failureCondition: "len(result) > 0 && result[0] < 0.8" });
    expect(metric?.query).toContain(`destination_service_namespace="${failing}",destination_service_name="payments-canary"`);
    expect(metric?.failed).toBeGreaterThanOrEqual(1);
    const last = metric?.measurements.at(-1);
    expect(last?.phase).toBe("Failed");
    expect(last?.numericValue).toBeLessThan(0.8);
    expect(last?.numericValue).toBeGreaterThan(0.2);
    expect(d.rollout.message).toMatch(/analysis|Metric/i);
    // The controller takes the traffic back: the canary's weight goes to 0.
    await eventually("the canary's weight back to 0", async () => {
      const vs = await admin.get<{ spec: { http: { route: { destination: { host: string }; weight?: number }[] }[] } }>("networking.istio.io/v1", "VirtualService", failing, NAME);
      return (vs.spec.http[0]?.route.find((r) => r.destination.host === "payments-canary")?.weight ?? 0) === 0;
    });
  });

  it("a healthy canary passes its inline analysis step and waits at the next pause", async () => {
    await setRolloutImage(passing, NAME, "payments", "ghcr.io/meshdeck-demo/payments:1.1");
    const d = await withTraffic(hostOf(passing), "the step analysis passed", async () => {
      const v = await detailOf(passing);
      return analysisOf(v, "Step")?.phase === "Successful" && v.rollout.pause?.reason === "CanaryPauseStep" ? v : undefined;
    }, async () => (await detailOf(passing)).rollout.analysisRuns);
    const metric = analysisOf(d, "Step")?.metrics[0];
    expect(metric).toMatchObject({ provider: "prometheus", phase: "Successful", successful: 4, failed: 0 });
    const values = metric?.measurements.map((m) => m.numericValue) ?? [];
    expect(values.filter((v) => v !== null).length, JSON.stringify(metric?.measurements)).toBeGreaterThanOrEqual(2);
    expect(values.every((v) => v === null || v >= 0.95)).toBe(true);
    expect(d.rollout.aborted).toBe(false);
    expect(d.rollout.steps[1]?.state).toBe("done");
  });
});
