"use client";
/**
 * <MeshGraph>: the service graph on a canvas. Layout in a Web Worker with
 * stable positions, traffic dots within an animation budget, pan (drag),
 * zoom (wheel, + / -, 0 fits), click or keyboard selection, and a text
 * version of the graph for screen readers.
 *
 * Keyboard (the canvas is focusable): arrow keys move between nodes
 * (or, on an edge, ← / → go to its source / target), [ and ] step through the
 * selected node's edges, Enter opens the selection, Escape clears it.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import type { FilterMatch } from "@/lib/graph/filters";
import type { Graph } from "@/lib/graph/types";
import { describeEdge, describeNode, nodeTitle } from "./format";
import type { FrameBudgetOptions } from "./frame-budget";
import { GraphRenderer, type GraphRenderStats } from "./graph-renderer";
import { GraphSummary, visuallyHidden } from "./graph-summary";
import { buildHitIndex } from "./hit-test";
import { edgesOf, firstNode, nearestInDirection, type Direction } from "./keyboard-nav";
import { buildScene } from "./scene";
import { paletteFor, type GraphTheme } from "./theme";
import { useGraphLayout } from "./use-graph-layout";
import { centerOn, panToShow, toWorld, zoomAt } from "./viewport";

export interface GraphSelection {
  readonly kind: "node" | "edge";
  readonly id: string;
}

export interface GraphStats extends GraphRenderStats {
  /** Worker time of the last layout, ms, and what it did. */
  readonly layoutMs: number | null;
  readonly layoutMode: string | null;
  readonly nodes: number;
  readonly edges: number;
}

export interface MeshGraphProps {
  readonly graph: Graph;
  /** Controlled selection; omit to let the component keep its own. */
  readonly selected?: GraphSelection | null;
  /** Click, arrow keys, [ ]: the selection changed (null when cleared). */
  readonly onSelect?: (selection: GraphSelection | null) => void;
  /** Enter or double click on a node or edge: open it (e.g. in a side panel). */
  readonly onOpen?: (selection: GraphSelection) => void;
  /** Find results: matched elements stay bright, the rest is dimmed. */
  readonly highlight?: FilterMatch | null;
  /** Traffic animation (default true; always off with prefers-reduced-motion). */
  readonly animate?: boolean;
  /** Most dots drawn per frame at full budget (default 1,500). */
  readonly maxDots?: number;
  readonly budget?: FrameBudgetOptions;
  /** Change it to lay the whole graph out afresh. */
  readonly relayoutKey?: string | number;
  /** Keep positions across page loads under this key (localStorage). */
  readonly persistKey?: string;
  /** Worker factory (tests, other bundlers); default: lib/graph/worker/layout.worker.ts. */
  readonly createWorker?: () => Worker;
  /** About once a second while animating, and after each layout. */
  readonly onStats?: (stats: GraphStats) => void;
  /** Centre the view on this node whenever `seq` changes (e.g. "show the first find match"). */
  readonly focus?: { readonly id: string; readonly seq: number } | null;
  /** Accessible name of the canvas (default "Service graph"). */
  readonly label?: string;
  readonly className?: string;
  /** Canvas colours: "dark" for the wall display (default "light"). */
  readonly theme?: GraphTheme;
}

function usePrefersReducedMotion(): boolean {
  const [reduced, setReduced] = useState(false);
  useEffect(() => {
    const mq = window.matchMedia("(prefers-reduced-motion: reduce)");
    const update = () => setReduced(mq.matches);
    update();
    mq.addEventListener("change", update);
    return () => mq.removeEventListener("change", update);
  }, []);
  return reduced;
}

const ARROWS: Readonly<Record<string, Direction>> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

