import type { MeshModel } from "@/lib/istio/model/schema";
import { finding, vsRef } from "../finding";
import { destinationEntries } from "../routes";
import type { Validation } from "../schema";
import { shadowedHttpRules } from "../shadowing";

function ruleLabel(index: number, name: string | null): string {
  return name ? `rule ${index} ("${name}")` : `rule ${index}`;
}

/**
 * Rules shadowed by earlier ones, and destinations that take a share of
 * traffic but have no ready pod (test routes: a warning, only testers are
 * hit). Shares of 0 are left alone: a Rollout's canary at weight 0 with no
 * pods is normal.
 */
export function checkReachability(model: MeshModel): Validation[] {
  const out: Validation[] = [];
  for (const vs of model.virtualServices) {
    const shadowed = shadowedHttpRules(vs);
    for (const [j, by] of shadowed) {
      const rule = vs.http[j];
      if (!rule) continue;
      const earlier = by.map((i) => ruleLabel(i, vs.http[i]?.name ?? null)).join(", ");
      const what = rule.matches.length === 0 ? "This rule has no match" : "Every match of this rule is covered by an earlier one";
      out.push(finding("VS_RULE_SHADOWED", vsRef(vs), `spec.http[${j}]`, `${what}: ${earlier} takes all its requests first (Istio uses the first matching rule), so ${ruleLabel(j, rule.name)} never applies.`));
    }
    for (const d of destinationEntries(vs)) {
      if (d.kind !== "route" || d.share <= 0 || !d.target.backends || d.target.backends.ready > 0) continue;
      if (d.protocol === "http" && shadowed.has(d.rule.index)) continue;
      if (d.target.subset && d.target.subset.status !== "found") continue;
      const b = d.target.backends;
      const label = d.target.subset ? `${d.target.host.raw} subset ${d.target.subset.name}` : d.target.host.raw;
      const pods = b.total === 0 ? "no pod" : `${b.total} pod(s), none ready`;
      const pct = `${Math.round(d.share * 1000) / 10}%`;
      out.push(
        d.testRoute
          ? finding("VS_TEST_ROUTE_NO_READY_PODS", vsRef(vs), d.destinationPath, `Test route ${d.path} sends ${pct} of its requests to ${label}, which has ${pods}: test requests get 503.`)
          : finding("VS_DESTINATION_NO_READY_PODS", vsRef(vs), d.destinationPath, `${label} receives ${pct} of ${d.path}'s requests but has ${pods}: they get 503.`),
      );
    }
  }
  return out;
}
