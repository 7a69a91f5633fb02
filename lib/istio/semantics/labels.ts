import type { LabelSelector } from "@/lib/istio/wire";

type Labels = Readonly<Record<string, string>> | undefined;

/** Every key/value of `selector` is on `labels`. An empty map selects everything. */
export function matchesLabels(selector: Labels, labels: Labels): boolean {
  const have = labels ?? {};
  return Object.entries(selector ?? {}).every(([k, v]) => have[k] === v);
}

/**
 * Kubernetes LabelSelector semantics: matchLabels and matchExpressions are
 * ANDed; an empty selector selects everything; an unknown operator selects
 * nothing (the API server rejects it anyway).
 */
export function matchesLabelSelector(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return false;
  const have = labels ?? {};
  if (!matchesLabels(selector.matchLabels, have)) return false;
  return (selector.matchExpressions ?? []).every((e) => {
    const present = Object.prototype.hasOwnProperty.call(have, e.key);
    const value = have[e.key];
    const values = e.values ?? [];
    switch (e.operator) {
      case "In":
        return present && value !== undefined && values.includes(value);
      case "NotIn":
        return !present || value === undefined || !values.includes(value);
      case "Exists":
        return present;
      case "DoesNotExist":
        return !present;
      default:
        return false;
    }
  });
}
