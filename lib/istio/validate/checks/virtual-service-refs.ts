import type { MeshModel, VirtualServiceModel } from "@/lib/istio/model/schema";
import { finding, nn, vsRef } from "../finding";
import { destinationEntries } from "../routes";
import type { Validation } from "../schema";

/** KIA1101 host not found, KIA1107 subset not found, delegate not found, name.namespace hosts. */
export function checkVirtualServiceRefs(model: MeshModel): Validation[] {
  return model.virtualServices.flatMap((vs) => [...hostsAndSubsets(vs), ...delegates(vs), ...aliasHosts(vs)]);
}

function hostsAndSubsets(vs: VirtualServiceModel): Validation[] {
  const out: Validation[] = [];
  for (const d of destinationEntries(vs)) {
    const { host, subset } = d.target;
    const what = d.kind === "mirror" ? "Mirrored requests are dropped" : "Envoy has no cluster for it and answers 503 for this destination's share";
    if (host.kind === "external" || host.kind === "wildcard") {
      const hint = host.aliasOf ? ` Istio does not expand "${host.raw}" like Kubernetes DNS does: write ${host.aliasOf.name}.${host.aliasOf.namespace}.svc.cluster.local (or "${host.aliasOf.name}" from its own namespace).` : "";
      out.push(
        finding("VS_HOST_NOT_FOUND", vsRef(vs), `${d.destinationPath}.host`, `Host "${host.raw}" (read as ${host.fqdn}) is neither a Service nor a ServiceEntry visible from ${vs.namespace}. ${what}.${hint}`, {
          severity: d.kind === "mirror" ? "warning" : "error",
        }),
      );
      continue;
    }
    if (subset && subset.status !== "found") {
      const where = subset.status === "noDestinationRule" ? `no DestinationRule applies to ${host.fqdn}` : `DestinationRule ${subset.destinationRule ? nn(subset.destinationRule) : "?"} has no subset "${subset.name}"`;
      out.push(
        finding("VS_SUBSET_NOT_FOUND", vsRef(vs), `${d.destinationPath}.subset`, `Subset "${subset.name}" not found: ${where}. ${what}.`, {
          severity: d.kind === "mirror" ? "warning" : "error",
          related: subset.destinationRule ? [{ kind: "DestinationRule", ...subset.destinationRule }] : [],
        }),
      );
    }
  }
  return out;
}

function delegates(vs: VirtualServiceModel): Validation[] {
  return vs.http.flatMap((r) =>
    r.delegate && !r.delegate.found
      ? [finding("VS_DELEGATE_NOT_FOUND", vsRef(vs), `spec.http[${r.index}].delegate`, `Delegate VirtualService ${nn(r.delegate)} does not exist: requests matching this rule get 404.`)]
      : [],
  );
}

function aliasHosts(vs: VirtualServiceModel): Validation[] {
  return vs.hosts.flatMap((h, i) =>
    h.aliasOf
      ? [
          finding(
            "VS_HOST_KUBERNETES_ALIAS",
            vsRef(vs),
            `spec.hosts[${i}]`,
            `Host "${h.raw}" looks like Service ${nn(h.aliasOf)}, but Istio takes dotted names literally and does not expand it to ${h.aliasOf.name}.${h.aliasOf.namespace}.svc.cluster.local; the rules likely do not apply to that Service's traffic.`,
          ),
        ]
      : [],
  );
}

