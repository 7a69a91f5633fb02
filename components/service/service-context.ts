import type { TrafficView } from "@/lib/api/traffic";
import type { DestinationRuleModel, GatewayModel, Host, ObjectRef, RolloutModel, ServiceModel, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { Validation } from "@/lib/istio/validate/schema";
import { validationsFor } from "@/components/traffic/share-math";

export interface ServiceRef {
  namespace: string;
  name: string;
}

export interface ServiceContext {
  service: ServiceModel;
  /** VirtualServices that route to, mirror to, or are bound to the Service's host. */
  virtualServices: VirtualServiceModel[];
  destinationRules: DestinationRuleModel[];
  gateways: GatewayModel[];
  rollouts: RolloutModel[];
  /** Every object above, for YAML and validations: Service first. */
  objects: ObjectRef[];
  /** Findings about those objects (as object or as related object). */
  validations: Validation[];
}

export function targetsService(host: Pick<Host, "service">, svc: ServiceRef): boolean {
  return host.service?.namespace === svc.namespace && host.service.name === svc.name;
}

/** Whether a VirtualService concerns the Service: a host, a destination or a mirror of it. */
export function involvesService(vs: VirtualServiceModel, svc: ServiceRef): boolean {
  if (vs.hosts.some((h) => targetsService(h, svc))) return true;
  if (vs.http.some((r) => r.destinations.some((d) => targetsService(d.host, svc)) || r.mirrors.some((m) => targetsService(m.host, svc)))) return true;
  return [...vs.tcp, ...vs.tls].some((r) => r.destinations.some((d) => targetsService(d.host, svc)));
}

/** Everything the service page shows about one Service, from the traffic view. Null when the Service is not in it. */
export function serviceContext(view: TrafficView, svc: ServiceRef): ServiceContext | null {
  const service = view.services.find((s) => s.namespace === svc.namespace && s.name === svc.name);
  if (!service) return null;
  const virtualServices = view.virtualServices.filter((vs) => involvesService(vs, svc));
  const destinationRules = view.destinationRules.filter((dr) => service.destinationRules.some((r) => r.namespace === dr.namespace && r.name === dr.name));
  const gatewayKeys = new Set(virtualServices.flatMap((vs) => vs.gateways.filter((g) => g.resolution === "found").map((g) => `${g.namespace}/${g.name}`)));
  const gateways = view.gateways.filter((g) => gatewayKeys.has(`${g.namespace}/${g.name}`));
  const rollouts = view.rollouts.filter(
    (r) =>
      r.canaryService === svc.name ||
      r.stableService === svc.name ||
      r.virtualServices.some((v) => virtualServices.some((vs) => vs.namespace === v.namespace && vs.name === v.name)),
  );
  const objects: ObjectRef[] = [
    { kind: "Service", namespace: service.namespace, name: service.name },
    ...virtualServices.map((v) => ({ kind: "VirtualService", namespace: v.namespace, name: v.name })),
    ...destinationRules.map((d) => ({ kind: "DestinationRule", namespace: d.namespace, name: d.name })),
    ...gateways.map((g) => ({ kind: "Gateway", namespace: g.namespace, name: g.name })),
  ];
  const seen = new Set<string>();
  const validations = objects
    .flatMap((o) => validationsFor(view.validations, o, true))
    .filter((v) => {
      const key = `${v.code}|${v.object.kind}|${v.object.namespace}|${v.object.name}|${v.path}|${v.message}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  return { service, virtualServices, destinationRules, gateways, rollouts, objects, validations };
}
