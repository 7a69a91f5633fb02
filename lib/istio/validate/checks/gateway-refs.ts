import { hostsOverlap } from "@/lib/istio/semantics/host";
import type { GatewayBinding, GatewayModel, MeshModel, VirtualServiceModel } from "@/lib/istio/model/schema";
import { finding, gwRef, vsRef } from "../finding";
import { ruleEntries } from "../routes";
import type { Validation } from "../schema";

/** KIA1102: spec.gateways and match gateways that name no Gateway; gateway-bound VirtualServices whose hosts the Gateway does not serve. */
export function checkGatewayRefs(model: MeshModel): Validation[] {
  const gateways = new Map(model.gateways.map((g) => [`${g.namespace}/${g.name}`, g]));
  return model.virtualServices.flatMap((vs) => [...missing(vs), ...notServed(vs, gateways)]);
}

function missingMessage(b: GatewayBinding): string {
  return `Gateway ${b.key} does not exist: no proxy applies these rules for it.`;
}

function missing(vs: VirtualServiceModel): Validation[] {
  const out: Validation[] = [];
  vs.gateways.forEach((b, i) => {
    if (b.resolution === "notFound") out.push(finding("VS_GATEWAY_NOT_FOUND", vsRef(vs), `spec.gateways[${i}]`, missingMessage(b)));
  });
  for (const e of ruleEntries(vs)) {
    e.rule.matches.forEach((m, j) => {
      for (const c of m.conditions) {
        if (c.kind !== "gateways") continue;
        c.gateways.forEach((b, k) => {
          if (b.resolution === "notFound") out.push(finding("VS_GATEWAY_NOT_FOUND", vsRef(vs), `${e.path}.match[${j}].gateways[${k}]`, missingMessage(b)));
        });
      }
    });
  }
  return out;
}

/**
 * A Gateway server host is `[namespace/]host`: `*` or no namespace = any
 * namespace, `.` = the Gateway's own. A VirtualService applies on a Gateway
 * only for its hosts that overlap a server host open to its namespace.
 */
export function gatewayServesHost(gw: GatewayModel, vsNamespace: string, fqdn: string): boolean {
  return gw.servers.some((s) =>
    s.hosts.some((raw) => {
      const slash = raw.indexOf("/");
      const ns = slash >= 0 ? raw.slice(0, slash) : "*";
      const host = slash >= 0 ? raw.slice(slash + 1) : raw;
      const nsOk = ns === "*" || (ns === "." ? gw.namespace === vsNamespace : ns === vsNamespace);
      return nsOk && hostsOverlap(host.toLowerCase(), fqdn);
    }),
  );
}

function notServed(vs: VirtualServiceModel, gateways: ReadonlyMap<string, GatewayModel>): Validation[] {
  if (vs.isDelegate) return [];
  return vs.gateways.flatMap((b, i) => {
    const gw = b.resolution === "found" ? gateways.get(b.key) : undefined;
    if (!gw || vs.hosts.some((h) => gatewayServesHost(gw, vs.namespace, h.fqdn))) return [];
    const served = gw.servers.flatMap((s) => s.hosts).join(", ");
    return [
      finding("VS_HOST_NOT_ON_GATEWAY", vsRef(vs), `spec.gateways[${i}]`, `Gateway ${b.key} serves ${served || "no host"}, none of this VirtualService's hosts: the Gateway ignores it.`, {
        related: [gwRef(gw)],
      }),
    ];
  });
}
