import type { GatewayApiGatewayWire, PodWire, ReplicaSetWire, ServiceWire } from "@/lib/istio/wire";
import type { ModelOptions } from "./options";
import { containerReadiness, hasSidecar, isPodFinished, isPodReady, isPodTerminating } from "./pod";
import { rolloutModel, rolloutRole } from "./rollouts";
import type { PodSummary, RolloutModel } from "./schema";
import { serviceFqdn } from "@/lib/istio/semantics/host";
import type { MeshSnapshot } from "./snapshot";
import { podVersion } from "./version";
import { workloadOf } from "./workload-ref";

export interface PodEntry {
  wire: PodWire;
  summary: PodSummary;
  labels: Readonly<Record<string, string>>;
  versionLabel: string | null;
}

/** Lookups shared by the model builders, computed once per snapshot. */
export interface MeshIndex {
  options: ModelOptions;
  snapshot: MeshSnapshot;
  namespaceNames: ReadonlySet<string>;
  /** Pods that are not finished (Succeeded/Failed). */
  pods: readonly PodEntry[];
  podsByNamespace: ReadonlyMap<string, readonly PodEntry[]>;
  servicesByFqdn: ReadonlyMap<string, ServiceWire>;
  gatewayKeys: ReadonlySet<string>;
  virtualServiceKeys: ReadonlySet<string>;
  gatewayApiGateways: ReadonlyMap<string, GatewayApiGatewayWire>;
  rollouts: readonly RolloutModel[];
  rolloutByKey: ReadonlyMap<string, RolloutModel>;
}

/** Objects without a namespace (scenario YAML applied with -n) default like kubectl does. */
export function nsOf(o: { metadata: { namespace?: string } }): string {
  return o.metadata.namespace ?? "default";
}

export function keyOf(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

function podEntry(pod: PodWire, replicaSets: ReadonlyMap<string, ReplicaSetWire>, rollouts: ReadonlyMap<string, RolloutModel>): PodEntry {
  const namespace = nsOf(pod);
  const labels = pod.metadata.labels ?? {};
  const workload = workloadOf(pod, replicaSets);
  const version = podVersion(labels);
  const hash = labels["rollouts-pod-template-hash"];
  const rollout = workload.kind === "Rollout" ? rollouts.get(keyOf(namespace, workload.name)) : undefined;
  return {
    wire: pod,
    labels,
    versionLabel: version?.label ?? null,
    summary: {
      namespace,
      name: pod.metadata.name,
      phase: pod.status?.phase ?? null,
      ready: isPodReady(pod),
      terminating: isPodTerminating(pod),
      sidecar: hasSidecar(pod),
      containers: containerReadiness(pod),
      version: version?.version ?? null,
      workload,
      rollout: hash && workload.kind === "Rollout" ? { rollout: workload.name, podTemplateHash: hash, role: rollout ? rolloutRole(rollout, hash) : "previous" } : null,
    },
  };
}

export function buildIndex(snapshot: MeshSnapshot, options: ModelOptions): MeshIndex {
  const replicaSets = new Map(snapshot.replicaSets.map((rs) => [keyOf(nsOf(rs), rs.metadata.name), rs]));
  const rollouts = snapshot.rollouts.map(rolloutModel);
  const rolloutByKey = new Map(rollouts.map((r) => [keyOf(r.namespace, r.name), r]));
  const pods = snapshot.pods.filter((p) => !isPodFinished(p)).map((p) => podEntry(p, replicaSets, rolloutByKey));
  const podsByNamespace = new Map<string, PodEntry[]>();
  for (const p of pods) podsByNamespace.set(p.summary.namespace, [...(podsByNamespace.get(p.summary.namespace) ?? []), p]);
  const namespaceNames = new Set([
    ...snapshot.namespaces.map((n) => n.metadata.name),
    ...[...snapshot.services, ...snapshot.virtualServices, ...snapshot.destinationRules].map(nsOf),
    ...pods.map((p) => p.summary.namespace),
  ]);
  return {
    options,
    snapshot,
    namespaceNames,
    pods,
    podsByNamespace,
    servicesByFqdn: new Map(snapshot.services.map((s) => [serviceFqdn(s.metadata.name, nsOf(s), options.clusterDomain), s])),
    gatewayKeys: new Set(snapshot.gateways.map((g) => keyOf(nsOf(g), g.metadata.name))),
    virtualServiceKeys: new Set(snapshot.virtualServices.map((v) => keyOf(nsOf(v), v.metadata.name))),
    gatewayApiGateways: new Map(snapshot.gatewayApiGateways.map((g) => [keyOf(nsOf(g), g.metadata.name), g])),
    rollouts,
    rolloutByKey,
  };
}
