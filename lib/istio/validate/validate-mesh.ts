import type { MeshModel } from "@/lib/istio/model/schema";
import { checkDestinationRules } from "./checks/destination-rules";
import { checkGatewayRefs } from "./checks/gateway-refs";
import { checkGatewayWorkloads } from "./checks/gateway-workloads";
import { checkHttpRoutes } from "./checks/http-routes";
import { checkMultipleVirtualServices } from "./checks/multiple-virtual-services";
import { checkReachability } from "./checks/reachability";
import { checkRepeatedDestinations } from "./checks/repeated-destination";
import { checkRetries } from "./checks/retries";
import { checkVirtualServiceRefs } from "./checks/virtual-service-refs";
import { checkWeights } from "./checks/weights";
import type { Severity, Validation } from "./schema";

const severityOrder: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Every check over the model, errors first, then by object and path. Pure. */
export function validateMesh(model: MeshModel): Validation[] {
  return [
    ...checkVirtualServiceRefs(model),
    ...checkGatewayRefs(model),
    ...checkWeights(model),
    ...checkRepeatedDestinations(model),
    ...checkMultipleVirtualServices(model),
    ...checkReachability(model),
    ...checkDestinationRules(model),
    ...checkGatewayWorkloads(model),
    ...checkHttpRoutes(model),
    ...checkRetries(model),
  ].sort(
    (a, b) =>
      severityOrder[a.severity] - severityOrder[b.severity] ||
      a.object.kind.localeCompare(b.object.kind) ||
      a.object.namespace.localeCompare(b.object.namespace) ||
      a.object.name.localeCompare(b.object.name) ||
      a.path.localeCompare(b.path) ||
      a.code.localeCompare(b.code),
  );
}

/** Validations that concern one object (for an object's detail view). */
export function validationsFor(validations: readonly Validation[], kind: string, namespace: string, name: string): Validation[] {
  return validations.filter((v) => v.object.kind === kind && v.object.namespace === namespace && v.object.name === name);
}
