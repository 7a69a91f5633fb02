/**
 * Colours and sizes of the graph canvas (world units are CSS pixels at zoom 1).
 */
import type { BadgeKind, Health, NodeKind } from "@/lib/graph/types";

export const HEALTH_COLOR: Readonly<Record<Health, string>> = {
  healthy: "#16a34a",
  degraded: "#f59e0b",
  failing: "#dc2626",
  idle: "#94a3b8",
  na: "#94a3b8",
};

/** Edge strokes: a little lighter than the node rings so nodes stand out. */
export const EDGE_COLOR: Readonly<Record<Health, string>> = {
  healthy: "#4ade80",
  degraded: "#fbbf24",
  failing: "#f87171",
  idle: "#cbd5e1",
  na: "#cbd5e1",
};

export const KIND_FILL: Readonly<Record<NodeKind, string>> = {
  workload: "#e0f2fe",
  app: "#dbeafe",
  versionedApp: "#dbeafe",
  service: "#ede9fe",
  serviceEntry: "#fae8ff",
  ingressGateway: "#ccfbf1",
  unknown: "#f1f5f9",
};

export const KIND_LABEL: Readonly<Record<NodeKind, string>> = {
  workload: "workload",
  app: "app",
  versionedApp: "versioned app",
  service: "service",
  serviceEntry: "service entry",
  ingressGateway: "ingress gateway",
  unknown: "unknown",
};

export const BADGE_GLYPH: Readonly<Record<BadgeKind, string>> = {
  trafficSplit: "S",
  headerRoute: "H",
  fault: "F",
  mirror: "M",
  timeout: "T",
  circuitBreaker: "CB",
  missingSidecar: "!",
  rollout: "R",
};

export const BADGE_LABEL: Readonly<Record<BadgeKind, string>> = {
  trafficSplit: "traffic split",
  headerRoute: "header route",
  fault: "fault injection",
  mirror: "mirroring",
  timeout: "timeout",
  circuitBreaker: "circuit breaker",
  missingSidecar: "missing sidecar",
  rollout: "rollout in progress",
};

export const NODE_RADIUS = 14;
/** Box the layout reserves per node, centred on it: the shape plus two label lines below (and as much above). */
export const LAYOUT_BOX = { width: 44, height: 84 } as const;
/** Layer gap and node gap of the layered layout, world units. */
export const LAYOUT_SPACING = { rankSep: 150, nodeSep: 20 } as const;
export const SELECT_COLOR = "#2563eb";
export const LABEL_COLOR = "#0f172a";
export const MUTED_LABEL_COLOR = "#475569";
export const FONT = 'ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';
export const DOT_COLOR = "#0f766e";
export const ERROR_DOT_COLOR = "#b91c1c";
