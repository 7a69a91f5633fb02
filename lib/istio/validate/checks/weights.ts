import type { MeshModel } from "@/lib/istio/model/schema";
import { finding, vsRef } from "../finding";
import { ruleEntries } from "../routes";
import type { Validation } from "../schema";

/** Several destinations, all weighing 0: Envoy has no cluster to pick and the rule fails every request. */
export function checkWeights(model: MeshModel): Validation[] {
  return model.virtualServices.flatMap((vs) =>
    ruleEntries(vs).flatMap((e) =>
      e.rule.allWeightsZero
        ? [finding("VS_ROUTE_ALL_WEIGHTS_ZERO", vsRef(vs), `${e.path}.route`, `All ${e.rule.destinations.length} destinations of this rule weigh 0: requests matching it fail.`)]
        : [],
    ),
  );
}
