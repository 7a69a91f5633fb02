import type { NamespaceWire } from "@/lib/istio/wire";
import type { MeshIndex } from "./mesh-index";
import type { NamespaceModel } from "./schema";

/**
 * Sidecar injection as the injector's namespace selectors decide it: the
 * `istio-injection` label wins (enabled / anything else = disabled), then
 * `istio.io/rev`. Pod-level `sidecar.istio.io/inject` overrides are visible
 * in the pod counts, not here.
 */
export function injectionState(labels: Readonly<Record<string, string>>): Pick<NamespaceModel, "injection" | "revision"> {
  const legacy = labels["istio-injection"];
  if (legacy !== undefined) return { injection: legacy === "enabled" ? "enabled" : "disabled", revision: null };
  const rev = labels["istio.io/rev"];
  if (rev !== undefined) return { injection: "revision", revision: rev };
  return { injection: "unset", revision: null };
}

export function namespaceModel(index: MeshIndex, name: string, wire: NamespaceWire | undefined): NamespaceModel {
  const labels = wire?.metadata.labels ?? {};
  const pods = index.podsByNamespace.get(name) ?? [];
  return {
    name,
    ...injectionState(labels),
    ambient: labels["istio.io/dataplane-mode"] === "ambient",
    pods: pods.length,
    podsWithoutSidecar: pods.filter((p) => !p.summary.sidecar).length,
  };
}
