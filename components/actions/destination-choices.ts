import type { DestinationInput } from "@/lib/istio/actions/schemas";
import type { DestinationRuleModel, ServiceModel, VirtualServiceModel } from "@/lib/istio/model/schema";

export interface DestinationChoice {
  /** Stable key for a <select>. */
  key: string;
  label: string;
  input: DestinationInput;
}

function choiceOf(input: DestinationInput): DestinationChoice {
  const label = [input.host, input.subset, input.port !== undefined ? `:${input.port}` : null].filter(Boolean).join(" · ");
  return { key: `${input.host}|${input.subset ?? ""}|${input.port ?? ""}`, label, input };
}

/**
 * Destinations to offer for test routes and mirrors of a VirtualService: the
 * ones its routes use, every subset of those hosts' DestinationRules, and the
 * Services of its namespace — each once, the VirtualService's own first.
 */
export function destinationChoices(
  vs: Pick<VirtualServiceModel, "namespace" | "http">,
  services: readonly Pick<ServiceModel, "namespace" | "name" | "destinationRules">[],
  destinationRules: readonly Pick<DestinationRuleModel, "namespace" | "name" | "subsets">[],
): DestinationChoice[] {
  const out = new Map<string, DestinationChoice>();
  const add = (input: DestinationInput) => {
    const c = choiceOf(input);
    if (!out.has(c.key)) out.set(c.key, c);
  };
  const hosts = new Map<string, Pick<ServiceModel, "destinationRules">>();
  for (const rule of vs.http) {
    for (const d of rule.destinations) {
      add({ host: d.host.raw, ...(d.subset ? { subset: d.subset.name } : {}), ...(d.port !== null ? { port: d.port } : {}) });
      const svc = d.host.service ? services.find((s) => s.namespace === d.host.service?.namespace && s.name === d.host.service.name) : undefined;
      if (svc) hosts.set(d.host.raw, svc);
    }
  }
  for (const [host, svc] of hosts) {
    for (const ref of svc.destinationRules) {
      const dr = destinationRules.find((r) => r.namespace === ref.namespace && r.name === ref.name);
      for (const subset of dr?.subsets ?? []) add({ host, subset: subset.name });
    }
  }
  for (const s of services) if (s.namespace === vs.namespace) add({ host: s.name });
  return [...out.values()];
}
