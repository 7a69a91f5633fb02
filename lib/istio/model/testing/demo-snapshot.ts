import { demoFixtures } from "@/lib/testing/demo-fixtures";
import { parseMeshSnapshot, type MeshSnapshot } from "../snapshot";

// Test support only (imports node:fs through demo-fixtures): turns the demo
// world's recorded objects (lib/testing/fixtures) into a snapshot the way the
// lab holds them once the controllers have acted: ReplicaSets and ready pods
// for Deployments and Rollouts, the lab injector's sidecar in injected
// namespaces, Argo Rollouts' rewrites of the DestinationRule and canary/stable
// Services, and the ingress gateway pods of lab/manifests.

/** A manifest file of the demo world, by its path under lab/demo (e.g. `world/shop.yaml`). */
export type DemoFile = string;

type Obj = Record<string, unknown> & { apiVersion?: string; kind?: string; metadata?: Record<string, unknown> & { name?: string; namespace?: string } };

const kinds = ["Namespace", "Service", "Deployment", "Rollout", "VirtualService", "DestinationRule", "Gateway", "ServiceEntry", "HTTPRoute"];

/** The objects of the given files; a later object with the same identity replaces an earlier one (as applying a variant does). */
export function loadDemoFiles(files: readonly DemoFile[]): Obj[] {
  const out = new Map<string, Obj>();
  for (const f of files) {
    const fixture = demoFixtures().find((x) => x.source === f);
    if (!fixture) throw new Error(`no recorded fixture for lab/demo/${f} (lab/scripts/record-fixtures.ts)`);
    for (const object of fixture.objects) {
      if (!kinds.includes(object.kind ?? "")) continue;
      out.set(`${object.apiVersion}/${object.kind}/${object.metadata?.namespace ?? ""}/${object.metadata?.name}`, structuredClone(object) as Obj);
    }
  }
  return [...out.values()];
}

/** Deterministic 10-character stand-in for the controllers' pod-template-hash. */
export function templateHash(value: unknown): string {
  let h = 2166136261;
  for (const ch of JSON.stringify(value)) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return (h.toString(36) + "0000000000").slice(0, 10);
}

export interface SimulateOptions {
  /** Namespaces labelled istio-injection=enabled (default: every namespace, as the demo world does). */
  injectedNamespaces?: readonly string[];
  /** Apply Argo Rollouts' rewrites (DestinationRule hashes, Service selectors). Default true. */
  argoController?: boolean;
  /** Add istio-system with the ingress gateway pods. Default true. */
  mesh?: boolean;
}

interface Template {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
  spec?: { containers?: { name: string }[] };
}

function readyPod(namespace: string, name: string, owner: { kind: string; name: string }, template: Template, extraLabels: Record<string, string>, inject: boolean): Obj {
  const labels = { ...(template.metadata?.labels ?? {}), ...extraLabels };
  const annotations: Record<string, string> = { ...(template.metadata?.annotations ?? {}) };
  const containers = [...(template.spec?.containers ?? [])].map((c) => ({ name: c.name }));
  if (inject && labels["sidecar.istio.io/inject"] !== "false") {
    containers.push({ name: "istio-proxy" });
    annotations["sidecar.istio.io/status"] = JSON.stringify({ containers: ["istio-proxy"], revision: "default" });
    labels["security.istio.io/tlsMode"] ??= "istio";
    labels["service.istio.io/canonical-name"] ??= labels["app.kubernetes.io/name"] ?? labels.app ?? owner.name;
    labels["service.istio.io/canonical-revision"] ??= labels["app.kubernetes.io/version"] ?? labels.version ?? "latest";
  }
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace, generateName: name.slice(0, name.lastIndexOf("-") + 1), labels, annotations, ownerReferences: [{ apiVersion: "apps/v1", kind: owner.kind, name: owner.name, controller: true }] },
    spec: { containers },
    status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }], containerStatuses: containers.map((c) => ({ name: c.name, ready: true })) },
  };
}

