import "server-only";
import type { InjectionState, NamespaceSummary } from "@/lib/api/namespaces";

export const INJECTION_LABEL = "istio-injection";
export const REVISION_LABEL = "istio.io/rev";

interface NamespaceWire {
  metadata?: { name?: string; labels?: Record<string, string> };
}

export function injectionState(value: string | undefined): InjectionState {
  if (value === "enabled") return "enabled";
  if (value === "disabled") return "disabled";
  return "unset";
}

export function mapNamespace(ns: NamespaceWire): NamespaceSummary {
  const labels = ns.metadata?.labels ?? {};
  const revision = labels[REVISION_LABEL];
  return {
    name: ns.metadata?.name ?? "",
    injection: injectionState(labels[INJECTION_LABEL]),
    revision: revision ? revision : null,
  };
}
