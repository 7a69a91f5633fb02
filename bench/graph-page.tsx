/**
 * The static test page of the browser graph benches (built by
 * bench/graph-browser.ts with esbuild): renders <MeshGraph> full screen and
 * exposes hooks on window for Playwright.
 *
 *   window.__show(name)   fetch /graph/NAME.json and render it
 *   window.__stats        the component's latest onStats figures
 *   window.__events       { t, kind, … } of each show, layout and stats report
 *   window.__fps(ms)      frames counted by an independent rAF loop over ms
 */
import { useEffect, useState } from "react";
import { createRoot } from "react-dom/client";
import { MeshGraph, type GraphStats } from "../components/graph/mesh-graph";
import type { Graph } from "../lib/graph/types";

interface BenchWindow {
  __ready?: boolean;
  __show?: (name: string) => Promise<void>;
  __stats?: GraphStats | null;
  __events: { t: number; kind: string; [k: string]: unknown }[];
  __fps?: (ms: number) => Promise<{ frames: number; fps: number; worstMs: number; p95Ms: number }>;
}

const w = window as unknown as BenchWindow;
w.__events = [];
const params = new URLSearchParams(location.search);
const animate = params.get("animate") !== "0";
const maxDots = Number(params.get("maxDots") ?? 1500);
const createWorker = () => new Worker("/layout.worker.js", { type: "module" });

function App() {
  const [graph, setGraph] = useState<Graph | null>(null);
  useEffect(() => {
    w.__show = async (name: string) => {
      const g = (await (await fetch(`/graph/${name}.json`)).json()) as Graph;
      w.__events.push({ t: performance.now(), kind: "show", name, nodes: g.nodes.length, edges: g.edges.length });
      setGraph(g);
    };
    w.__ready = true;
  }, []);
  if (!graph) return null;
  return (
    <MeshGraph
      graph={graph}
      animate={animate}
      maxDots={maxDots}
      createWorker={createWorker}
      className="graph"
      onStats={(s) => {
        w.__stats = s;
        w.__events.push({ t: performance.now(), kind: "stats", ...s });
      }}
    />
  );
}

w.__fps = (ms: number) =>
  new Promise((resolve) => {
    const times: number[] = [];
    const start = performance.now();
    const tick = (t: number) => {
      times.push(t);
      if (t - start < ms) requestAnimationFrame(tick);
      else {
        const gaps = times.slice(1).map((x, i) => x - (times[i] ?? x)).sort((a, b) => a - b);
        resolve({
          frames: times.length,
          fps: ((times.length - 1) * 1000) / ((times.at(-1) ?? start) - (times[0] ?? start)),
          worstMs: gaps.at(-1) ?? 0,
          p95Ms: gaps[Math.floor(gaps.length * 0.95)] ?? 0,
        });
      }
    };
    requestAnimationFrame(tick);
  });

const el = document.getElementById("root");
if (el) {
  el.style.height = "100vh";
  createRoot(el).render(<App />);
}