function replicaSetWithPods(namespace: string, owner: { apiVersion: string; kind: string; name: string }, template: Template, replicas: number, hashLabel: string, hash: string, inject: boolean) {
  const rsName = `${owner.name}-${hash}`;
  const labels = { ...(template.metadata?.labels ?? {}), [hashLabel]: hash };
  const rs: Obj = {
    apiVersion: "apps/v1",
    kind: "ReplicaSet",
    metadata: { name: rsName, namespace, labels, ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.name, controller: true }] },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: template.spec ?? { containers: [] } } },
  };
  const pods = Array.from({ length: replicas }, (_, i) => readyPod(namespace, `${rsName}-${i.toString(36).padStart(5, "x")}`, { kind: "ReplicaSet", name: rsName }, template, { [hashLabel]: hash }, inject));
  return { rs, pods };
}

function meshObjects(): { namespaces: Obj[]; pods: Obj[] } {
  const gw = (name: string, labels: Record<string, string>) =>
    readyPod("istio-system", `${name}-5d4c3b2a1-x0000`, { kind: "ReplicaSet", name: `${name}-5d4c3b2a1` }, { metadata: { labels: { ...labels, "sidecar.istio.io/inject": "false" } }, spec: { containers: [{ name: "istio-proxy" }] } }, { "pod-template-hash": "5d4c3b2a1" }, false);
  return {
    namespaces: [{ apiVersion: "v1", kind: "Namespace", metadata: { name: "istio-system" } }],
    pods: [gw("istio-ingressgateway", { app: "istio-ingressgateway", istio: "ingressgateway" })],
  };
}

type Spec = Record<string, unknown>;
const spec = (o: Obj) => (o.spec ?? {}) as Spec;
const meta = (o: Obj) => o.metadata as { name: string; namespace: string; labels?: Record<string, string>; annotations?: Record<string, string> };

