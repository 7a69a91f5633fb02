import { destinationRuleModel } from "./destination-rule";
import { gatewayApiGatewayModel, gatewayModel } from "./gateway";
import { httpRouteModel } from "./http-route";
import { buildIndex } from "./mesh-index";
import { namespaceModel } from "./namespaces";
import { resolveModelOptions, type ModelOptions } from "./options";
import type { MeshModel } from "./schema";
import { serviceModel } from "./services";
import type { MeshSnapshot } from "./snapshot";
import { virtualServiceModel } from "./virtual-service";
import { workloadModels } from "./workloads";

type Named = { namespace: string; name: string };
const byNamespaceAndName = (a: Named, b: Named) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);

/** The read model of the mesh: pure, deterministic (sorted by namespace and name), JSON-serialisable. */
export function buildMeshModel(snapshot: MeshSnapshot, options: Partial<ModelOptions> = {}): MeshModel {
  const opts = resolveModelOptions(options);
  const index = buildIndex(snapshot, opts);
  const namespaceWires = new Map(snapshot.namespaces.map((n) => [n.metadata.name, n]));
  return {
    clusterDomain: opts.clusterDomain,
    rootNamespace: opts.rootNamespace,
    namespaces: [...index.namespaceNames].sort().map((n) => namespaceModel(index, n, namespaceWires.get(n))),
    services: snapshot.services.map((s) => serviceModel(index, s)).sort(byNamespaceAndName),
    workloads: workloadModels(index),
    rollouts: [...index.rollouts].sort(byNamespaceAndName),
    virtualServices: snapshot.virtualServices.map((v) => virtualServiceModel(index, v)).sort(byNamespaceAndName),
    destinationRules: snapshot.destinationRules.map((d) => destinationRuleModel(index, d)).sort(byNamespaceAndName),
    gateways: snapshot.gateways.map((g) => gatewayModel(index, g)).sort(byNamespaceAndName),
    gatewayApiGateways: snapshot.gatewayApiGateways.map(gatewayApiGatewayModel).sort(byNamespaceAndName),
    httpRoutes: snapshot.httpRoutes.map((r) => httpRouteModel(index, r)).sort(byNamespaceAndName),
  };
}
