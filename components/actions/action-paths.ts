// Paths of the traffic-action API for one VirtualService (see lib/api/actions.ts).

const seg = encodeURIComponent;

export interface VsRef {
  namespace: string;
  name: string;
}

export function virtualServiceBase(vs: VsRef): string {
  return `/api/namespaces/${seg(vs.namespace)}/virtualservices/${seg(vs.name)}`;
}

/**
 * How a path names an http route: its `name` when it has one, else `http:N`
 * (never a bare index: a rule whose name is all digits would win).
 */
export function routeParam(rule: { name: string | null; index: number }): string {
  return rule.name ?? `http:${rule.index}`;
}

export type RouteSection = "http" | "tls" | "tcp";

export const actionPaths = {
  weights: (vs: VsRef, route: string) => `${virtualServiceBase(vs)}/http/${seg(route)}/weights`,
  /** TLS / TCP routes have no name: `…/tls/tls:N/weights`. */
  l4Weights: (vs: VsRef, section: "tls" | "tcp", index: number) => `${virtualServiceBase(vs)}/${section}/${section}:${index}/weights`,
  promote: (vs: VsRef, route: string) => `${virtualServiceBase(vs)}/http/${seg(route)}/promote`,
  switch: (vs: VsRef, route: string) => `${virtualServiceBase(vs)}/http/${seg(route)}/switch`,
  fault: (vs: VsRef, route: string) => `${virtualServiceBase(vs)}/http/${seg(route)}/fault`,
  mirror: (vs: VsRef, route: string) => `${virtualServiceBase(vs)}/http/${seg(route)}/mirror`,
  timeout: (vs: VsRef, route: string) => `${virtualServiceBase(vs)}/http/${seg(route)}/timeout`,
  retries: (vs: VsRef, route: string) => `${virtualServiceBase(vs)}/http/${seg(route)}/retries`,
  testRoutes: (vs: VsRef) => `${virtualServiceBase(vs)}/test-routes`,
  testRoute: (vs: VsRef, routeName: string) => `${virtualServiceBase(vs)}/test-routes/${seg(routeName)}`,
  undo: (vs: VsRef) => `${virtualServiceBase(vs)}/undo`,
  history: (vs: VsRef) => `${virtualServiceBase(vs)}/history`,
};

/** Paths of a DestinationRule's traffic policy: the host's, or one subset's. */
export function policyPath(dr: VsRef, subset?: string): string {
  const base = `/api/namespaces/${seg(dr.namespace)}/destinationrules/${seg(dr.name)}`;
  return subset === undefined ? `${base}/policy` : `${base}/subsets/${seg(subset)}/policy`;
}
