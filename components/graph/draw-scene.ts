/**
 * Draws the static layer (edges, arrows, nodes, labels, badges) onto a 2D
 * canvas. It only runs when something changed (data, view, hover, selection),
 * never per animation frame. Edges are batched by colour and width so 1,000s
 * of them cost a handful of stroke() calls; text is drawn only when readable
 * and only for what is on screen.
 */
import type { Health, NodeKind } from "@/lib/graph/types";
import { formatEdgeLabel } from "./format";
import { intersects, type Scene, type SceneEdge, type SceneNode } from "./scene";
import { BADGE_GLYPH, FONT, type GraphPalette } from "./theme";
import type { Rect, View } from "./viewport";

export interface DrawState {
  readonly view: View;
  /** CSS pixels. */
  readonly width: number;
  readonly height: number;
  readonly dpr: number;
  readonly hover: string | null;
  readonly selected: { readonly kind: "node" | "edge"; readonly id: string } | null;
  /** Find results: everything else is dimmed. */
  readonly highlight: { readonly nodes: ReadonlySet<string>; readonly edges: ReadonlySet<string> } | null;
  readonly focused: boolean;
  readonly palette: GraphPalette;
}

/** Node names from this zoom up; edge labels for every edge from EDGE_LABEL_ZOOM. */
export const LABEL_ZOOM = 0.55;
export const EDGE_LABEL_ZOOM = 1.3;

function shapePath(ctx: CanvasRenderingContext2D, kind: NodeKind, x: number, y: number, r: number): void {
  switch (kind) {
    case "app":
    case "versionedApp": {
      const s = r * 0.9;
      ctx.roundRect(x - s, y - s, 2 * s, 2 * s, 4);
      break;
    }
    case "service": {
      const h = r * 1.15;
      ctx.moveTo(x, y - h);
      ctx.lineTo(x + h, y + h * 0.75);
      ctx.lineTo(x - h, y + h * 0.75);
      ctx.closePath();
      break;
    }
    case "serviceEntry":
      ctx.moveTo(x, y - r * 1.1);
      ctx.lineTo(x + r * 1.1, y);
      ctx.lineTo(x, y + r * 1.1);
      ctx.lineTo(x - r * 1.1, y);
      ctx.closePath();
      break;
    case "ingressGateway":
      for (let i = 0; i < 6; i++) {
        const a = Math.PI / 6 + (i * Math.PI) / 3;
        if (i === 0) ctx.moveTo(x + r * Math.cos(a), y + r * Math.sin(a));
        else ctx.lineTo(x + r * Math.cos(a), y + r * Math.sin(a));
      }
      ctx.closePath();
      break;
    default:
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, Math.PI * 2);
  }
}

function edgePath(ctx: CanvasRenderingContext2D, e: SceneEdge): void {
  if (e.loop) {
    ctx.moveTo(e.cx + 10, e.cy);
    ctx.arc(e.cx, e.cy, 10, 0, Math.PI * 2);
    return;
  }
  ctx.moveTo(e.x1, e.y1);
  ctx.quadraticCurveTo(e.cx, e.cy, e.x2, e.y2);
}

function arrowPath(ctx: CanvasRenderingContext2D, e: SceneEdge, size: number): void {
  if (e.loop) return;
  const dx = e.x2 - e.cx;
  const dy = e.y2 - e.cy;
  const d = Math.hypot(dx, dy) || 1;
  const ux = dx / d;
  const uy = dy / d;
  ctx.moveTo(e.x2 + ux * 2, e.y2 + uy * 2);
  ctx.lineTo(e.x2 - ux * size - uy * size * 0.55, e.y2 - uy * size + ux * size * 0.55);
  ctx.lineTo(e.x2 - ux * size + uy * size * 0.55, e.y2 - uy * size - ux * size * 0.55);
  ctx.closePath();
}

