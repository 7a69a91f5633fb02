import type { MeshModel } from "@/lib/istio/model/schema";
import { finding, vsRef } from "../finding";
import { ruleEntries } from "../routes";
import type { Validation } from "../schema";

/** KIA1105: the same host, subset and port twice in one route (the weights add up; usually a copy-paste slip). */
export function checkRepeatedDestinations(model: MeshModel): Validation[] {
  return model.virtualServices.flatMap((vs) =>
    ruleEntries(vs).flatMap((e) => {
      const seen = new Map<string, number>();
      return e.rule.destinations.flatMap((d) => {
        const key = `${d.host.fqdn}|${d.subset?.name ?? ""}|${d.port ?? ""}`;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, d.index);
          return [];
        }
        const label = d.subset ? `${d.host.raw} subset ${d.subset.name}` : d.host.raw;
        return [finding("VS_REPEATED_DESTINATION", vsRef(vs), `${e.path}.route[${d.index}]`, `${label} is already route[${first}] of this rule: the weights add up.`)];
      });
    }),
  );
}
