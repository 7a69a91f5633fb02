import type { NamespaceModel } from "@/lib/istio/model/schema";
import { Badge } from "@/components/ui/badge";

/** Sidecar injection of a namespace: enabled / rev X / ambient / disabled / not labelled. */
export function InjectionState({ ns }: { ns: Pick<NamespaceModel, "injection" | "revision" | "ambient"> }) {
  if (ns.ambient) return <Badge tone="indigo">ambient</Badge>;
  switch (ns.injection) {
    case "enabled":
      return <Badge tone="green">enabled</Badge>;
    case "revision":
      return <Badge tone="indigo">rev {ns.revision}</Badge>;
    case "disabled":
      return <Badge tone="red">disabled</Badge>;
    case "unset":
      return (
        <Badge tone="slate" title="No istio-injection or istio.io/rev label: pods get no sidecar unless the mesh injects by default">
          not labelled
        </Badge>
      );
  }
}

/** Whether pods created in the namespace get a sidecar (by label). */
export function isInjected(ns: Pick<NamespaceModel, "injection" | "ambient">): boolean {
  return ns.ambient || ns.injection === "enabled" || ns.injection === "revision";
}
