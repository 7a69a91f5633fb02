import type { KubeObject, LabKube } from "./kube-client.js";
import { KubeError } from "./kube-client.js";
import { applyObjects } from "./manifests.js";

const RETRIES = 40;
const RETRY_MS = 250;

/** Server-side apply of one object, retrying the races of a busy cluster (a CRD not served yet, throttling, a terminating namespace). */
async function applyOne(kube: LabKube, o: KubeObject): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await kube.apply(o);
      return;
    } catch (e) {
      const retriable = e instanceof KubeError && (e.status === 404 || e.status === 409 || e.status === 429 || e.status >= 500);
      if (!retriable || attempt >= RETRIES) throw e;
      if (e.status === 404) kube.forget();
      await new Promise((r) => setTimeout(r, RETRY_MS));
    }
  }
}

/** Creates the namespaces objects land in that the batch does not declare, leaving existing ones (and their labels) untouched. */
async function ensureNamespaces(kube: LabKube, names: Iterable<string>): Promise<void> {
  for (const name of names) {
    const r = await kube.raw("GET", `/api/v1/namespaces/${name}`);
    if (r.status === 200) continue;
    const created = await kube.raw("POST", "/api/v1/namespaces", { apiVersion: "v1", kind: "Namespace", metadata: { name } });
    if (created.status >= 300 && created.status !== 409) throw new KubeError(created.status, "CreateFailed", created.body);
  }
}

/**
 * Applies many objects with bounded concurrency, for synthetic meshes of
 * thousands of objects: CRDs and the batch's Namespaces first (with their
 * labels, e.g. istio-injection=enabled), then everything else one object per
 * request.
 *
 * Each object is applied on its own, not through applyObjects: that one also
 * re-applies a bare Namespace for every namespace its objects land in, with
 * the same field manager — and server-side apply then removes the labels the
 * manager set earlier, so istio-injection=enabled vanished after the first
 * Deployment and no pod got a sidecar.
 */
export async function applyMany(kube: LabKube, objects: KubeObject[], concurrency = 16, onProgress?: (done: number, total: number) => void): Promise<void> {
  const first = objects.filter((o) => o.kind === "Namespace" || o.kind === "CustomResourceDefinition");
  if (first.length > 0) await applyObjects(kube, first);
  const declared = new Set(first.filter((o) => o.kind === "Namespace").map((o) => o.metadata.name));
  const rest = objects.filter((o) => !first.includes(o));
  const missing = new Set(rest.map((o) => o.metadata.namespace).filter((ns): ns is string => ns !== undefined && !declared.has(ns)));
  await ensureNamespaces(kube, missing);
  let next = 0;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (next < rest.length) {
      const o = rest[next++];
      if (!o) break;
      await applyOne(kube, o);
      done++;
      if (onProgress && (done % 500 === 0 || done === rest.length)) onProgress(done, rest.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}
