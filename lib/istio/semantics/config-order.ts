/** The metadata Istio orders conflicting config by. */
export interface ConfigAge {
  readonly creationTimestamp?: string | null | undefined;
  readonly namespace?: string | undefined;
  readonly name: string;
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Istio's order for conflicting config (pilot's configCompareByCreationTime):
 * oldest first, then name, then namespace, compared byte-wise. RFC 3339
 * timestamps in UTC sort as strings.
 */
export function compareConfigAge(a: ConfigAge, b: ConfigAge): number {
  return compare(a.creationTimestamp ?? "", b.creationTimestamp ?? "") || compare(a.name, b.name) || compare(a.namespace ?? "", b.namespace ?? "");
}
