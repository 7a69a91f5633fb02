import type { MeshModel, VirtualServiceModel } from "@/lib/istio/model/schema";
import { finding, vsRef } from "../finding";
import type { Validation } from "../schema";

/**
 * KIA1106: two VirtualServices for the same host on the same gateway (or both
 * on the mesh). Istio merges gateway VirtualServices in an order the objects
 * do not show and uses only one for sidecars, so neither object tells what
 * happens. Hosts compare as Istio resolves them (port suffixes dropped);
 * overlapping wildcards are fine, Istio picks the most specific host.
 */
export function checkMultipleVirtualServices(model: MeshModel): Validation[] {
  const byKey = new Map<string, { vs: VirtualServiceModel; hostIndex: number }[]>();
  for (const vs of model.virtualServices) {
    if (vs.isDelegate) continue;
    const seen = new Set<string>();
    vs.hosts.forEach((h, hostIndex) => {
      for (const g of vs.gateways) {
        const key = `${g.key}|${h.fqdn}`;
        if (seen.has(key)) continue;
        seen.add(key);
        byKey.set(key, [...(byKey.get(key) ?? []), { vs, hostIndex }]);
      }
    });
  }
  const out = new Map<string, Validation>();
  for (const [key, entries] of byKey) {
    if (entries.length < 2) continue;
    const [gateway, fqdn] = key.split("|") as [string, string];
    for (const { vs, hostIndex } of entries) {
      const others = entries.filter((e) => e.vs !== vs).map((e) => vsRef(e.vs));
      const id = `${vs.namespace}/${vs.name}/${hostIndex}`;
      const where = gateway === "mesh" ? "the mesh (sidecars use only one of them)" : `gateway ${gateway} (rules are merged in creation order)`;
      const previous = out.get(id);
      const related = [...(previous?.related ?? []), ...others].filter((r, i, all) => all.findIndex((x) => x.namespace === r.namespace && x.name === r.name) === i);
      out.set(
        id,
        finding("VS_MULTIPLE_FOR_HOST", vsRef(vs), `spec.hosts[${hostIndex}]`, `${fqdn} is also a host of ${related.map((r) => `${r.namespace}/${r.name}`).join(", ")} on ${where}.`, { related }),
      );
    }
  }
  return [...out.values()];
}
