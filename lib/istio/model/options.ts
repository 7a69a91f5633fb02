import { CLUSTER_DOMAIN, ROOT_NAMESPACE } from "@/lib/istio/semantics/host";

export interface ModelOptions {
  /** Kubernetes cluster domain (kubelet --cluster-domain). */
  clusterDomain: string;
  /** Istio's root namespace (meshConfig.rootNamespace): its DestinationRules apply mesh-wide. */
  rootNamespace: string;
}

export const defaultModelOptions: ModelOptions = { clusterDomain: CLUSTER_DOMAIN, rootNamespace: ROOT_NAMESPACE };

export function resolveModelOptions(options: Partial<ModelOptions> = {}): ModelOptions {
  return { ...defaultModelOptions, ...options };
}
