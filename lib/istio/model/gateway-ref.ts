import type { GatewayBinding } from "./schema";

/**
 * The `namespace/name` key of a `gateways` entry written in an object of
 * `namespace`, as Istio resolves it (pilot resolveGatewayName): `mesh` stays;
 * `ns/name` as is; `./name` and a bare `name` are in the object's namespace;
 * the legacy `name.ns[.svc.cluster.local]` form means `ns/name`.
 */
export function gatewayKey(raw: string, namespace: string): string {
  const g = raw.trim();
  if (g === "mesh") return "mesh";
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

export function resolveGatewayBinding(raw: string, namespace: string, exists: (key: string) => boolean): GatewayBinding {
  const key = gatewayKey(raw, namespace);
  if (key === "mesh") return { raw, key, resolution: "mesh", namespace: null, name: null };
  const slash = key.indexOf("/");
  const ns = key.slice(0, slash);
  const name = key.slice(slash + 1);
  return { raw, key, resolution: exists(key) ? "found" : "notFound", namespace: ns, name };
}
