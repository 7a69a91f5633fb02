import { z } from "zod";
import { kubeObject, labelSelector, objectMeta } from "./common";

// The core and apps objects Meshdeck's domain logic reads.

export const service = kubeObject(
  z.looseObject({
    selector: z.record(z.string(), z.string()).optional(),
    type: z.string().optional(),
    clusterIP: z.string().optional(),
    ports: z.array(z.looseObject({ name: z.string().optional(), port: z.number().int(), targetPort: z.union([z.number(), z.string()]).optional(), protocol: z.string().optional(), appProtocol: z.string().optional() })).optional(),
  }),
);
export type ServiceWire = z.infer<typeof service>;

const container = z.looseObject({ name: z.string(), image: z.string().optional(), restartPolicy: z.string().optional() });

export const pod = z.looseObject({
  apiVersion: z.string().optional(),
  kind: z.string().optional(),
  metadata: objectMeta,
  spec: z.looseObject({ containers: z.array(container), initContainers: z.array(container).optional(), nodeName: z.string().optional(), serviceAccountName: z.string().optional() }),
  status: z
    .looseObject({
      phase: z.string().optional(),
      podIP: z.string().optional(),
      conditions: z.array(z.looseObject({ type: z.string(), status: z.string() })).optional(),
      containerStatuses: z.array(z.looseObject({ name: z.string(), ready: z.boolean(), restartCount: z.number().optional() })).optional(),
      initContainerStatuses: z.array(z.looseObject({ name: z.string(), ready: z.boolean(), restartCount: z.number().optional() })).optional(),
    })
    .optional(),
});
export type PodWire = z.infer<typeof pod>;

const podTemplate = z.looseObject({
  metadata: z.looseObject({ labels: z.record(z.string(), z.string()).optional(), annotations: z.record(z.string(), z.string()).optional() }).optional(),
  spec: z.looseObject({ containers: z.array(container) }),
});

export const deployment = kubeObject(
  z.looseObject({ replicas: z.number().int().optional(), selector: labelSelector, template: podTemplate }),
).extend({
  status: z.looseObject({ replicas: z.number().optional(), readyReplicas: z.number().optional(), availableReplicas: z.number().optional(), updatedReplicas: z.number().optional() }).optional(),
});
export type DeploymentWire = z.infer<typeof deployment>;

export const replicaSet = deployment;
export type ReplicaSetWire = DeploymentWire;

export const namespace = z.looseObject({ apiVersion: z.string().optional(), kind: z.string().optional(), metadata: objectMeta, status: z.looseObject({ phase: z.string().optional() }).optional() });
export type NamespaceWire = z.infer<typeof namespace>;
