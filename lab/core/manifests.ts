import fs from "node:fs";
import { parseAllDocuments } from "yaml";
import type { KubeObject, LabKube } from "./kube-client.js";
import { KubeError } from "./kube-client.js";
import { waitFor } from "./http.js";

/** Parses a multi-document YAML file into Kubernetes objects, skipping empty documents. */
export function readManifests(file: string): KubeObject[] {
  return parseManifests(fs.readFileSync(file, "utf8"), file);
}

export function parseManifests(text: string, source = "<inline>"): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${source}: ${doc.errors[0]?.message}`);
    const obj = doc.toJS() as KubeObject | null;
    if (!obj) continue;
    if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) throw new Error(`${source}: a document lacks apiVersion, kind or metadata.name`);
    out.push(obj);
  }
  return out;
}

const clusterScopedKinds = new Set([
  "Namespace",
  "CustomResourceDefinition",
  "ClusterRole",
  "ClusterRoleBinding",
  "MutatingWebhookConfiguration",
  "ValidatingWebhookConfiguration",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "Node",
  "PriorityClass",
  "StorageClass",
]);

function rank(o: KubeObject): number {
  if (o.kind === "CustomResourceDefinition") return 0;
  if (o.kind === "Namespace") return 1;
  if (o.kind === "ServiceAccount" || o.kind.startsWith("Cluster") || o.kind.endsWith("Role") || o.kind.endsWith("RoleBinding")) return 2;
  // Services and config before the workloads that reference them: a Rollout
  // applied before its stable/canary Services is marked InvalidSpec by the
  // controller, which may not look at it again until its next resync.
  if (o.kind === "Service" || o.kind === "ConfigMap" || o.kind === "Secret") return 3;
  return 4;
}

export interface ApplyOptions {
  /** Namespace for namespaced objects that name none. */
  namespace?: string;
  /** Labels for namespaces this apply creates or touches. */
  namespaceLabels?: Record<string, string>;
  fieldManager?: string;
  /** Put every namespaced object into `namespace`, dropping the file's own Namespace objects (for isolated test copies). */
  forceNamespace?: boolean;
}

/**
 * Applies objects with server-side apply, CRDs and Namespaces first, creating
 * the namespaces they land in. Returns the applied objects as the server has them.
 */
export async function applyObjects(kube: LabKube, objects: KubeObject[], opts: ApplyOptions = {}): Promise<KubeObject[]> {
  const docs = objects
    .filter((o) => !(opts.forceNamespace && o.kind === "Namespace"))
    .map((o) => structuredClone(o))
    .sort((a, b) => rank(a) - rank(b));
  const namespaces = new Set<string>();
  for (const o of docs) {
    if (clusterScopedKinds.has(o.kind)) continue;
    if (opts.forceNamespace && opts.namespace) o.metadata.namespace = opts.namespace;
    o.metadata.namespace ??= opts.namespace ?? "default";
    namespaces.add(o.metadata.namespace);
  }
  for (const o of docs) if (o.kind === "Namespace") namespaces.delete(o.metadata.name);
  const nsObjects: KubeObject[] = [...namespaces].map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } }));
  const applied: KubeObject[] = [];
  const crds = docs.filter((o) => o.kind === "CustomResourceDefinition");
  // Namespaces the objects land in but the files do not declare: applied (with
  // the labels asked for) or else only created when missing — an apply without
  // labels would strip labels an earlier apply by the same field manager set.
  const implicit = opts.namespaceLabels ? nsObjects : [];
  if (!opts.namespaceLabels) for (const o of nsObjects) await ensureNamespace(kube, o.metadata.name);
  const all = [...crds, ...implicit, ...docs.filter((o) => o.kind !== "CustomResourceDefinition")];
  let crdsApplied = false;
  for (const o of all) {
    if (o.kind === "Namespace" && opts.namespaceLabels) o.metadata.labels = { ...o.metadata.labels, ...opts.namespaceLabels };
    if (o.kind !== "CustomResourceDefinition" && crdsApplied) {
      kube.forget();
      crdsApplied = false;
    }
    applied.push(await applyWithRetry(kube, o, opts.fieldManager));
    if (o.kind === "CustomResourceDefinition") crdsApplied = true;
  }
  return applied;
}

async function ensureNamespace(kube: LabKube, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await kube.json("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name } });
      return;
    } catch (e) {
      if (e instanceof KubeError && e.status === 409) return;
      const retriable = e instanceof KubeError && (e.status === 429 || e.status >= 500);
      if (!retriable || attempt >= 40) throw e;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Retries briefly on the races of a starting cluster (a CRD not served yet, a namespace terminating). */
async function applyWithRetry(kube: LabKube, o: KubeObject, fieldManager?: string): Promise<KubeObject> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await kube.apply(o, fieldManager);
    } catch (e) {
      const retriable = e instanceof KubeError && (e.status === 404 || e.status === 409 || e.status === 429 || e.status >= 500);
      if (!retriable || attempt >= 40) throw e;
      if (e instanceof KubeError && e.status === 404) kube.forget();
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

interface CrdStatus {
  status?: { conditions?: { type: string; status: string }[] };
}

export async function waitCrdsEstablished(kube: LabKube, names: string[], timeoutMs = 60_000): Promise<void> {
  for (const name of names) {
    await waitFor(
      `CRD ${name} Established`,
      async () => {
        try {
          const crd = await kube.get<CrdStatus>("apiextensions.k8s.io/v1", "CustomResourceDefinition", undefined, name);
          return (crd.status?.conditions ?? []).some((c) => c.type === "Established" && c.status === "True");
        } catch {
          return false;
        }
      },
      timeoutMs,
      200,
    );
  }
}
