import { z } from "zod";
import { labelSelector, objectMeta } from "@/lib/istio/wire";

// argoproj.io/v1alpha1 Rollout, reduced to what the mesh model reads. Loose:
// unknown fields pass through.

/** A VirtualService reference: `name`, or `name.namespace` (Argo accepts both). */
const rolloutVirtualServiceRef = z.looseObject({
  name: z.string(),
  routes: z.array(z.string()).optional(),
  tlsRoutes: z.array(z.looseObject({ port: z.number().int().optional(), sniHosts: z.array(z.string()).optional() })).optional(),
  tcpRoutes: z.array(z.looseObject({ port: z.number().int().optional() })).optional(),
});

const weightDestination = z.looseObject({ podTemplateHash: z.string().optional(), serviceName: z.string().optional(), weight: z.number().optional() });

export const rolloutWire = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: objectMeta,
  spec: z.looseObject({
    replicas: z.number().int().optional(),
    selector: labelSelector.optional(),
    strategy: z.looseObject({
      canary: z
        .looseObject({
          canaryService: z.string().optional(),
          stableService: z.string().optional(),
          pingPong: z.looseObject({ pingService: z.string().optional(), pongService: z.string().optional() }).optional(),
          trafficRouting: z
            .looseObject({
              istio: z
                .looseObject({
                  virtualService: rolloutVirtualServiceRef.optional(),
                  virtualServices: z.array(rolloutVirtualServiceRef).optional(),
                  destinationRule: z.looseObject({ name: z.string(), canarySubsetName: z.string(), stableSubsetName: z.string() }).optional(),
                })
                .optional(),
              managedRoutes: z.array(z.looseObject({ name: z.string() })).optional(),
              alb: z.unknown().optional(),
              plugins: z.record(z.string(), z.unknown()).optional(),
            })
            .optional(),
          steps: z.array(z.record(z.string(), z.unknown())).optional(),
        })
        .optional(),
      blueGreen: z.looseObject({ activeService: z.string().optional(), previewService: z.string().optional() }).optional(),
    }),
  }),
  status: z
    .looseObject({
      phase: z.string().optional(),
      currentPodHash: z.string().optional(),
      stableRS: z.string().optional(),
      canary: z
        .looseObject({
          weights: z.looseObject({ canary: weightDestination.optional(), stable: weightDestination.optional(), additional: z.array(weightDestination).optional() }).optional(),
          stablePingPong: z.string().optional(),
        })
        .optional(),
    })
    .optional(),
});
export type RolloutWire = z.infer<typeof rolloutWire>;