export function MeshGraph(props: MeshGraphProps) {
  const { graph, onSelect, onOpen, focus = null, highlight = null, animate = true, maxDots = 1500, budget, relayoutKey, persistKey, createWorker, onStats, label = "Service graph", className, theme = "light" } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const staticRef = useRef<HTMLCanvasElement>(null);
  const dotsRef = useRef<HTMLCanvasElement>(null);
  const rendererRef = useRef<GraphRenderer | null>(null);
  const [ownSelection, setOwnSelection] = useState<GraphSelection | null>(null);
  const selected = props.selected !== undefined ? props.selected : ownSelection;
  const [announcement, setAnnouncement] = useState("");
  const reducedMotion = usePrefersReducedMotion();
  const summaryId = useId();
  const helpId = useId();

  const layout = useGraphLayout(graph, { createWorker, relayoutKey, persistKey });
  const scene = useMemo(() => buildScene(graph, layout.positions), [graph, layout.positions]);
  const hits = useMemo(() => buildHitIndex(scene), [scene]);
  const statsRef = useRef(onStats);
  const lastRender = useRef<GraphRenderStats | null>(null);
  const layoutRef = useRef(layout);
  const countsRef = useRef({ nodes: scene.nodes.length, edges: scene.edges.length });

  useEffect(() => {
    statsRef.current = onStats;
    layoutRef.current = layout;
    countsRef.current = { nodes: scene.nodes.length, edges: scene.edges.length };
  });

  const emitStats = useCallback((render: GraphRenderStats | null) => {
    const l = layoutRef.current.last;
    const base: GraphRenderStats = render ?? { fps: 0, dots: 0, level: 0, animating: false, sceneMs: 0, dotsMs: 0, zoom: 1 };
    statsRef.current?.({ ...base, layoutMs: l?.ms ?? null, layoutMode: l?.mode ?? null, ...countsRef.current });
  }, []);

  // Renderer lifetime.
  useEffect(() => {
    const s = staticRef.current;
    const d = dotsRef.current;
    const box = containerRef.current;
    if (!s || !d || !box) return;
    const r = new GraphRenderer(s, d, {
      maxDots: 0,
      animate: false,
      ...(budget ? { budget } : {}),
      onStats: (st) => {
        lastRender.current = st;
        emitStats(st);
      },
    });
    rendererRef.current = r;
    const resize = () => r.setSize(box.clientWidth, box.clientHeight, window.devicePixelRatio || 1);
    resize();
    const ro = new ResizeObserver(resize);
    ro.observe(box);
    return () => {
      ro.disconnect();
      r.destroy();
      rendererRef.current = null;
    };
  }, [budget, emitStats]);

  // Before the scene: the first fit leaves the palette's room for labels.
  useEffect(() => {
    rendererRef.current?.setPalette(paletteFor(theme));
  }, [theme, scene]);

  // A full layout (first load, graph type switch, re-layout) frames the graph; refreshes keep the user's view.
  const fittedVersion = useRef(-1);
  useEffect(() => {
    const refit = layout.last?.mode === "full" && fittedVersion.current !== layout.version;
    if (refit) fittedVersion.current = layout.version;
    rendererRef.current?.setScene(scene, refit);
  }, [scene, layout.last, layout.version]);

  useEffect(() => {
    emitStats(lastRender.current);
  }, [layout.version, emitStats]);

  useEffect(() => {
    rendererRef.current?.setAnimation(animate && !reducedMotion, maxDots);
  }, [animate, reducedMotion, maxDots, scene]);

  useEffect(() => {
    rendererRef.current?.setInteraction({ selected, highlight });
  }, [selected, highlight, scene]);

  const focused = useRef(-1);
  useEffect(() => {
    const r = rendererRef.current;
    const target = focus ? scene.nodeById.get(focus.id) : undefined;
    if (!r || !focus || !target || focused.current === focus.seq) return;
    focused.current = focus.seq;
    const { width, height } = r.getSize();
    r.setView(centerOn(r.getView(), target.x, target.y, width, height));
  }, [focus, scene]);

  const select = useCallback(
    (sel: GraphSelection | null, announce = false) => {
      if (props.selected === undefined) setOwnSelection(sel);
      onSelect?.(sel);
      if (announce) {
        const names = (id: string) => {
          const n = scene.nodeById.get(id)?.node;
          return n ? nodeTitle(n) : id;
        };
        const n = sel?.kind === "node" ? scene.nodeById.get(sel.id)?.node : undefined;
        const e = sel?.kind === "edge" ? scene.edgeById.get(sel.id)?.edge : undefined;
        setAnnouncement(n ? describeNode(n) : e ? describeEdge(e, names) : "Selection cleared");
      }
      // Keep a keyboard selection on screen.
      const r = rendererRef.current;
      const target = sel?.kind === "node" ? scene.nodeById.get(sel.id) : sel?.kind === "edge" ? scene.edgeById.get(sel.id)?.target : undefined;
      if (r && target && announce) {
        const { width, height } = r.getSize();
        r.setView(panToShow(r.getView(), target.x, target.y, width, height));
      }
    },
    [onSelect, props.selected, scene],
  );

  // Wheel zoom needs a non-passive listener to keep the page from scrolling.
  useEffect(() => {
    const c = staticRef.current;
    if (!c) return;
    const onWheel = (ev: WheelEvent) => {
      const r = rendererRef.current;
      if (!r) return;
      ev.preventDefault();
      const rect = c.getBoundingClientRect();
      r.setView(zoomAt(r.getView(), ev.clientX - rect.left, ev.clientY - rect.top, Math.exp(-ev.deltaY * 0.0015)));
    };
    c.addEventListener("wheel", onWheel, { passive: false });
    return () => c.removeEventListener("wheel", onWheel);
  }, []);

  const drag = useRef<{ x: number; y: number; vx: number; vy: number; moved: boolean; id: number } | null>(null);

  const pick = useCallback(
    (clientX: number, clientY: number): GraphSelection | null => {
      const r = rendererRef.current;
      const c = staticRef.current;
      if (!r || !c) return null;
      const rect = c.getBoundingClientRect();
      const view = r.getView();
      const w = toWorld(view, clientX - rect.left, clientY - rect.top);
      const n = hits.nodeAt(w.x, w.y, 4 / view.k);
      if (n) return { kind: "node", id: n.node.id };
      const e = hits.edgeAt(w.x, w.y, 5 / view.k);
      return e ? { kind: "edge", id: e.edge.id } : null;
    },
    [hits],
  );

  const onPointerDown = (ev: PointerEvent<HTMLCanvasElement>) => {
    const r = rendererRef.current;
    if (!r || ev.button !== 0) return;
    const v = r.getView();
    drag.current = { x: ev.clientX, y: ev.clientY, vx: v.x, vy: v.y, moved: false, id: ev.pointerId };
    ev.currentTarget.setPointerCapture(ev.pointerId);
  };

  const onPointerMove = (ev: PointerEvent<HTMLCanvasElement>) => {
    const r = rendererRef.current;
    if (!r) return;
    const d = drag.current;
    if (d && d.id === ev.pointerId) {
      const dx = ev.clientX - d.x;
      const dy = ev.clientY - d.y;
      if (d.moved || Math.abs(dx) + Math.abs(dy) > 4) {
        d.moved = true;
        r.setView({ ...r.getView(), x: d.vx + dx, y: d.vy + dy });
      }
      return;
    }
    const hit = pick(ev.clientX, ev.clientY);
    r.setInteraction({ hover: hit?.id ?? null });
    ev.currentTarget.style.cursor = hit ? "pointer" : "grab";
  };

  const onPointerUp = (ev: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    drag.current = null;
    if (!d || d.moved) return;
    select(pick(ev.clientX, ev.clientY));
  };

  const onDoubleClick = (ev: React.MouseEvent<HTMLCanvasElement>) => {
    const hit = pick(ev.clientX, ev.clientY);
    if (hit) onOpen?.(hit);
  };

  const onKeyDown = (ev: KeyboardEvent<HTMLCanvasElement>) => {
    const r = rendererRef.current;
    if (!r) return;
    const { width, height } = r.getSize();
    const dir = ARROWS[ev.key];
    if (dir) {
      ev.preventDefault();
      if (selected?.kind === "edge" && (dir === "left" || dir === "right")) {
        const e = scene.edgeById.get(selected.id);
        if (e) select({ kind: "node", id: (dir === "left" ? e.source : e.target).node.id }, true);
        return;
      }
      const from = selected?.kind === "node" ? scene.nodeById.get(selected.id) : selected?.kind === "edge" ? scene.edgeById.get(selected.id)?.source : undefined;
      const next = from ? nearestInDirection(scene, from, dir) : firstNode(scene);
      if (next) select({ kind: "node", id: next.node.id }, true);
      return;
    }
    switch (ev.key) {
      case "[":
      case "]": {
        ev.preventDefault();
        const nodeId = selected?.kind === "node" ? selected.id : selected?.kind === "edge" ? scene.edgeById.get(selected.id)?.source.node.id : undefined;
        if (!nodeId) return;
        const list = edgesOf(scene, nodeId);
        if (list.length === 0) return;
        const at = selected?.kind === "edge" ? list.indexOf(selected.id) : -1;
        const step = ev.key === "]" ? 1 : -1;
        const next = list[(at + step + list.length) % list.length];
        if (next) select({ kind: "edge", id: next }, true);
        return;
      }
      case "Enter":
        if (selected) {
          ev.preventDefault();
          onOpen?.(selected);
        }
        return;
      case "Escape":
        if (selected) select(null, true);
        return;
      case "+":
      case "=":
        r.setView(zoomAt(r.getView(), width / 2, height / 2, 1.25));
        return;
      case "-":
        r.setView(zoomAt(r.getView(), width / 2, height / 2, 0.8));
        return;
      case "0":
        r.fit();
        return;
      default:
    }
  };

  // data-placed: nodes the layout has placed so far; it reaches the graph's node count once the worker answered.
  return (
    <div ref={containerRef} className={className} data-placed={scene.nodes.length} style={{ position: "relative", overflow: "hidden", height: "100%", minHeight: 200 }}>
      <canvas
        ref={staticRef}
        tabIndex={0}
        role="application"
        aria-roledescription="service graph"
        aria-label={`${label}: ${scene.nodes.length} nodes, ${scene.edges.length} edges`}
        aria-describedby={helpId}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
        onPointerLeave={() => rendererRef.current?.setInteraction({ hover: null })}
        onDoubleClick={onDoubleClick}
        onKeyDown={onKeyDown}
        onFocus={() => rendererRef.current?.setInteraction({ focused: true })}
        onBlur={() => rendererRef.current?.setInteraction({ focused: false })}
        style={{ position: "absolute", inset: 0, width: "100%", height: "100%", touchAction: "none", cursor: "grab", outlineOffset: -2 }}
      />
      <canvas ref={dotsRef} aria-hidden="true" style={{ position: "absolute", inset: 0, width: "100%", height: "100%", pointerEvents: "none" }} />
      <p id={helpId} style={visuallyHidden}>
        Arrow keys move between nodes, left and right on an edge go to its ends, [ and ] step through the selected node&apos;s edges, Enter opens the selection,
        Escape clears it, plus and minus zoom, 0 fits the graph. The same data is in the tables after the graph.
      </p>
      <div aria-live="polite" style={visuallyHidden}>
        {announcement}
      </div>
      {layout.error ? (
        <p role="alert" style={{ position: "absolute", left: 8, bottom: 8, margin: 0, fontSize: 12, color: "#b91c1c" }}>
          Layout failed: {layout.error}
        </p>
      ) : null}
      <GraphSummary graph={graph} id={summaryId} />
    </div>
  );
}
