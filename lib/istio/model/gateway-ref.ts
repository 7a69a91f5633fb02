import { gatewayKey } from "@/lib/istio/semantics/gateway-ref";
import type { GatewayBinding } from "./schema";

export function resolveGatewayBinding(raw: string, namespace: string, exists: (key: string) => boolean): GatewayBinding {
  const key = gatewayKey(raw, namespace);
  if (key === "mesh") return { raw, key, resolution: "mesh", namespace: null, name: null };
  const slash = key.indexOf("/");
  const ns = key.slice(0, slash);
  const name = key.slice(slash + 1);
  return { raw, key, resolution: exists(key) ? "found" : "notFound", namespace: ns, name };
}
