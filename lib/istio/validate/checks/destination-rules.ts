import type { DestinationRuleModel, MeshModel } from "@/lib/istio/model/schema";
import { drRef, finding, nn, vsRef } from "../finding";
import { destinationEntries } from "../routes";
import type { Validation } from "../schema";
import { shadowedHttpRules } from "../shadowing";

/** KIA0202 host not found, KIA0201 several rules for a host, KIA0203 subset without pods. */
export function checkDestinationRules(model: MeshModel): Validation[] {
  return [...model.destinationRules.flatMap(hostNotFound), ...multipleForHost(model), ...subsetsWithoutPods(model)];
}

function hostNotFound(dr: DestinationRuleModel): Validation[] {
  if (dr.host.kind !== "external") return [];
  return [finding("DR_HOST_NOT_FOUND", drRef(dr), "spec.host", `Host "${dr.host.raw}" (read as ${dr.host.fqdn}) is neither a Service nor a ServiceEntry: this DestinationRule applies to nothing.`)];
}

const exportedEverywhere = (dr: DestinationRuleModel) => dr.exportTo === null || dr.exportTo.includes("*");

/**
 * Same namespace and host: Istio merges them, subsets of a repeated name and
 * the top-level trafficPolicy come from the oldest only. Different namespaces,
 * both exported everywhere, overlapping subsets (or none): which one a client
 * uses depends on the client's namespace.
 */
function multipleForHost(model: MeshModel): Validation[] {
  const groups = new Map<string, DestinationRuleModel[]>();
  for (const dr of model.destinationRules) if (!dr.hasWorkloadSelector) groups.set(dr.host.fqdn, [...(groups.get(dr.host.fqdn) ?? []), dr]);
  const out: Validation[] = [];
  for (const [fqdn, rules] of groups) {
    for (const dr of rules) {
      const clashing = rules.filter((o) => {
        if (o === dr) return false;
        if (o.namespace === dr.namespace) return true;
        const names = new Set(dr.subsets.map((s) => s.name));
        const overlap = o.subsets.some((s) => names.has(s.name)) || (o.subsets.length === 0 && dr.subsets.length === 0);
        return overlap && exportedEverywhere(o) && exportedEverywhere(dr);
      });
      if (clashing.length === 0) continue;
      const same = clashing.some((o) => o.namespace === dr.namespace);
      const consequence = same ? "Istio merges them: for a repeated subset name and for the top-level trafficPolicy only the oldest rule counts." : "Which one a client applies depends on the client's namespace.";
      out.push(finding("DR_MULTIPLE_FOR_HOST", drRef(dr), "spec.host", `${fqdn} also has DestinationRule ${clashing.map(nn).join(", ")}. ${consequence}`, { related: clashing.map(drRef) }));
    }
  }
  return out;
}

interface SubsetTraffic {
  share: number;
  users: { namespace: string; name: string; path: string; share: number; testRoute: boolean }[];
}

/** Traffic each DestinationRule subset receives from VirtualService routes that requests can reach. */
function subsetTraffic(model: MeshModel): Map<string, SubsetTraffic> {
  const out = new Map<string, SubsetTraffic>();
  for (const vs of model.virtualServices) {
    const shadowed = shadowedHttpRules(vs);
    for (const d of destinationEntries(vs)) {
      const s = d.target.subset;
      if (d.kind !== "route" || !s || s.status !== "found" || !s.destinationRule) continue;
      if (d.protocol === "http" && shadowed.has(d.rule.index)) continue;
      const key = `${nn(s.destinationRule)}|${s.name}`;
      const t = out.get(key) ?? { share: 0, users: [] };
      t.share = Math.max(t.share, d.share);
      t.users.push({ namespace: vs.namespace, name: vs.name, path: d.destinationPath, share: d.share, testRoute: d.testRoute });
      out.set(key, t);
    }
  }
  return out;
}

function labelText(labels: Record<string, string>): string {
  return Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");
}

/**
 * KIA0203 without Kiali's false alarms: pods are matched (Service selector +
 * subset labels), so the rollouts-pod-template-hash Argo injects is matched
 * against real pods; only test routes leading there make it a warning; a
 * Rollout's canary subset without pods and without
 * traffic is normal between rollouts and not reported; a subset nobody routes
 * to is only informational.
 */
function subsetsWithoutPods(model: MeshModel): Validation[] {
  const traffic = subsetTraffic(model);
  return model.destinationRules.flatMap((dr) =>
    dr.subsets.flatMap((s, i) => {
      if (!s.backends || s.backends.total > 0) return [];
      const t = traffic.get(`${nn(dr)}|${s.name}`);
      const path = `spec.subsets[${i}].labels`;
      const base = `Subset "${s.name}" (${labelText(s.labels) || "no labels"}) matches no pod of ${dr.host.fqdn}`;
      if (t && t.share > 0) {
        const users = t.users.filter((u) => u.share > 0);
        const who = users.map((u) => `${u.namespace}/${u.name} ${u.path} (${Math.round(u.share * 1000) / 10}%)`).join(", ");
        // Only test routes lead there: testers are hit, not regular traffic.
        const severity = users.every((u) => u.testRoute) ? "warning" : "error";
        return [finding("DR_SUBSET_NO_PODS", drRef(dr), path, `${base}, yet ${who} sends traffic there: those requests get 503.`, { severity, related: users.map(vsRef) })];
      }
      if (s.rollout?.role === "canary") return [];
      const note = s.rollout ? ` It is the ${s.rollout.role} subset of Rollout ${s.rollout.name}.` : "";
      return [finding("DR_SUBSET_NO_PODS", drRef(dr), path, `${base}; no route sends traffic to it.${note}`, { severity: "info" })];
    }),
  );
}
