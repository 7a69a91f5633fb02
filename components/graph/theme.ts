/**
 * Colours and sizes of the graph canvas (world units are CSS pixels at zoom 1).
 */
import type { BadgeKind, Health, NodeKind } from "@/lib/graph/types";

/**
 * What the canvas draws with. The light palette is the app's; the dark one is
 * the wall display's: high contrast on a near-black backdrop and labels sized
 * to be read from across a room.
 */
export interface GraphPalette {
  readonly health: Readonly<Record<Health, string>>;
  readonly edge: Readonly<Record<Health, string>>;
  readonly kindFill: Readonly<Record<NodeKind, string>>;
  readonly label: string;
  readonly mutedLabel: string;
  readonly select: string;
  readonly hoverEdge: string;
  /** Behind an edge's label. */
  readonly edgeLabelBg: string;
  readonly badgeFill: string;
  /** Badges that need attention (missing sidecar, fault). */
  readonly badgeAlertFill: string;
  readonly badgeText: string;
  readonly dotOk: string;
  readonly dotError: string;
  /** Node label size in world units, and the least it may be on screen (CSS px). */
  readonly labelWorldPx: number;
  readonly labelMinScreenPx: number;
  /** Screen margin kept around the graph when it is fitted (room for the outermost labels). */
  readonly fitPadding: number;
}

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

export const LIGHT_PALETTE: GraphPalette = {
  health: HEALTH_COLOR,
  edge: EDGE_COLOR,
  kindFill: KIND_FILL,
  label: LABEL_COLOR,
  mutedLabel: MUTED_LABEL_COLOR,
  select: SELECT_COLOR,
  hoverEdge: "#64748b",
  edgeLabelBg: "rgba(255,255,255,0.9)",
  badgeFill: "#334155",
  badgeAlertFill: "#b91c1c",
  badgeText: "#ffffff",
  dotOk: DOT_COLOR,
  dotError: ERROR_DOT_COLOR,
  labelWorldPx: 11,
  labelMinScreenPx: 10,
  fitPadding: 40,
};

/** The wall display's canvas backdrop (GraphView in kiosk mode). */
export const DARK_BACKDROP = "#020617";

/** Wall display: text here has a contrast ratio of at least 7:1 against DARK_BACKDROP (theme.test.ts). */
export const DARK_PALETTE: GraphPalette = {
  health: { healthy: "#22c55e", degraded: "#facc15", failing: "#f87171", idle: "#94a3b8", na: "#94a3b8" },
  edge: { healthy: "#4ade80", degraded: "#fde047", failing: "#fb7185", idle: "#475569", na: "#475569" },
  kindFill: {
    workload: "#0c4a6e",
    app: "#1e3a8a",
    versionedApp: "#1e3a8a",
    service: "#4c1d95",
    serviceEntry: "#701a75",
    ingressGateway: "#134e4a",
    unknown: "#1e293b",
  },
  label: "#f8fafc",
  mutedLabel: "#cbd5e1",
  select: "#60a5fa",
  hoverEdge: "#94a3b8",
  edgeLabelBg: "rgba(2,6,23,0.85)",
  badgeFill: "#e2e8f0",
  badgeAlertFill: "#ef4444",
  badgeText: "#020617",
  dotOk: "#5eead4",
  dotError: "#fb7185",
  labelWorldPx: 16,
  labelMinScreenPx: 15,
  fitPadding: 110,
};

export type GraphTheme = "light" | "dark";

export function paletteFor(theme: GraphTheme): GraphPalette {
  return theme === "dark" ? DARK_PALETTE : LIGHT_PALETTE;
}
