import "server-only";
import { resolveKubeSource } from "@/lib/config/kube-source";
import { getClientSet } from "@/lib/k8s/client-set";
import type { ContextsAnswer } from "./session-api";

/**
 * The contexts of the server's kubeconfig and the one in use. Switching is not
 * per user: restart with another current context (deploy/README.md).
 */
export function listContexts(): ContextsAnswer {
  const kc = getClientSet().kubeConfig;
  const fromKubeconfig = resolveKubeSource().kind === "file";
  return {
    fromKubeconfig,
    current: kc.getCurrentContext(),
    contexts: kc.getContexts().map((c) => ({ name: c.name, cluster: c.cluster, namespace: c.namespace ?? null })),
    switchable: false,
  };
}
