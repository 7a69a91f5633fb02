import "server-only";
import { resolveKubeSource } from "@/lib/config/kube-source";
import { meshdeckEnv } from "@/lib/config/meshdeck-env";
import { AppError } from "@/lib/errors/app-error";
import { getClientSet } from "@/lib/k8s/client-set";
import { contextNames } from "@/lib/k8s/context-config";
import { clearContextCookieHeaders, contextCookieHeader, contextFromCookies } from "./context-cookie";
import { wantsSecureCookie } from "./session-cookie";
import type { ContextsAnswer } from "./session-api";

/** Whether sessions may pick a context: kubeconfig mode with a kubeconfig file (in-cluster there is one implicit context). */
function switchable(): boolean {
  return meshdeckEnv().authMode === "kubeconfig" && resolveKubeSource().kind === "file";
}

/**
 * The context a request's session picked (its cookie), when switching is on
 * and the name is one of the kubeconfig's contexts; undefined otherwise (the
 * kubeconfig's current context applies). Never trusts the cookie beyond that.
 */
export function sessionContext(request: Request): string | undefined {
  const name = contextFromCookies(request.headers.get("cookie"));
  if (!name || !switchable()) return undefined;
  const kc = getClientSet().kubeConfig;
  return name !== kc.getCurrentContext() && contextNames(kc).includes(name) ? name : undefined;
}

/**
 * The kubeconfig's contexts (names, clusters, namespaces: never credentials)
 * and the one this session uses. Only where sessions may switch (kubeconfig
 * mode): in token and proxy mode the callers act as themselves, and the
 * server kubeconfig's other clusters and namespaces are none of their business.
 */
export function listContexts(request: Request): ContextsAnswer {
  const kc = getClientSet().kubeConfig;
  const canSwitch = switchable();
  return {
    fromKubeconfig: resolveKubeSource().kind === "file",
    current: (canSwitch ? sessionContext(request) : undefined) ?? kc.getCurrentContext(),
    default: kc.getCurrentContext(),
    contexts: canSwitch ? kc.getContexts().map((c) => ({ name: c.name, cluster: c.cluster, namespace: c.namespace ?? null })) : [],
    switchable: canSwitch,
  };
}

/**
 * Picks `context` for this browser session: a Set-Cookie header (the
 * kubeconfig's current context clears the cookie). Conflict when switching
 * is off (token or proxy mode, in-cluster); NotFound for a name that is not
 * one of the kubeconfig's contexts.
 */
export function selectContext(request: Request, context: string): { answer: ContextsAnswer; setCookie: string[] } {
  if (!switchable()) throw new AppError({ code: "Conflict", message: "Context switching needs MESHDECK_AUTH_MODE=kubeconfig with a kubeconfig file" });
  const kc = getClientSet().kubeConfig;
  if (!contextNames(kc).includes(context)) throw new AppError({ code: "NotFound", message: `No context ${JSON.stringify(context)} in the dashboard's kubeconfig` });
  const setCookie = context === kc.getCurrentContext() ? clearContextCookieHeaders() : [contextCookieHeader(context, wantsSecureCookie(request, meshdeckEnv().cookieSecure))];
  const answer = { ...listContexts(request), current: context };
  return { answer, setCookie };
}
