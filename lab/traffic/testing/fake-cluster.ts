/**
 * Builds the objects a real control plane would hold for a set of manifests
 * — Namespaces, and Running+Ready Pods for each Deployment / Rollout, named
 * and owned like the ReplicaSet controller's — so routing can be tested and
 * benchmarked without a cluster.
 */
import { z } from "zod";
import { loadManifests } from "../model/manifests";
import { ClusterStore } from "../model/store";

const workloadSchema = z.object({
  apiVersion: z.string(),
  kind: z.enum(["Deployment", "Rollout"]),
  metadata: z.object({ name: z.string(), namespace: z.string().optional() }),
  spec: z.object({
    replicas: z.number().int().optional(),
    template: z.object({
      metadata: z
        .object({
          labels: z.record(z.string(), z.string()).optional(),
          annotations: z.record(z.string(), z.string()).optional(),
        })
        .optional(),
      spec: z.object({
        serviceAccountName: z.string().optional(),
        containers: z.array(z.object({ name: z.string() }).loose()).default([]),
      }).loose(),
    }),
  }),
});

const namespacedSchema = z.object({ metadata: z.object({ namespace: z.string().optional() }).loose() }).loose();

export interface FakeClusterOptions {
  /** Whether pods in a namespace get an injected sidecar (default: all do). */
  readonly sidecar?: (namespace: string) => boolean;
  /** Namespace for objects that name none (as `kubectl apply -n`). */
  readonly namespace?: string;
  /** Overrides the pod-template-hash of a workload (keyed ns/name), e.g. to model two ReplicaSets. */
  readonly templateHash?: Readonly<Record<string, string>>;
}

/** A stable 10-character [a-z0-9] hash, like the pod-template-hash the controllers compute. */
export function shortHash(text: string, length = 10): string {
  let h = 2166136261;
  let out = "";
  for (let round = 0; out.length < length; round++) {
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    h = Math.imul(h ^ round, 16777619);
    out += (h >>> 0).toString(36);
  }
  return out.slice(0, length).replace(/^[0-9]/, "b");
}

const PAUSE_IMAGE = "registry.k8s.io/pause:3.10";
const PROXY_IMAGE = "docker.io/istio/proxyv2:1.30.3";
let ipCounter = 0;

/** One Running+Ready pod as the ReplicaSet controller and kubelet (kwok) would leave it. */
export function fakePod(
  workload: z.infer<typeof workloadSchema>,
  namespace: string,
  replica: number,
  hash: string,
  sidecar: boolean,
): Record<string, unknown> {
  const name = workload.metadata.name;
  const template = workload.spec.template;
  const hashLabel = workload.kind === "Rollout" ? "rollouts-pod-template-hash" : "pod-template-hash";
  const rs = `${name}-${hash}`;
  const annotations: Record<string, string> = { ...(template.metadata?.annotations ?? {}) };
  if (sidecar) annotations["sidecar.istio.io/status"] = '{"containers":["istio-proxy"]}';
  ipCounter++;
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name: `${rs}-${shortHash(`${rs}/${replica}`, 5)}`,
      namespace,
      uid: `uid-${namespace}-${rs}-${replica}`,
      labels: { ...(template.metadata?.labels ?? {}), [hashLabel]: hash },
      annotations,
      creationTimestamp: "2024-01-01T00:00:00Z",
      ownerReferences: [{ apiVersion: "apps/v1", kind: "ReplicaSet", name: rs, uid: `uid-rs-${rs}`, controller: true }],
    },
    spec: {
      serviceAccountName: template.spec.serviceAccountName ?? "default",
      containers: [
        ...template.spec.containers.map((c) => ({ name: c.name, image: typeof c["image"] === "string" ? c["image"] : PAUSE_IMAGE })),
        ...(sidecar && !template.spec.containers.some((c) => c.name === "istio-proxy") ? [{ name: "istio-proxy", image: PROXY_IMAGE }] : []),
      ],
    },
    status: {
      phase: "Running",
      podIP: `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
      conditions: [{ type: "Ready", status: "True" }],
    },
  };
}

/** Sets metadata.namespace on namespaced objects that name none (a shallow copy). */
export function withNamespace(objects: readonly unknown[], namespace: string): unknown[] {
  return objects.map((o) => {
    const r = namespacedSchema.safeParse(o);
    if (!r.success || r.data.metadata.namespace) return o;
    const kind = (o as { kind?: unknown }).kind;
    if (kind === "Namespace") return o;
    return { ...r.data, metadata: { ...r.data.metadata, namespace } };
  });
}

/** The manifests plus their Namespaces and the pods their Deployments / Rollouts would run. */
export function materialize(objects: readonly unknown[], opts: FakeClusterOptions = {}): unknown[] {
  const sidecar = opts.sidecar ?? (() => true);
  const namespaced = opts.namespace ? withNamespace(objects, opts.namespace) : [...objects];
  const namespaces = new Set<string>();
  const out: unknown[] = [];
  for (const obj of namespaced) {
    out.push(obj);
    const ns = namespacedSchema.safeParse(obj);
    if (ns.success && ns.data.metadata.namespace) namespaces.add(ns.data.metadata.namespace);
    const w = workloadSchema.safeParse(obj);
    if (!w.success) continue;
    const namespace = w.data.metadata.namespace ?? "default";
    const key = `${namespace}/${w.data.metadata.name}`;
    const hash = opts.templateHash?.[key] ?? shortHash(key);
    for (let i = 0; i < (w.data.spec.replicas ?? 1); i++) out.push(fakePod(w.data, namespace, i, hash, sidecar(namespace)));
  }
  for (const name of namespaces) out.push({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
  return out;
}

/** A store holding the materialized objects. */
export function fakeStore(objects: readonly unknown[], opts: FakeClusterOptions = {}): ClusterStore {
  const store = new ClusterStore((m) => {
    throw new Error(m);
  });
  loadManifests(store, materialize(objects, opts));
  return store;
}
