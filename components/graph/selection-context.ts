/**
 * What the side panel shows for a selected node or edge: the Service behind
 * it (for charts and the traffic actions), the Rollout that owns it, and the
 * VirtualServices / DestinationRules routing to that Service. Pure.
 */
import type { Graph, GraphEdge, GraphNode } from "@/lib/graph/types";
import type { DestinationRuleModel, MeshModel, RolloutModel, VirtualServiceModel } from "@/lib/istio/model/schema";
import type { GraphSelection } from "./mesh-graph";

export interface ServiceRef {
  readonly namespace: string;
  readonly name: string;
}

export type ConfigView = Pick<MeshModel, "services" | "rollouts" | "virtualServices" | "destinationRules">;

export interface SelectionContext {
  readonly node: GraphNode | null;
  readonly edge: GraphEdge | null;
  /** For an edge: its ends. */
  readonly source: GraphNode | null;
  readonly target: GraphNode | null;
  readonly service: ServiceRef | null;
  readonly rollout: ServiceRef | null;
  readonly virtualServices: readonly VirtualServiceModel[];
  readonly destinationRules: readonly DestinationRuleModel[];
}

/** The Service a node stands for: itself, the app of that name, or the Service selecting its workload. */
export function serviceOfNode(node: GraphNode, config: ConfigView | null): ServiceRef | null {
  if (node.kind === "service") return { namespace: node.namespace, name: node.name };
  if (node.kind === "unknown" || node.kind === "serviceEntry") return null;
  const services = (config?.services ?? []).filter((s) => s.namespace === node.namespace);
  const app = node.app ?? (node.kind === "app" ? node.name : undefined);
  if (app !== undefined && (config === null || services.some((s) => s.name === app))) return { namespace: node.namespace, name: app };
  const workloads = new Set(node.workloads ?? (node.kind === "workload" || node.kind === "ingressGateway" ? [node.name] : []));
  const selecting = services.find((s) => s.backends.workloads.some((w) => workloads.has(w.name)));
  return selecting ? { namespace: selecting.namespace, name: selecting.name } : null;
}

function rolloutOf(node: GraphNode | null, service: ServiceRef | null, config: ConfigView | null): RolloutModel | null {
  if (!config) return null;
  const workloads = new Set(node ? (node.workloads ?? [node.name]) : []);
  return (
    config.rollouts.find(
      (r) =>
        (node !== null && r.namespace === node.namespace && workloads.has(r.name)) ||
        (service !== null && r.namespace === service.namespace && (r.canaryService === service.name || r.stableService === service.name)),
    ) ?? null
  );
}

export function selectionContext(graph: Graph, selection: GraphSelection | null, config: ConfigView | null): SelectionContext | null {
  if (!selection) return null;
  const byId = (id: string) => graph.nodes.find((n) => n.id === id) ?? null;
  const edge = selection.kind === "edge" ? (graph.edges.find((e) => e.id === selection.id) ?? null) : null;
  const node = selection.kind === "node" ? byId(selection.id) : null;
  if (!edge && !node) return null;
  const source = edge ? byId(edge.source) : null;
  const target = edge ? byId(edge.target) : null;
  const focus = node ?? target;
  const service = focus ? serviceOfNode(focus, config) : null;
  const r = rolloutOf(focus, service, config);
  const virtualServices = service
    ? (config?.virtualServices ?? []).filter((vs) => vs.hosts.some((h) => h.service?.namespace === service.namespace && h.service.name === service.name))
    : [];
  const destinationRules = service
    ? (config?.destinationRules ?? []).filter((dr) => dr.host.service?.namespace === service.namespace && dr.host.service.name === service.name)
    : [];
  return { node, edge, source, target, service, rollout: r ? { namespace: r.namespace, name: r.name } : null, virtualServices, destinationRules };
}