function drawEdges(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState, visible: Rect, k: number): void {
  // Batch: health × width bucket × dimmed.
  const buckets = new Map<string, SceneEdge[]>();
  for (const e of scene.edges) {
    if (!intersects(e.bbox, visible)) continue;
    const dim = s.highlight !== null && !s.highlight.edges.has(e.edge.id);
    const key = `${e.edge.health}|${Math.round(e.width * 2) / 2}|${dim ? 1 : 0}`;
    (buckets.get(key) ?? buckets.set(key, []).get(key))?.push(e);
  }
  const minWidth = 0.75 / k; // never thinner than 0.75 screen pixels
  for (const [key, list] of buckets) {
    const [health, width, dim] = key.split("|") as [Health, string, string];
    ctx.globalAlpha = dim === "1" ? 0.18 : 1;
    ctx.strokeStyle = s.palette.edge[health];
    ctx.fillStyle = s.palette.edge[health];
    ctx.lineWidth = Math.max(minWidth, Number(width));
    ctx.beginPath();
    for (const e of list) edgePath(ctx, e);
    ctx.stroke();
    if (k > 0.25) {
      ctx.beginPath();
      for (const e of list) arrowPath(ctx, e, Math.max(5, e.width * 1.6 + 3));
      ctx.fill();
    }
  }
  ctx.globalAlpha = 1;
}

function drawEdgeHighlight(ctx: CanvasRenderingContext2D, e: SceneEdge, color: string, k: number): void {
  ctx.strokeStyle = color;
  ctx.lineWidth = e.width + 3 / k;
  ctx.globalAlpha = 0.55;
  ctx.beginPath();
  edgePath(ctx, e);
  ctx.stroke();
  ctx.globalAlpha = 1;
}

function drawNode(ctx: CanvasRenderingContext2D, n: SceneNode, s: DrawState, k: number): void {
  const node = n.node;
  const dim = s.highlight !== null && !s.highlight.nodes.has(node.id);
  ctx.globalAlpha = dim ? 0.25 : node.idle ? 0.6 : 1;
  ctx.beginPath();
  shapePath(ctx, node.kind, n.x, n.y, n.r);
  ctx.fillStyle = s.palette.kindFill[node.kind];
  ctx.fill();
  // Health ring: the outline's colour; dashed for the unknown node and nodes outside the namespaces.
  ctx.lineWidth = Math.max(2.5, 1.2 / k);
  ctx.strokeStyle = s.palette.health[node.health];
  if (node.kind === "unknown" || node.outside) ctx.setLineDash([4, 3]);
  ctx.stroke();
  ctx.setLineDash([]);
  if (node.kind === "unknown" && k > 0.3) {
    ctx.fillStyle = s.palette.mutedLabel;
    ctx.font = `bold ${n.r}px ${FONT}`;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText("?", n.x, n.y + 1);
  }
  ctx.globalAlpha = 1;
}

function drawSelection(ctx: CanvasRenderingContext2D, n: SceneNode, k: number, s: DrawState, hover: boolean): void {
  ctx.beginPath();
  ctx.arc(n.x, n.y, n.r + 6, 0, Math.PI * 2);
  ctx.lineWidth = 2.5 / k;
  ctx.strokeStyle = s.palette.select;
  ctx.globalAlpha = hover ? 0.45 : 1;
  if (s.focused && !hover) ctx.setLineDash([5 / k, 3 / k]);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

function drawLabels(ctx: CanvasRenderingContext2D, nodes: readonly SceneNode[], s: DrawState, k: number): void {
  // Keep text readable on screen: at low zoom only emphasised labels are drawn (caller decides).
  const p = s.palette;
  const size = Math.max(p.labelWorldPx, p.labelMinScreenPx / k);
  ctx.font = `${size}px ${FONT}`;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const n of nodes) {
    const node = n.node;
    const dim = s.highlight !== null && !s.highlight.nodes.has(node.id);
    ctx.globalAlpha = dim ? 0.35 : 1;
    ctx.fillStyle = p.label;
    const y = n.y + n.r + 4;
    ctx.fillText(node.name, n.x, y);
    const sub = node.kind === "versionedApp" ? (node.version ?? "") : node.outside ? node.namespace : "";
    if (sub) {
      ctx.fillStyle = p.mutedLabel;
      ctx.fillText(sub, n.x, y + size + 1);
    }
    const badges = node.badges ?? [];
    if (badges.length > 0) {
      const br = 6.5;
      ctx.font = `bold 8px ${FONT}`;
      ctx.textBaseline = "middle";
      badges.slice(0, 4).forEach((b, i) => {
        const bx = n.x + n.r + 2 + i * (2 * br + 1);
        const by = n.y - n.r - 1;
        ctx.beginPath();
        ctx.arc(bx, by, br, 0, Math.PI * 2);
        ctx.fillStyle = b.kind === "missingSidecar" || b.kind === "fault" ? p.badgeAlertFill : p.badgeFill;
        ctx.fill();
        ctx.fillStyle = p.badgeText;
        ctx.fillText(BADGE_GLYPH[b.kind], bx, by + 0.5);
      });
      ctx.font = `${size}px ${FONT}`;
      ctx.textBaseline = "top";
    }
  }
  ctx.globalAlpha = 1;
}

