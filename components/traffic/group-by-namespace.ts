export interface NamespaceGroup<T> {
  namespace: string;
  items: T[];
}

/** Groups items by namespace, groups sorted by namespace name, item order kept. */
export function groupByNamespace<T extends { namespace: string }>(items: readonly T[]): NamespaceGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.namespace);
    if (list) list.push(item);
    else groups.set(item.namespace, [item]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([namespace, groupItems]) => ({ namespace, items: groupItems }));
}
