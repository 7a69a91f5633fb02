/**
 * Bounded `route` label for an HTTP path: the app's route templates, so
 * names and namespaces never become label values (cardinality).
 */
const ROUTES: ReadonlyArray<[RegExp, string]> = [
  [/^\/api\/namespaces\/[^/]+\/(virtualservices|httproutes)\/[^/]+\/http\/[^/]+\/([a-z-]+)$/, "/api/namespaces/:ns/$1/:name/http/:route/$2"],
  [/^\/api\/namespaces\/[^/]+\/(virtualservices|httproutes)\/[^/]+\/rules\/[^/]+\/([a-z-]+)$/, "/api/namespaces/:ns/$1/:name/rules/:rule/$2"],
  [/^\/api\/namespaces\/[^/]+\/virtualservices\/[^/]+\/test-routes\/[^/]+$/, "/api/namespaces/:ns/virtualservices/:name/test-routes/:routeName"],
  [/^\/api\/namespaces\/[^/]+\/(virtualservices|httproutes)\/[^/]+\/([a-z-]+)$/, "/api/namespaces/:ns/$1/:name/$2"],
  [/^\/api\/rollouts\/[^/]+\/[^/]+\/([a-z-]+)$/, "/api/rollouts/:ns/:name/$1"],
  [/^\/api\/rollouts\/[^/]+\/[^/]+$/, "/api/rollouts/:ns/:name"],
  [/^\/api\/objects\/([a-z.-]+)\/[^/]+\/[^/]+$/, "/api/objects/$1/:ns/:name"],
  [/^\/api\/services\/[^/]+\/[^/]+\/metrics$/, "/api/services/:ns/:name/metrics"],
  [/^\/api\/(auth\/[a-z]+|[a-z.-]+)$/, "/api/$1"],
];

export function routeLabel(path: string): string {
  if (path.startsWith("/_next/")) return "/_next";
  if (!path.startsWith("/api/")) return path === "/" || path === "/login" ? path : "page";
  for (const [re, template] of ROUTES) {
    const m = re.exec(path);
    if (m) return template.replace(/\$(\d)/g, (_, i: string) => m[Number(i)] ?? "");
  }
  return "/api/other";
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Writes to the cluster: state-changing /api requests other than sign-in/out and context switches. */
export function isWriteRequest(method: string, path: string): boolean {
  return WRITE_METHODS.has(method.toUpperCase()) && path.startsWith("/api/") && !path.startsWith("/api/auth/") && path !== "/api/contexts";
}
