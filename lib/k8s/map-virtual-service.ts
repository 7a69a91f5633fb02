import "server-only";
import type { HttpRouteSummary, RouteDestination, VirtualServiceSummary } from "@/lib/api/virtual-services";
import { virtualServiceWireSchema, type VirtualServiceWire } from "./virtual-service-wire";

type HttpRouteWire = VirtualServiceWire["spec"]["http"][number];

function mapDestinations(route: HttpRouteWire): RouteDestination[] {
  const entries = route.route ?? [];
  const lone = entries.length === 1;
  return entries.map((entry) => {
    const specified = entry.weight !== undefined;
    return {
      host: entry.destination?.host ?? "",
      subset: entry.destination?.subset ?? null,
      port: entry.destination?.port?.number ?? null,
      // Istio sends all traffic to a lone destination; otherwise an omitted weight is 0.
      weight: specified ? (entry.weight ?? 0) : lone ? 100 : 0,
      weightSpecified: specified,
    };
  });
}

function mapHttpRoute(route: HttpRouteWire, index: number): HttpRouteSummary {
  return { index, name: route.name || null, destinations: mapDestinations(route) };
}

/**
 * Raw VirtualService JSON (as listed from the API server) to the view model.
 * `fallbackApiVersion` is used when the object does not carry its own.
 */
export function mapVirtualService(raw: unknown, fallbackApiVersion: string): VirtualServiceSummary {
  const parsed = virtualServiceWireSchema.safeParse(raw);
  const vs = parsed.success ? parsed.data : virtualServiceWireSchema.parse({});
  return {
    namespace: vs.metadata.namespace,
    name: vs.metadata.name,
    apiVersion: vs.apiVersion ?? fallbackApiVersion,
    resourceVersion: vs.metadata.resourceVersion,
    hosts: vs.spec.hosts,
    gateways: vs.spec.gateways,
    routeCounts: { http: vs.spec.http.length, tcp: vs.spec.tcp.length, tls: vs.spec.tls.length },
    httpRoutes: vs.spec.http.map(mapHttpRoute),
  };
}

/** Stable order for display: by namespace, then name. */
export function compareByNamespaceAndName(a: { namespace: string; name: string }, b: { namespace: string; name: string }): number {
  return a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name);
}
