import { describe, expect, it } from "vitest";
import { experimentWire, parseReplicaSet, parseRollout } from "../wire";
import { experimentViews } from "./experiments";

const ro = parseRollout({
  metadata: { name: "web", namespace: "ns", uid: "ro" },
  spec: { selector: {}, template: {}, strategy: { canary: { steps: [{ experiment: { templates: [{ name: "a", specRef: "canary", weight: 5 }] } }] } } },
  status: { currentStepIndex: 0, canary: { currentExperiment: "web-2" } },
});
const owner = (kind: string, name: string, uid: string) => [{ apiVersion: "argoproj.io/v1alpha1", kind, name, uid }];
const exp = (name: string, created: string, uid: string) =>
  experimentWire.parse({
    metadata: { name, namespace: "ns", uid, creationTimestamp: created, ownerReferences: owner("Rollout", "web", "ro") },
    spec: { duration: "5m", templates: [{ name: "a", replicas: 2, template: { spec: { containers: [{ name: "c", image: "web:2" }] } } }] },
  });

describe("experimentViews", () => {
  it("lists newest first, marks the current step's experiment and gives its templates the step's weight", () => {
    const views = experimentViews(ro, [exp("web-1", "2026-01-01T00:00:00Z", "e1"), exp("web-2", "2026-01-02T00:00:00Z", "e2")], []);
    expect(views.map((v) => [v.name, v.current, v.templates[0]?.weight])).toEqual([
      ["web-2", true, 5],
      ["web-1", false, null],
    ]);
    expect(views[0]).toMatchObject({ phase: "", duration: "5m", templates: [{ name: "a", desired: 2, ready: 0, status: null, images: ["web:2"] }] });
  });

  it("finds a template's ReplicaSet by Argo's name before the controller reports its hash, and only among the experiment's own", () => {
    const rs = (name: string, uid: string) =>
      parseReplicaSet({ metadata: { name, namespace: "ns", labels: { "rollouts-pod-template-hash": `h-${name}` }, ownerReferences: owner("Experiment", "x", uid) }, spec: {}, status: { readyReplicas: 1, availableReplicas: 1 } });
    const [view] = experimentViews(ro, [exp("web-2", "2026-01-02T00:00:00Z", "e2")], [rs("web-2-a", "e2")]);
    expect(view?.templates[0]).toMatchObject({ replicaSet: "web-2-a", podTemplateHash: "h-web-2-a", ready: 1 });
    const [foreign] = experimentViews(ro, [exp("web-2", "2026-01-02T00:00:00Z", "e2")], [rs("web-2-a", "other")]);
    expect(foreign?.templates[0]?.replicaSet).toBeNull();
  });
});
