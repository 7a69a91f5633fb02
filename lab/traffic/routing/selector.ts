import type { Labels } from "../model/objects";

/** Equality-based label selector: every selector entry is present with the same value. */
export function matchesSelector(labels: Labels, selector: Labels): boolean {
  for (const key in selector) {
    if (labels[key] !== selector[key]) return false;
  }
  return true;
}

/** exportTo visibility: absent or "*" → everyone, "." → own namespace, else the listed namespaces. */
export function isExportedTo(exportTo: readonly string[] | undefined, ownNamespace: string, viewer: string): boolean {
  if (!exportTo || exportTo.length === 0) return true;
  return exportTo.some((e) => e === "*" || e === viewer || (e === "." && viewer === ownNamespace));
}

/** Oldest first, then namespace/name: Istio's order for conflicting config. */
export function byCreation(
  a: { meta: { creationTimestamp: string; namespace: string; name: string } },
  b: { meta: { creationTimestamp: string; namespace: string; name: string } },
): number {
  const t = a.meta.creationTimestamp.localeCompare(b.meta.creationTimestamp);
  if (t !== 0) return t;
  const ns = a.meta.namespace.localeCompare(b.meta.namespace);
  return ns !== 0 ? ns : a.meta.name.localeCompare(b.meta.name);
}
