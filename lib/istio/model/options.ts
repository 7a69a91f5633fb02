export interface ModelOptions {
  /** Kubernetes cluster domain (kubelet --cluster-domain). */
  clusterDomain: string;
  /** Istio's root namespace (meshConfig.rootNamespace): its DestinationRules apply mesh-wide. */
  rootNamespace: string;
}

export const defaultModelOptions: ModelOptions = { clusterDomain: "cluster.local", rootNamespace: "istio-system" };

export function resolveModelOptions(options: Partial<ModelOptions> = {}): ModelOptions {
  return { ...defaultModelOptions, ...options };
}
