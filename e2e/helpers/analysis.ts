import path from "node:path";
import type { KubeObject, LabKube } from "../../lab/core/kube-client";
import { demoDir, demoWorldObjects, labValues } from "../../lab/core/demo-world";
import { applyObjects, readManifests } from "../../lab/core/manifests";
import { runProbeLoop } from "../../lab/traffic/probe-client";
import { eventually, labState, uniqueNamespace } from "../../tests/integration/test-lab";

// Copies of the demo world's canaries in a test's own namespace, on a host of
// their own (so that only the test's requests reach them), for the Rollout
// page during an experiment and during a failing analysis.

export const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;

interface Spec {
  strategy: { canary: { steps: unknown[]; analysis?: { args: { name: string; value: string }[] } } };
}

/** The objects of `objects` with the Gateway and VirtualService on `host`, and `edit` applied to the Rollout's spec. */
function onHost(objects: KubeObject[], host: string, edit: (spec: Spec) => void): KubeObject[] {
  return objects.map((o) => {
    const spec = o.spec as Record<string, unknown>;
    if (o.kind === "Rollout") edit(spec as unknown as Spec);
    if (o.kind === "Gateway") (spec.servers as { hosts: string[] }[])[0]!.hosts = [host];
    if (o.kind === "VirtualService") spec.hosts = [host];
    return o;
  });
}

async function healthy(admin: LabKube, ns: string, name: string): Promise<void> {
  await eventually(`${ns}/${name} Healthy`, async () => {
    const r = await admin.get<{ status?: { phase?: string; stableRS?: string } }>(RO[0], RO[1], ns, name);
    return r.status?.phase === "Healthy" && !!r.status.stableRS;
  }, 120_000);
}

async function applyHealthy(admin: LabKube, ns: string, objects: KubeObject[], name: string): Promise<void> {
  await applyObjects(admin, objects, { namespace: ns, forceNamespace: true, namespaceLabels: { "istio-injection": "enabled" } });
  await healthy(admin, ns, name);
}

/** lab/demo/world/canary.yaml (Rollout "payments") with an experiment step: 70 % stable, 10 % the experiment's template, 20 % canary. */
export async function experimentCanary(admin: LabKube, ns: string, host: string): Promise<void> {
  const objects = onHost(readManifests(path.join(demoDir, "world", "canary.yaml")), host, (spec) => {
    spec.strategy.canary.steps = [{ setWeight: 20 }, { experiment: { templates: [{ name: "preview", specRef: "canary", replicas: 1, weight: 10 }] } }, { pause: {} }];
  });
  await applyHealthy(admin, ns, objects, "payments");
}

/**
 * lab/demo/world/argo-analysis.yaml (Rollout "billing", its background
 * analysis on the lab's Prometheus) measuring its own canary Service, with
 * `failureLimit` failed measurements allowed (the run stays Running with its
 * failures in view that long).
 */
export async function analysisCanary(admin: LabKube, ns: string, host: string, failureLimit: number): Promise<void> {
  const world = demoWorldObjects(labValues(labState())).filter((o) => o.metadata.namespace === "demo-argo-analysis");
  const objects = onHost(world, host, (spec) => {
    for (const a of spec.strategy.canary.analysis?.args ?? []) if (a.name === "namespace") a.value = ns;
  }).map((o) => {
    if (o.kind === "AnalysisTemplate") for (const m of (o.spec as { metrics: { failureLimit?: number }[] }).metrics) m.failureLimit = failureLimit;
    return o;
  });
  await applyHealthy(admin, ns, objects, "billing");
}

/** Requests through the ingress gateway to `host`, `perSecond` a second, until stopped. */
export function trafficTo(host: string, path: string, method: string, perSecond: number): { stop: () => Promise<void> } {
  const url = labState().traffic?.url;
  if (!url) throw new Error("the test lab runs no traffic simulator");
  return runProbeLoop(url, { host, path, method }, perSecond);
}

/** Runs `fn` in a fresh namespace whose host (only its own) gets 20 requests a second; stops the traffic and deletes the namespace after. */
export async function inOwnNamespace(admin: LabKube, prefix: string, request: { path: string; method: string }, fn: (ns: string, host: string) => Promise<void>): Promise<void> {
  const ns = uniqueNamespace(prefix);
  const host = `${ns}.e2e.local`;
  const traffic = trafficTo(host, request.path, request.method, 20);
  try {
    await fn(ns, host);
  } finally {
    await traffic.stop();
    await admin.delete("v1", "Namespace", undefined, ns).catch(() => undefined);
  }
}
