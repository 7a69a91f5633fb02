import type { MeshModel } from "@/lib/istio/model/schema";
import { finding, routeRef } from "../finding";
import type { Validation } from "../schema";

/** Gateway API HTTPRoutes: KIA1401 parent not found, KIA1402 backend not found, all-zero weights, backends without ready pods. */
export function checkHttpRoutes(model: MeshModel): Validation[] {
  return model.httpRoutes.flatMap((r) => {
    const out: Validation[] = [];
    const ref = routeRef(r);
    r.parentRefs.forEach((p, i) => {
      const target = `${p.kind} ${p.namespace}/${p.name}`;
      if (p.resolution === "notFound") out.push(finding("HTTPROUTE_PARENT_NOT_FOUND", ref, `spec.parentRefs[${i}]`, `${target} does not exist: the route is attached to nothing there.`));
      else if (p.sectionFound === false) out.push(finding("HTTPROUTE_PARENT_NOT_FOUND", ref, `spec.parentRefs[${i}].sectionName`, `${target} has no listener "${p.sectionName}".`));
    });
    for (const rule of r.rules) {
      const path = `spec.rules[${rule.index}]`;
      if (rule.allWeightsZero) out.push(finding("HTTPROUTE_ALL_WEIGHTS_ZERO", ref, `${path}.backendRefs`, "Every backend of this rule weighs 0: requests matching it get 500."));
      for (const b of rule.backendRefs) {
        const bPath = `${path}.backendRefs[${b.index}]`;
        if (b.resolution === "notFound") out.push(finding("HTTPROUTE_BACKEND_NOT_FOUND", ref, bPath, `Service ${b.namespace}/${b.name} does not exist: its share of requests gets 500.`));
        else if (b.share > 0 && b.backends && b.backends.ready === 0)
          out.push(finding("HTTPROUTE_BACKEND_NO_READY_PODS", ref, bPath, `Service ${b.namespace}/${b.name} receives ${Math.round(b.share * 1000) / 10}% of this rule's requests but has no ready pod.`));
      }
    }
    return out;
  });
}