function drawEdgeLabel(ctx: CanvasRenderingContext2D, e: SceneEdge, k: number, p: GraphPalette): void {
  const text = formatEdgeLabel(e.edge);
  const size = Math.max(p.labelWorldPx - 1, p.labelMinScreenPx / k);
  ctx.font = `${size}px ${FONT}`;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  // Label at the curve's midpoint.
  const mx = 0.25 * e.x1 + 0.5 * e.cx + 0.25 * e.x2;
  const my = (e.loop ? e.cy - 14 : 0.25 * e.y1 + 0.5 * e.cy + 0.25 * e.y2) - size * 0.2;
  const w = ctx.measureText(text).width + 8 / k;
  ctx.fillStyle = p.edgeLabelBg;
  ctx.fillRect(mx - w / 2, my - size * 0.7, w, size * 1.4);
  ctx.fillStyle = p.label;
  ctx.fillText(text, mx, my);
}

export function drawScene(ctx: CanvasRenderingContext2D, scene: Scene, s: DrawState, visible: Rect): void {
  const { view, dpr } = s;
  const k = view.k;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, s.width * dpr, s.height * dpr);
  ctx.setTransform(dpr * k, 0, 0, dpr * k, dpr * view.x, dpr * view.y);
  ctx.lineCap = "round";
  ctx.lineJoin = "round";

  drawEdges(ctx, scene, s, visible, k);
  const hoverEdge = s.hover !== null ? scene.edgeById.get(s.hover) : undefined;
  const selectedEdge = s.selected?.kind === "edge" ? scene.edgeById.get(s.selected.id) : undefined;
  if (hoverEdge && hoverEdge !== selectedEdge) drawEdgeHighlight(ctx, hoverEdge, s.palette.hoverEdge, k);
  if (selectedEdge) drawEdgeHighlight(ctx, selectedEdge, s.palette.select, k);

  if (k >= EDGE_LABEL_ZOOM) {
    for (const e of scene.edges) if (intersects(e.bbox, visible) && e.edge.rps > 0 && e !== hoverEdge && e !== selectedEdge) drawEdgeLabel(ctx, e, k, s.palette);
  }

  const onScreen: SceneNode[] = [];
  for (const n of scene.nodes) {
    if (n.x + 60 < visible.minX || n.x - 60 > visible.maxX || n.y + 60 < visible.minY || n.y - 60 > visible.maxY) continue;
    onScreen.push(n);
    drawNode(ctx, n, s, k);
  }
  const hoverNode = s.hover !== null ? scene.nodeById.get(s.hover) : undefined;
  const selectedNode = s.selected?.kind === "node" ? scene.nodeById.get(s.selected.id) : undefined;
  if (hoverNode && hoverNode !== selectedNode) drawSelection(ctx, hoverNode, k, s, true);
  if (selectedNode) drawSelection(ctx, selectedNode, k, s, false);

  if (k >= LABEL_ZOOM) drawLabels(ctx, onScreen, s, k);
  else {
    // Zoomed out: name only what the user is pointing at, has selected or found.
    const emphasised = onScreen.filter((n) => n === hoverNode || n === selectedNode || (s.highlight?.nodes.has(n.node.id) ?? false));
    if (emphasised.length <= 200) drawLabels(ctx, emphasised, s, k);
  }

  // The pointed-at and selected edges' labels go on top of everything.
  if (hoverEdge) drawEdgeLabel(ctx, hoverEdge, k, s.palette);
  if (selectedEdge && selectedEdge !== hoverEdge) drawEdgeLabel(ctx, selectedEdge, k, s.palette);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}
