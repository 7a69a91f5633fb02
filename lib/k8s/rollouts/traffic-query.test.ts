import { describe, expect, it } from "vitest";
import { fixtureNow, loadFixture } from "@/lib/rollouts/fixtures/load";
import { buildRolloutView } from "@/lib/rollouts/model";
import { experimentWire, parseRollout } from "@/lib/rollouts/wire";
import { trafficPlan, trafficQuery } from "./traffic-query";

const rollout = parseRollout({
  apiVersion: "argoproj.io/v1alpha1",
  kind: "Rollout",
  metadata: { name: "payments", namespace: "shop", uid: "ro-1" },
  spec: {
    selector: { matchLabels: { app: "payments" } },
    template: { metadata: { labels: { app: "payments" } }, spec: { containers: [{ name: "payments", image: "payments:1.1" }] } },
    strategy: {
      canary: {
        stableService: "payments-stable",
        canaryService: "payments-canary",
        trafficRouting: { istio: { virtualService: { name: "payments", routes: ["primary"] } } },
        steps: [{ setWeight: 20 }, { experiment: { templates: [{ name: "preview", specRef: "canary", weight: 10 }] } }],
      },
    },
  },
  status: { currentStepIndex: 1, canary: { currentExperiment: "payments-abc-2-1" } },
});

const experiment = experimentWire.parse({
  metadata: { name: "payments-abc-2-1", namespace: "shop", uid: "ex-1", ownerReferences: [{ apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: "payments", uid: "ro-1" }] },
  spec: { templates: [{ name: "preview", replicas: 1 }] },
  status: { phase: "Running", templateStatuses: [{ name: "preview", readyReplicas: 1, availableReplicas: 1, status: "Running", serviceName: "payments-abc-2-1-preview", podTemplateHash: "h2" }] },
});

describe("trafficPlan", () => {
  it("splits a host-level canary by Service, with the current experiment's template Service as a version of its own", () => {
    const view = buildRolloutView({ rollout, replicaSets: [], analysisRuns: [], experiments: [experiment] }, 0);
    const plan = trafficPlan(view, []);
    expect(plan.splitBy).toBe("service");
    expect(plan.versions).toEqual([
      { key: "payments-stable", role: "stable", label: "stable (payments-stable)" },
      { key: "payments-canary", role: "canary", label: "canary (payments-canary)" },
      { key: "payments-abc-2-1-preview", role: "other", label: "experiment preview (payments-abc-2-1-preview)" },
    ]);
    expect(trafficQuery("shop", plan.services, 20)).toContain('destination_service_name=~"payments-stable|payments-canary|payments-abc-2-1-preview"');
  });

  it("leaves out an experiment that is not the current step's", () => {
    const done = { ...rollout, status: { ...rollout.status, currentStepIndex: 2, canary: {} } };
    const view = buildRolloutView({ rollout: done, replicaSets: [], analysisRuns: [], experiments: [experiment] }, 0);
    expect(trafficPlan(view, []).services).toEqual(["payments-stable", "payments-canary"]);
    expect(view.experiments[0]?.current).toBe(false);
  });
});

describe("trafficPlan with ping-pong", () => {
  it("splits by the ping and pong Services with their roles now", () => {
    const paused = loadFixture("pingpong-paused");
    expect(trafficPlan(buildRolloutView(paused, fixtureNow(paused)), ["web-ping", "web-pong"]).versions).toEqual([
      { key: "web-ping", role: "stable", label: "stable · ping (web-ping)" },
      { key: "web-pong", role: "canary", label: "canary · pong (web-pong)" },
    ]);
    const promoted = loadFixture("pingpong-promoted");
    const plan = trafficPlan(buildRolloutView(promoted, fixtureNow(promoted)), []);
    expect(plan).toMatchObject({ splitBy: "service", services: ["web-pong", "web-ping"] });
    expect(plan.versions.map((v) => [v.key, v.role])).toEqual([
      ["web-pong", "stable"],
      ["web-ping", "canary"],
    ]);
  });
});
