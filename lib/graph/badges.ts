/**
 * Config badges supplied by the caller (from the mesh model: VirtualServices,
 * DestinationRules, Rollouts, pods) attached to the nodes that stand for their
 * targets in the current graph type.
 */
import type { EndpointRules } from "./endpoints";
import { appId, gatewayId, serviceId, workloadId } from "./node-ids";
import { BADGE_KINDS, type Badge, type GraphNode } from "./types";

export interface BadgeTarget {
  /** A service's badges go to its service node (or, without service nodes, to the app of that name). */
  readonly kind: "service" | "workload";
  readonly namespace: string;
  readonly name: string;
  readonly badges: readonly Badge[];
}

const ORDER = new Map<string, number>(BADGE_KINDS.map((k, i) => [k, i]));

function targetIds(t: BadgeTarget, nodes: readonly GraphNode[], rules: EndpointRules, withServices: boolean): Set<string> {
  const ids = new Set<string>();
  if (t.kind === "service") {
    ids.add(serviceId(t.namespace, t.name));
    if (!withServices) {
      const app = appId(t.namespace, t.name);
      ids.add(app);
      for (const n of nodes) if (n.group === app) ids.add(n.id);
    }
    return ids;
  }
  ids.add(workloadId(t.namespace, t.name));
  ids.add(gatewayId(t.namespace, t.name));
  const served = rules.servedBy.get(`${t.namespace}/${t.name}`);
  if (served) ids.add(served.id);
  for (const n of nodes) {
    if ((n.kind === "app" || n.kind === "versionedApp") && n.namespace === t.namespace && n.workloads?.includes(t.name)) ids.add(n.id);
  }
  return ids;
}

function merge(existing: readonly Badge[], more: readonly Badge[]): Badge[] {
  const seen = new Map<string, Badge>();
  for (const b of [...existing, ...more]) {
    const key = `${b.kind}\u0000${b.detail ?? ""}`;
    if (!seen.has(key)) seen.set(key, b);
  }
  return [...seen.values()].sort((a, b) => (ORDER.get(a.kind) ?? 0) - (ORDER.get(b.kind) ?? 0) || (a.detail ?? "").localeCompare(b.detail ?? ""));
}

export function applyBadges(nodes: GraphNode[], targets: readonly BadgeTarget[], rules: EndpointRules, withServices: boolean): GraphNode[] {
  if (targets.length === 0) return nodes;
  const byNode = new Map<string, Badge[]>();
  for (const t of targets) {
    if (t.badges.length === 0) continue;
    for (const id of targetIds(t, nodes, rules, withServices)) {
      const list = byNode.get(id) ?? [];
      list.push(...t.badges);
      byNode.set(id, list);
    }
  }
  return nodes.map((n) => {
    const extra = byNode.get(n.id);
    return extra ? { ...n, badges: merge(n.badges ?? [], extra) } : n;
  });
}
