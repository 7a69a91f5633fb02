import { z } from "zod";
import { destinationRuleModelSchema } from "./destination-rule";
import { gatewayApiGatewayModelSchema, gatewayModelSchema } from "./gateway";
import { httpRouteModelSchema } from "./http-route";
import { serviceModelSchema } from "./service";
import { virtualServiceModelSchema } from "./virtual-service";
import { namespaceModelSchema, rolloutModelSchema, workloadModelSchema } from "./workload";

export const meshModelSchema = z.object({
  clusterDomain: z.string(),
  rootNamespace: z.string(),
  namespaces: z.array(namespaceModelSchema),
  services: z.array(serviceModelSchema),
  workloads: z.array(workloadModelSchema),
  rollouts: z.array(rolloutModelSchema),
  virtualServices: z.array(virtualServiceModelSchema),
  destinationRules: z.array(destinationRuleModelSchema),
  gateways: z.array(gatewayModelSchema),
  gatewayApiGateways: z.array(gatewayApiGatewayModelSchema),
  httpRoutes: z.array(httpRouteModelSchema),
});
export type MeshModel = z.infer<typeof meshModelSchema>;
