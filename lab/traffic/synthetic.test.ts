import { describe, expect, it } from "vitest";
import { loadManifests } from "./model/manifests";
import { TrafficRuntime } from "./runtime";
import { generateSyntheticMesh, syntheticTrafficConfig } from "./synthetic";
import { materialize } from "./testing/fake-cluster";
import { labWorkloads } from "./testing/lab-workloads";

describe("synthetic mesh generator", () => {
  const mesh = generateSyntheticMesh({ workloads: 200, namespaces: 4, seed: 3 });
  const kinds = (kind: string): unknown[] => mesh.objects.filter((o) => (o as { kind: string }).kind === kind);

  it("produces N workloads in M namespaces with subsets and weighted canaries", () => {
    expect(kinds("Deployment")).toHaveLength(200);
    expect(kinds("Namespace")).toHaveLength(4);
    expect(kinds("Service")).toHaveLength(mesh.services);
    expect(kinds("DestinationRule").length).toBe(200 - mesh.services);
    const weights = kinds("VirtualService").flatMap((v) =>
      ((v as { spec: { http: { route: { weight?: number }[] }[] } }).spec.http[0]?.route ?? []).map((r) => r.weight),
    );
    expect(weights).toContain(90);
    expect(weights).toContain(10);
    expect(mesh.edges).toBeGreaterThan(mesh.services / 2);
  });

  it("runs in the simulator without routing failures", () => {
    const rt = new TrafficRuntime({ ...syntheticTrafficConfig(mesh), seed: 9 });
    loadManifests(rt.store, materialize([...labWorkloads(), ...mesh.objects]));
    rt.rebuildNow();
    expect(rt.simulator.currentPlan.flows.every((f) => f.problem === null)).toBe(true);
    for (let i = 0; i < 40; i++) rt.simulator.advance(0.25);
    const flags = new Set(rt.metrics.series.map((s) => /response_flags="([^"]*)"/.exec(s.labels.toString())?.[1]));
    expect([...flags]).toEqual(["-"]);
    expect(rt.simulator.stats().routedRequests).toBeGreaterThan(rt.simulator.stats().entryRequests * 3);
  });
});
