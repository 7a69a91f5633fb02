/** Ready pods → Endpoints, indexed by namespace and by workload. */
import type { Labels, PodInfo } from "../model/objects";
import { behaviourFromAnnotations, EXTERNAL_BEHAVIOUR } from "../workload/behaviour";
import { hasGatewayLabels, identityKey, podIdentity } from "../workload/identity";
import type { GatewayIndex } from "./gateways";
import type { Endpoint } from "./types";

export class EndpointSet {
  readonly all: Endpoint[] = [];
  readonly byNamespace = new Map<string, Endpoint[]>();
  private readonly byWorkload = new Map<string, Endpoint[]>();

  constructor(pods: readonly PodInfo[], gateways: GatewayIndex) {
    for (const pod of pods) {
      if (!pod.ready) continue;
      const labels = pod.meta.labels;
      const gateway = hasGatewayLabels(labels) || gateways.selectedByIstioGateway(labels);
      const identity = podIdentity(pod);
      const endpoint: Endpoint = {
        id: this.all.length,
        pod,
        name: pod.meta.name,
        namespace: pod.meta.namespace,
        labels,
        identity,
        telemetryKey: identityKey(identity),
        proxy: gateway || pod.sidecar,
        gateway,
        behaviour: behaviourFromAnnotations(pod.meta.annotations),
      };
      this.all.push(endpoint);
      push(this.byNamespace, endpoint.namespace, endpoint);
      push(this.byWorkload, `${endpoint.namespace}/${identity.workload}`, endpoint);
      push(this.byWorkload, identity.workload, endpoint);
    }
  }

  /** Endpoints of a workload by `ns/name`, or by bare name in any namespace. */
  workload(ref: string): readonly Endpoint[] {
    return this.byWorkload.get(ref) ?? [];
  }

  /** An address outside the mesh (ServiceEntry endpoint): no identity, no sidecar. */
  external(name: string, namespace: string, labels: Labels): Endpoint {
    const endpoint: Endpoint = {
      id: this.all.length,
      pod: null,
      name,
      namespace,
      labels,
      identity: null,
      telemetryKey: "",
      proxy: false,
      gateway: false,
      behaviour: EXTERNAL_BEHAVIOUR,
    };
    this.all.push(endpoint);
    return endpoint;
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
