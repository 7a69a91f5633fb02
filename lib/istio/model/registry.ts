import type { DestinationRuleWire, ServiceEntryWire, ServiceWire } from "@/lib/istio/wire";
import { compareConfigAge } from "@/lib/istio/semantics/config-order";
import { isExportedTo } from "@/lib/istio/semantics/export-to";
import { hostCovers, hostSpecificity, isWildcardHost, istioFqdn, kubernetesDnsAlias, serviceFqdn, splitHostPort } from "@/lib/istio/semantics/host";
import { keyOf, nsOf, type MeshIndex } from "./mesh-index";
import type { Host } from "./schema";

/** Services can limit their visibility with the `networking.istio.io/exportTo` annotation (comma-separated). */
function serviceVisibleFrom(svc: ServiceWire, fromNamespace: string): boolean {
  const annotation = svc.metadata.annotations?.["networking.istio.io/exportTo"];
  const exportTo = annotation?.split(",").map((s) => s.trim()).filter(Boolean);
  return isExportedTo(exportTo, nsOf(svc), fromNamespace);
}

export function findService(index: MeshIndex, fqdn: string, fromNamespace: string): ServiceWire | undefined {
  const svc = index.servicesByFqdn.get(fqdn);
  return svc && serviceVisibleFrom(svc, fromNamespace) ? svc : undefined;
}

/** A ServiceEntry visible from `fromNamespace` whose hosts (exactly or by wildcard) cover `fqdn`; exact hosts win. */
export function findServiceEntry(index: MeshIndex, fqdn: string, fromNamespace: string): ServiceEntryWire | undefined {
  let best: { se: ServiceEntryWire; specificity: number } | undefined;
  for (const se of index.snapshot.serviceEntries) {
    if (!isExportedTo(se.spec.exportTo, nsOf(se), fromNamespace)) continue;
    for (const h of se.spec.hosts) {
      const seHost = istioFqdn(h, nsOf(se), index.options.clusterDomain);
      if (!hostCovers(seHost, fqdn)) continue;
      const specificity = hostSpecificity(seHost);
      if (!best || specificity > best.specificity) best = { se, specificity };
    }
  }
  return best?.se;
}

/**
 * Resolves a host written in an object of `namespace` (VirtualService host or
 * destination, DestinationRule host) against the registry visible from it.
 */
export function resolveHost(index: MeshIndex, raw: string, namespace: string): Host {
  const { name, port } = splitHostPort(raw);
  const fqdn = istioFqdn(name, namespace, index.options.clusterDomain);
  const base = { raw, fqdn, port, service: null, serviceEntry: null, aliasOf: null };
  if (isWildcardHost(fqdn)) return { ...base, kind: "wildcard" };
  const svc = findService(index, fqdn, namespace);
  if (svc) return { ...base, kind: "service", service: { namespace: nsOf(svc), name: svc.metadata.name } };
  const se = findServiceEntry(index, fqdn, namespace);
  if (se) return { ...base, kind: "serviceEntry", serviceEntry: { namespace: nsOf(se), name: se.metadata.name } };
  const alias = kubernetesDnsAlias(name);
  const aliasSvc = alias ? index.servicesByFqdn.get(serviceFqdn(alias.name, alias.namespace, index.options.clusterDomain)) : undefined;
  return { ...base, kind: "external", aliasOf: alias && aliasSvc ? alias : null };
}

export interface AppliedDestinationRules {
  /** Merged in creation order (Istio merges same-host rules of one namespace; the first subset of a name wins). */
  rules: DestinationRuleWire[];
  hostMatch: "exact" | "wildcard";
}

function creationOrder(a: DestinationRuleWire, b: DestinationRuleWire): number {
  return compareConfigAge(a.metadata, b.metadata);
}

/**
 * The DestinationRules a client in `clientNamespace` applies to `fqdn`, as
 * Istio looks them up: the client's own namespace, then the service's
 * namespace, then the root namespace; within a namespace the most specific
 * host wins. Rules with a workloadSelector are left out (they apply to
 * selected clients only). Assumption: for a VirtualService the client
 * namespace is taken to be the VirtualService's; a gateway in another
 * namespace, or clients elsewhere with their own DestinationRule, may see a
 * different rule.
 */
export function destinationRulesFor(index: MeshIndex, fqdn: string, clientNamespace: string, serviceNamespace: string | null): AppliedDestinationRules | null {
  const order = [...new Set([clientNamespace, serviceNamespace, index.options.rootNamespace].filter((n): n is string => n !== null))];
  for (const ns of order) {
    let best: { host: string; specificity: number } | undefined;
    const candidates: { dr: DestinationRuleWire; host: string }[] = [];
    for (const dr of index.snapshot.destinationRules) {
      if (nsOf(dr) !== ns || dr.spec.workloadSelector) continue;
      if (!isExportedTo(dr.spec.exportTo, ns, clientNamespace)) continue;
      const host = istioFqdn(dr.spec.host, ns, index.options.clusterDomain);
      if (!hostCovers(host, fqdn)) continue;
      candidates.push({ dr, host });
      const specificity = hostSpecificity(host);
      if (!best || specificity > best.specificity) best = { host, specificity };
    }
    if (best) {
      const chosen = best;
      return { rules: candidates.filter((c) => c.host === chosen.host).map((c) => c.dr).sort(creationOrder), hostMatch: isWildcardHost(chosen.host) ? "wildcard" : "exact" };
    }
  }
  return null;
}

export function destinationRuleKey(dr: DestinationRuleWire): string {
  return keyOf(nsOf(dr), dr.metadata.name);
}
