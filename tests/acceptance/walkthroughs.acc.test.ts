import { beforeAll, describe, expect, it } from "vitest";
import { applyObjects, readManifests } from "../../lab/core/manifests.js";
import { allScenarioFiles, applyScenarioFiles, baseScenario, labelScenarioNamespaces, scenarioNamespaces, scenarioPath } from "../../lab/core/scenarios.js";
import { notReadyWorkloads, waitWorkloadsReady } from "../../lab/core/workloads.js";
import { kubeAs } from "../integration/test-lab.js";

interface Pod {
  metadata: { name: string; namespace: string; ownerReferences?: { kind: string; name: string }[]; annotations?: Record<string, string> };
  spec: { nodeName?: string; containers: { name: string }[] };
  status: { phase: string; podIP?: string; conditions?: { type: string; status: string }[] };
}

describe("every scenario in ../shared/scenarios", () => {
  const files = allScenarioFiles();

  // As in a mesh: the walkthrough namespaces are labelled for sidecar injection before anything lands in them.
  beforeAll(() => labelScenarioNamespaces(kubeAs("admin")));

  it("finds the walkthroughs", () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    expect(files.map((f) => f.file)).toEqual(expect.arrayContaining(baseScenario.map((s) => s.file)));
  });

  it.each(files.map((f) => [f.file, f.namespace] as const))("%s applies cleanly (namespace %s)", async (file, namespace) => {
    const objs = readManifests(scenarioPath(file));
    const applied = await applyObjects(kubeAs("admin"), objs, { namespace });
    expect(applied.length).toBeGreaterThanOrEqual(objs.length);
    for (const o of applied) expect(o.metadata.resourceVersion).toBeTruthy();
  });

  it("brings every Deployment and Rollout to its desired ready replicas", async () => {
    const kube = kubeAs("admin");
    // Leave the walkthrough namespaces in their base state for the tests after this one:
    // re-apply the base set and delete what only the alternative files created.
    await applyScenarioFiles(kube, baseScenario);
    const key = (o: { kind: string; metadata: { name: string; namespace?: string } }) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`;
    const withNs = (f: { file: string; namespace: string }) => readManifests(scenarioPath(f.file)).map((o) => ({ ...o, metadata: { ...o.metadata, namespace: o.kind === "Namespace" ? undefined : (o.metadata.namespace ?? f.namespace) } }));
    const base = new Set(baseScenario.flatMap(withNs).map(key));
    for (const o of files.flatMap(withNs)) if (!base.has(key(o))) await kube.delete(o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name);
    await waitWorkloadsReady(kube, scenarioNamespaces, 180_000);
    expect(await notReadyWorkloads(kube, scenarioNamespaces)).toEqual([]);
  }, 240_000);

  it("runs the pods through the real controllers and scheduler onto kwok nodes, with sidecars", async () => {
    const kube = kubeAs("admin");
    const pods = (await kube.list<Pod>("v1", "Pod", "bookinfo")).items.filter((p) => !("deletionTimestamp" in p.metadata));
    expect(pods.map((p) => p.metadata.name.replace(/-[a-z0-9]+-[a-z0-9]+$/, "")).sort()).toEqual(["details-v1", "productpage-v1", "ratings-v1", "reviews-v1", "reviews-v2", "reviews-v3"]);
    for (const p of pods) {
      expect(p.metadata.ownerReferences?.[0]?.kind).toBe("ReplicaSet");
      expect(p.spec.nodeName).toMatch(/^kwok-node-/);
      expect(p.status.phase).toBe("Running");
      expect(p.status.podIP).toMatch(/^10\.244\./);
      expect(p.status.conditions?.find((c) => c.type === "Ready")?.status).toBe("True");
      expect(p.spec.containers.map((c) => c.name)).toContain("istio-proxy");
      expect(p.metadata.annotations?.["sidecar.istio.io/status"]).toBeTruthy();
    }
    const rolloutPods = (await kube.list<Pod>("v1", "Pod", "argo-apl")).items;
    expect(rolloutPods.length).toBeGreaterThan(0);
    const rs = await kube.get<{ metadata: { ownerReferences?: { kind: string }[] } }>("apps/v1", "ReplicaSet", "argo-apl", rolloutPods[0]?.metadata.ownerReferences?.[0]?.name ?? "");
    expect(rs.metadata.ownerReferences?.[0]?.kind).toBe("Rollout");
  });
});
