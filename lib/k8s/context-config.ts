import "server-only";
import { KubeConfig } from "@kubernetes/client-node";
import { getClientSet } from "./client-set";
import type { UserContext } from "./identity/user-context";

// One KubeConfig per context name of the dashboard's kubeconfig, built once:
// the cluster caches, the per-identity clients and the live hubs are keyed by
// these objects (or their context@server), so a context's watches are shared by
// every session that picked it.
const holder = globalThis as typeof globalThis & { __meshdeckContextConfigs?: WeakMap<KubeConfig, Map<string, KubeConfig>> };
const byBase = (holder.__meshdeckContextConfigs ??= new WeakMap());

/** The context names of the dashboard's kubeconfig (none in-cluster: one implicit context). */
export function contextNames(base: KubeConfig = getClientSet().kubeConfig): string[] {
  return base.getContexts().map((c) => c.name);
}

/**
 * The dashboard's kubeconfig with `context` as its current context; the
 * configuration itself for its current context, an unknown name, or none.
 */
export function kubeConfigForContext(context: string | undefined, base: KubeConfig = getClientSet().kubeConfig): KubeConfig {
  if (!context || context === base.getCurrentContext() || !contextNames(base).includes(context)) return base;
  let configs = byBase.get(base);
  if (!configs) {
    configs = new Map();
    byBase.set(base, configs);
  }
  let kc = configs.get(context);
  if (!kc) {
    kc = new KubeConfig();
    kc.loadFromOptions({ clusters: base.getClusters(), users: base.getUsers(), contexts: base.getContexts(), currentContext: context });
    configs.set(context, kc);
  }
  return kc;
}

/** The KubeConfig a request acting as `ctx` talks through: the session's context in kubeconfig mode, else the default. */
export function kubeConfigFor(ctx: UserContext): KubeConfig {
  return kubeConfigForContext(ctx.kind === "server" ? ctx.context : undefined);
}
