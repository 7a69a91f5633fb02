/** The implicit gateway of sidecar traffic. */
export const MESH_GATEWAY = "mesh";

/**
 * The `namespace/name` key of a `gateways` entry written in an object of
 * `namespace`, as Istio resolves it (pilot resolveGatewayName): `mesh` stays;
 * `ns/name` as is; `./name` and a bare `name` are in the object's namespace;
 * the legacy `name.ns[.svc.cluster.local]` form means `ns/name`.
 */
export function gatewayKey(raw: string, namespace: string): string {
  const g = raw.trim();
  if (g === MESH_GATEWAY) return MESH_GATEWAY;
  const slash = g.indexOf("/");
  if (slash >= 0) {
    const ns = g.slice(0, slash);
    return `${ns === "." ? namespace : ns}/${g.slice(slash + 1)}`;
  }
  const dot = g.indexOf(".");
  if (dot < 0) return `${namespace}/${g}`;
  const rest = g.slice(dot + 1);
  const nextDot = rest.indexOf(".");
  return `${nextDot < 0 ? rest : rest.slice(0, nextDot)}/${g.slice(0, dot)}`;
}
