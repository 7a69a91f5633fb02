import { z } from "zod";
import { labelsSchema } from "./common";
import { backendSummarySchema } from "./pods";

export const serviceModelSchema = z.object({
  namespace: z.string(),
  name: z.string(),
  fqdn: z.string(),
  type: z.string(),
  /** Null: a Service without selector (endpoints managed elsewhere). */
  selector: labelsSchema.nullable(),
  ports: z.array(z.object({ name: z.string().nullable(), port: z.number().int(), targetPort: z.union([z.number(), z.string()]).nullable(), protocol: z.string(), appProtocol: z.string().nullable() })),
  backends: backendSummarySchema,
  /** The pod label the versions were read from (`version`, `service.istio.io/canonical-revision`, `app.kubernetes.io/version`). */
  versionLabel: z.string().nullable(),
  destinationRules: z.array(
    z.object({
      namespace: z.string(),
      name: z.string(),
      hostMatch: z.enum(["exact", "wildcard"]),
      subsets: z.array(z.string()),
      hasWorkloadSelector: z.boolean(),
    }),
  ),
  /** Several versions among the pods but no DestinationRule subsets: traffic cannot be split by version yet. */
  multipleVersionsWithoutSubsets: z.boolean(),
  /** Argo Rollouts rewrites this Service's selector (canary/stable Service). */
  rollout: z.object({ name: z.string(), role: z.enum(["stable", "canary"]) }).nullable(),
});
export type ServiceModel = z.infer<typeof serviceModelSchema>;
