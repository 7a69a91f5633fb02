import "server-only";
import type { KubeConfig } from "@kubernetes/client-node";
import { mayList } from "@/lib/k8s/identity/access";
import { identityKey, type UserContext } from "@/lib/k8s/identity/user-context";
import { ALLOW_ALL, type AccessPolicy } from "./hub";

/**
 * The hub's view of what `ctx` may see: the dashboard itself sees everything;
 * anyone else sees a namespaced part when a (cached) SelfSubjectAccessReview
 * allows `list` of its resource there, fail-closed.
 */
export function accessPolicyFor(ctx: UserContext, base?: KubeConfig): AccessPolicy {
  if (ctx.kind === "server") return ALLOW_ALL;
  return {
    key: identityKey(ctx),
    visible: (scope) =>
      mayList(ctx, { group: scope.group, resource: scope.resource }, scope.kind === "namespace" ? scope.namespace : undefined, base),
  };
}
