/** Pod labels a version is read from, in order of preference. */
export const versionLabels = ["version", "service.istio.io/canonical-revision", "app.kubernetes.io/version"] as const;

export function podVersion(labels: Readonly<Record<string, string>> | undefined): { version: string; label: string } | null {
  for (const label of versionLabels) {
    const version = labels?.[label];
    if (version) return { version, label };
  }
  return null;
}