/** A parsed snapshot of the objects after the controllers (simulated) have acted. */
export function simulateCluster(objects: readonly Obj[], options: SimulateOptions = {}): MeshSnapshot {
  const objs = objects.map((o) => structuredClone(o));
  const of = (kind: string, apiPrefix?: string) => objs.filter((o) => o.kind === kind && (!apiPrefix || String(o.apiVersion).startsWith(apiPrefix)));
  const nsNames = new Set([...objs.filter((o) => o.kind !== "Namespace").map((o) => meta(o).namespace), ...of("Namespace").map((o) => meta(o).name)]);
  const injected = new Set(options.injectedNamespaces ?? nsNames);
  const namespaces: Obj[] = [...nsNames].sort().map((name) => {
    const declared = of("Namespace").find((n) => meta(n).name === name);
    const labels = { ...(declared ? (meta(declared).labels ?? {}) : {}) };
    if (injected.has(name)) labels["istio-injection"] = "enabled";
    else delete labels["istio-injection"];
    return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels } };
  });
  const inject = (ns: string) => namespaces.some((n) => meta(n).name === ns && meta(n).labels?.["istio-injection"] === "enabled");
  const replicaSets: Obj[] = [];
  const pods: Obj[] = [];
  for (const d of of("Deployment")) {
    const s = spec(d);
    const template = s.template as Template;
    const { rs, pods: ps } = replicaSetWithPods(meta(d).namespace, { apiVersion: "apps/v1", kind: "Deployment", name: meta(d).name }, template, (s.replicas as number | undefined) ?? 1, "pod-template-hash", templateHash(template), inject(meta(d).namespace));
    replicaSets.push(rs);
    pods.push(...ps);
  }
  for (const r of of("Rollout")) {
    const s = spec(r);
    const template = s.template as Template;
    const hash = templateHash(template);
    const namespace = meta(r).namespace;
    const { rs, pods: ps } = replicaSetWithPods(namespace, { apiVersion: "argoproj.io/v1alpha1", kind: "Rollout", name: meta(r).name }, template, (s.replicas as number | undefined) ?? 1, "rollouts-pod-template-hash", hash, inject(namespace));
    replicaSets.push(rs);
    pods.push(...ps);
    r.status = { phase: "Healthy", stableRS: hash, currentPodHash: hash, canary: { weights: { canary: { podTemplateHash: hash, weight: 0 }, stable: { podTemplateHash: hash, weight: 100 } } } };
    if (options.argoController === false) continue;
    const canary = ((s.strategy as Spec | undefined)?.canary ?? {}) as { canaryService?: string; stableService?: string; trafficRouting?: { istio?: { destinationRule?: { name: string; canarySubsetName: string; stableSubsetName: string } } } };
    for (const svcName of [canary.canaryService, canary.stableService]) {
      const svc = of("Service").find((o) => meta(o).namespace === namespace && meta(o).name === svcName);
      if (!svc) continue;
      const m = meta(svc);
      m.annotations = { ...(m.annotations ?? {}), "argo-rollouts.argoproj.io/managed-by-rollouts": meta(r).name };
      const svcSpec = spec(svc);
      svcSpec.selector = { ...((svcSpec.selector as Record<string, string> | undefined) ?? {}), "rollouts-pod-template-hash": hash };
    }
    const drRef = canary.trafficRouting?.istio?.destinationRule;
    const dr = drRef ? of("DestinationRule").find((o) => meta(o).namespace === namespace && meta(o).name === drRef.name) : undefined;
    if (dr && drRef) {
      const m = dr.metadata as Record<string, unknown>;
      m.annotations = { ...((m.annotations as Record<string, string> | undefined) ?? {}), "argo-rollouts.argoproj.io/managed-by-rollouts": meta(r).name };
      m.managedFields = [{ manager: "kubectl-client-side-apply", operation: "Update" }, { manager: "rollouts-controller", operation: "Update" }];
      for (const subset of (spec(dr).subsets ?? []) as { name: string; labels?: Record<string, string> }[]) {
        if (subset.name === drRef.canarySubsetName || subset.name === drRef.stableSubsetName) subset.labels = { ...(subset.labels ?? {}), "rollouts-pod-template-hash": hash };
      }
    }
  }
  const mesh = options.mesh === false ? { namespaces: [], pods: [] } : meshObjects();
  return parseMeshSnapshot({
    namespaces: [...namespaces, ...mesh.namespaces.filter((n) => !nsNames.has(meta(n).name))],
    services: of("Service"),
    pods: [...pods, ...mesh.pods],
    deployments: of("Deployment"),
    replicaSets,
    virtualServices: of("VirtualService"),
    destinationRules: of("DestinationRule"),
    gateways: of("Gateway", "networking.istio.io/"),
    serviceEntries: of("ServiceEntry"),
    httpRoutes: of("HTTPRoute"),
    gatewayApiGateways: of("Gateway", "gateway.networking.k8s.io/"),
    rollouts: of("Rollout"),
  });
}

/** The demo world's parts, file by file (lab/demo/README.md). */
export const demo = {
  hosts: ["world/hosts.yaml"],
  blueGreen: ["world/bluegreen.yaml"],
  canary: ["world/canary.yaml"],
  staged: ["world/staged.yaml"],
  shop: ["world/shop.yaml"],
  argoSubset: ["world/argo-subset.yaml"],
  argoMirror: ["world/argo-mirror.yaml"],
  argoHeader: ["world/argo-header.yaml"],
  gatewayApi: ["world/gateway-api.yaml"],
  tcp: ["world/tcp.yaml"],
} satisfies Record<string, DemoFile[]>;

/** Every file of the demo world (lab/demo/world). */
export const wholeWorld: DemoFile[] = Object.values(demo).flat();

export function demoSnapshot(files: readonly DemoFile[], options?: SimulateOptions): MeshSnapshot {
  return simulateCluster(loadDemoFiles(files), options);
}

/** The shop with ready-to-apply variants applied on top, in order (file names of lab/demo/shop-variants). */
export function shopWith(...variants: string[]): DemoFile[] {
  return [...demo.shop, ...variants.map((v) => `shop-variants/${v}`)];
}
