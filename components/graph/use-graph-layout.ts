"use client";
/**
 * Positions for a graph, computed in the layout Web Worker. Nodes keep their
 * positions across refreshes; only new nodes are placed (near their
 * neighbours); nodes that leave and come back get their old spot back when it
 * is free. `relayoutKey` changes force a full layout. With `persistKey` the
 * positions survive page reloads (localStorage).
 */
import { useEffect, useRef, useState } from "react";
import type { Graph } from "@/lib/graph/types";
import type { Point } from "@/lib/graph/worker/layered";
import type { LayoutReply, LayoutRequest } from "@/lib/graph/worker/protocol";
import { LAYOUT_BOX, LAYOUT_SPACING } from "./theme";

export interface LayoutInfo {
  readonly positions: ReadonlyMap<string, Point>;
  /** Bumps whenever positions changed. */
  readonly version: number;
  /** The last worker answer. */
  readonly last: { readonly ms: number; readonly mode: string; readonly placed: number } | null;
  readonly error: string | null;
}

export interface LayoutOptions {
  readonly createWorker?: () => Worker;
  readonly relayoutKey?: string | number;
  readonly persistKey?: string;
}

/** Remembered positions of departed nodes, at most this many. */
const MEMORY_CAP = 5000;
const STORAGE_PREFIX = "meshdeck.graph.positions.";

export function defaultLayoutWorker(): Worker {
  return new Worker(new URL("../../lib/graph/worker/layout.worker.ts", import.meta.url), { type: "module" });
}

function loadPersisted(key: string | undefined): Map<string, Point> {
  const out = new Map<string, Point>();
  if (!key || typeof localStorage === "undefined") return out;
  try {
    const raw = localStorage.getItem(STORAGE_PREFIX + key);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (parsed && typeof parsed === "object") {
      for (const [id, v] of Object.entries(parsed as Record<string, unknown>)) {
        if (Array.isArray(v) && typeof v[0] === "number" && typeof v[1] === "number") out.set(id, { x: v[0], y: v[1] });
      }
    }
  } catch {
    // A broken entry only costs a fresh layout.
  }
  return out;
}

function savePersisted(key: string | undefined, positions: ReadonlyMap<string, Point>): void {
  if (!key || typeof localStorage === "undefined") return;
  const obj: Record<string, [number, number]> = {};
  for (const [id, p] of positions) obj[id] = [Math.round(p.x), Math.round(p.y)];
  try {
    localStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(obj));
  } catch {
    // Quota: not worth failing over.
  }
}

export function useGraphLayout(graph: Graph, opts: LayoutOptions = {}): LayoutInfo {
  const { createWorker, relayoutKey, persistKey } = opts;
  const workerRef = useRef<Worker | null>(null);
  const positionsRef = useRef<Map<string, Point>>(new Map());
  const memoryRef = useRef<Map<string, Point> | null>(null);
  const seqRef = useRef(0);
  const pendingRef = useRef<{ seq: number; ids: readonly string[]; graph: Graph } | null>(null);
  const relayoutRef = useRef(relayoutKey);
  const saveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const [info, setInfo] = useState<LayoutInfo>(() => ({ positions: new Map(), version: 0, last: null, error: null }));
  const factoryRef = useRef(createWorker);

  useEffect(() => {
    const factory = factoryRef.current ?? defaultLayoutWorker;
    const worker = factory();
    workerRef.current = worker;
    worker.onmessage = (ev: MessageEvent<LayoutReply>) => {
      const reply = ev.data;
      const pending = pendingRef.current;
      if (!pending || reply.seq !== pending.seq) return; // superseded
      pendingRef.current = null;
      if (reply.type === "error") {
        setInfo((cur) => ({ ...cur, error: reply.message }));
        return;
      }
      const next = new Map<string, Point>();
      pending.ids.forEach((id, i) => next.set(id, { x: reply.xy[i * 2] ?? 0, y: reply.xy[i * 2 + 1] ?? 0 }));
      const memory = memoryRef.current ?? new Map<string, Point>();
      for (const [id, p] of positionsRef.current) if (!next.has(id)) memory.set(id, p);
      for (const id of next.keys()) memory.delete(id);
      while (memory.size > MEMORY_CAP) {
        const oldest = memory.keys().next().value;
        if (oldest === undefined) break;
        memory.delete(oldest);
      }
      memoryRef.current = memory;
      positionsRef.current = next;
      setInfo((cur) => ({ positions: next, version: cur.version + 1, last: { ms: reply.ms, mode: reply.mode, placed: reply.placed }, error: null }));
      if (saveTimer.current) clearTimeout(saveTimer.current);
      saveTimer.current = setTimeout(() => savePersisted(persistKey, next), 2000);
    };
    worker.onerror = (ev) => setInfo((cur) => ({ ...cur, error: ev.message || "layout worker failed" }));
    return () => {
      worker.terminate();
      workerRef.current = null;
      if (saveTimer.current) clearTimeout(saveTimer.current);
    };
  }, [persistKey]);

  useEffect(() => {
    const worker = workerRef.current;
    if (!worker) return;
    if (memoryRef.current === null) memoryRef.current = loadPersisted(persistKey);
    const full = relayoutRef.current !== relayoutKey;
    relayoutRef.current = relayoutKey;
    const ids = graph.nodes.map((n) => n.id);
    const index = new Map(ids.map((id, i) => [id, i]));
    const current = positionsRef.current;
    const fixedIds: string[] = [];
    const hintIds: string[] = [];
    for (const id of ids) {
      if (current.has(id)) fixedIds.push(id);
      else if (memoryRef.current.has(id)) hintIds.push(id);
    }
    if (!full && fixedIds.length === ids.length && current.size === ids.length) return; // nothing new, nothing gone
    const sizes = new Float64Array(ids.length * 2);
    for (let i = 0; i < ids.length; i++) {
      sizes[i * 2] = LAYOUT_BOX.width;
      sizes[i * 2 + 1] = LAYOUT_BOX.height;
    }
    const edges = new Uint32Array(graph.edges.length * 2);
    let m = 0;
    for (const e of graph.edges) {
      const s = index.get(e.source);
      const t = index.get(e.target);
      if (s === undefined || t === undefined) continue;
      edges[m++] = s;
      edges[m++] = t;
    }
    const xy = (list: readonly string[], from: ReadonlyMap<string, Point>) => {
      const out = new Float64Array(list.length * 2);
      list.forEach((id, i) => {
        const p = from.get(id);
        out[i * 2] = p?.x ?? 0;
        out[i * 2 + 1] = p?.y ?? 0;
      });
      return out;
    };
    const seq = ++seqRef.current;
    const req: LayoutRequest = {
      type: "layout",
      seq,
      ids,
      sizes,
      edges: edges.subarray(0, m),
      fixedIds,
      fixedXY: xy(fixedIds, current),
      hintIds,
      hintXY: xy(hintIds, memoryRef.current),
      ...LAYOUT_SPACING,
      full,
    };
    pendingRef.current = { seq, ids, graph };
    worker.postMessage(req, [req.sizes.buffer, req.fixedXY.buffer, req.hintXY.buffer]);
  }, [graph, relayoutKey, persistKey]);

  return info;
}
