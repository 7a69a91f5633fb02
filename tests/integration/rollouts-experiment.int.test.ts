import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDir } from "../../lab/core/demo-world.js";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { readManifests } from "../../lab/core/manifests.js";
import { applyHealthyRollout, endRolloutsTest, rolloutDetailOf } from "./rollouts-lab.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";

// An experiment step (weights 70/10/20: stable, the experiment's template,
// canary) against the real Argo Rollouts controller: the Rollout detail shows
// the Experiment, its template's ReplicaSet, pods, Service and weight.

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;

const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;
const admin = kubeAs("admin");
const ns = uniqueNamespace("ro-exp");
const NAME = "payments";

const STEPS = [{ setWeight: 20 }, { experiment: { templates: [{ name: "preview", specRef: "canary", replicas: 1, weight: 10 }] } }, { pause: {} }];

function manifest(): KubeObject[] {
  return readManifests(path.join(demoDir, "world", "canary.yaml")).map((o) => {
    if (o.kind === "Rollout") (o.spec as { strategy: { canary: { steps: unknown[] } } }).strategy.canary.steps = STEPS;
    return o;
  });
}

interface Vs {
  spec: { http: { name?: string; route: { destination: { host: string }; weight?: number }[] }[] };
}

const getDetail = () => rolloutDetailOf(ns, NAME);

beforeAll(async () => {
  await applyHealthyRollout(ns, manifest(), NAME);
}, 180_000);

afterAll(() => endRolloutsTest([ns]));

describe("an experiment step with the real Argo Rollouts controller", () => {
  it("shows the running Experiment: template ReplicaSet, ready pods, Service and its 10 % of the traffic", async () => {
    await admin.patch(RO[0], RO[1], ns, NAME, [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "ghcr.io/meshdeck-demo/payments:1.1" }], "json");
    // Argo writes the experiment's Service into the route once the template is available.
    const weights = await eventually("VirtualService at 70/10/20", async () => {
      const vs = await admin.get<Vs>("networking.istio.io/v1", "VirtualService", ns, NAME);
      const route = vs.spec.http.find((h) => h.name === "primary")?.route ?? [];
      const w = Object.fromEntries(route.map((r) => [r.destination.host, r.weight ?? 0]));
      return route.length === 3 && w["payments-stable"] === 70 && w["payments-canary"] === 20 ? w : undefined;
    }, 120_000);
    const experimentService = Object.keys(weights).find((h) => h !== "payments-stable" && h !== "payments-canary");
    expect(weights[experimentService ?? ""]).toBe(10);

    const view = await eventually("the detail shows the experiment running with its pod ready", async () => {
      const d = await getDetail();
      const e = d.rollout.experiments[0];
      return e?.phase === "Running" && e.templates[0]?.ready === 1 && d.pods.some((p) => p.podTemplateHash === e.templates[0]?.podTemplateHash && p.ready) ? d : undefined;
    }, 120_000);
    const experiment = view.rollout.experiments[0];
    const cluster = await admin.get<{ metadata: { name: string }; status: { templateStatuses: { name: string; serviceName?: string; podTemplateHash?: string }[] } }>(
      "argoproj.io/v1alpha1",
      "Experiment",
      ns,
      experiment?.name ?? "",
    );
    expect(experiment?.current).toBe(true);
    const template = experiment?.templates[0];
    expect(template).toMatchObject({ name: "preview", desired: 1, ready: 1, weight: 10, serviceName: experimentService, images: ["ghcr.io/meshdeck-demo/payments:1.1"] });
    expect(template?.podTemplateHash).toBe(cluster.status.templateStatuses[0]?.podTemplateHash);
    expect(template?.replicaSet).toBe(`${experiment?.name}-preview`);
    expect(view.rollout.steps[1]?.label).toBe("Experiment preview");
    // The template's ReplicaSet is one of the Rollout's revisions too (role experiment), with its pods.
    const revision = view.rollout.revisions.find((r) => r.roles.includes("experiment"));
    expect(revision).toMatchObject({ name: `${experiment?.name}-preview`, experiment: experiment?.name, podTemplateHash: template?.podTemplateHash, images: ["ghcr.io/meshdeck-demo/payments:1.1"] });
    expect(revision?.pods.filter((p) => p.ready).map((p) => p.replicaSet)).toEqual([`${experiment?.name}-preview`]);
    expect(view.rollout.revisions.map((r) => r.roles)).toEqual([["canary"], ["stable"], ["experiment"]]);
    // Argo reports the experiment's share among the additional weights.
    const additional = await eventually("status.canary.weights.additional", async () => {
      const d = await getDetail();
      return d.rollout.weights?.additional.length ? d.rollout.weights.additional : undefined;
    });
    expect(additional).toEqual([expect.objectContaining({ weight: 10, serviceName: experimentService })]);
  });
});
