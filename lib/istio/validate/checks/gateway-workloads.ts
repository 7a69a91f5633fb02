import type { MeshModel } from "@/lib/istio/model/schema";
import { finding, gwRef } from "../finding";
import type { Validation } from "../schema";

/** KIA0302: a Gateway whose selector matches no pod (any namespace) configures nothing; one with no ready pod drops its traffic. */
export function checkGatewayWorkloads(model: MeshModel): Validation[] {
  return model.gateways.flatMap((gw) => {
    const selector = Object.entries(gw.selector).map(([k, v]) => `${k}=${v}`).join(",");
    if (!selector) return [];
    if (gw.pods.total === 0) return [finding("GATEWAY_NO_WORKLOAD", gwRef(gw), "spec.selector", `Selector ${selector} matches no pod in any namespace: no proxy serves this Gateway.`)];
    if (gw.pods.ready === 0) return [finding("GATEWAY_NO_READY_WORKLOAD", gwRef(gw), "spec.selector", `Selector ${selector} matches ${gw.pods.total} pod(s), none ready: traffic through this Gateway fails.`)];
    return [];
  });
}
