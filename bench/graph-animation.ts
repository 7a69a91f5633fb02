/**
 * Bench (c): traffic animation frame rate with 500 edges, in headless
 * Chromium (Debian's, --disable-gpu: software rendering), at the default dot
 * budget. Frame rate is counted by an independent requestAnimationFrame loop
 * in the page; the renderer's own figures (dots per frame, budget level, dot
 * draw time) come from <MeshGraph onStats>. Also checks that animation
 * stops while the page is hidden.
 *
 *   node --import tsx bench/graph-animation.ts [--edges 500] [--seconds 10] [--max-dots 1500]
 *
 * Goal: ≥ 30 fps.
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { syntheticGraph } from "../lib/graph/testing/sized-graph";
import { loadAverage, openBenchPage, traceMainThread } from "./graph-browser";

const { values } = parseArgs({
  options: { edges: { type: "string", default: "500" }, seconds: { type: "string", default: "10" }, "max-dots": { type: "string", default: "1500" } },
});
const EDGES = Number(values.edges);
const SECONDS = Number(values.seconds);

// Enough nodes that the graph has at least EDGES edges, then exactly EDGES of them.
let nodes = Math.round(EDGES * 0.75);
let g = syntheticGraph({ nodes, maxEdges: EDGES, seed: 5 });
while (g.edges.length < EDGES) g = syntheticGraph({ nodes: (nodes = Math.round(nodes * 1.1)), maxEdges: EDGES, seed: 5 });

interface Stats {
  fps: number;
  dots: number;
  level: number;
  animating: boolean;
  dotsMs: number;
  sceneMs: number;
  nodes: number;
  layoutMode: string | null;
}
type W = { __show: (n: string) => Promise<void>; __stats: Stats | null; __fps: (ms: number) => Promise<{ frames: number; fps: number; worstMs: number; p95Ms: number }> };

console.log(`graph animation bench — ${g.nodes.length} nodes, ${g.edges.length} edges, maxDots ${values["max-dots"]}; ${os.cpus().length} cores, load average ${loadAverage()}`);
const bench = await openBenchPage({ g }, `animate=1&maxDots=${values["max-dots"]}`);
const page = bench.page;
try {
  await page.evaluate(() => (window as unknown as W).__show("g"));
  await page.waitForFunction(() => (window as unknown as W).__stats?.layoutMode === "full", null, { timeout: 60_000, polling: 200 });
  await page.waitForTimeout(2000); // warm-up: JIT, first frames, the accessible tables
  const samples: Stats[] = [];
  let measured = { frames: 0, fps: 0, worstMs: 0, p95Ms: 0 };
  const trace = await traceMainThread(page, async () => {
    const fpsRun = page.evaluate((ms) => (window as unknown as W).__fps(ms), SECONDS * 1000);
    for (let i = 0; i < SECONDS; i++) {
      await page.waitForTimeout(1000);
      const s = await page.evaluate(() => (window as unknown as W).__stats);
      if (s) samples.push(s);
    }
    measured = await fpsRun;
  });
  const avg = (f: (s: Stats) => number) => samples.reduce((a, s) => a + f(s), 0) / Math.max(1, samples.length);
  console.log(`  frame rate (independent rAF):  ${measured.fps.toFixed(1)} fps over ${SECONDS} s (${measured.frames} frames; p95 frame ${measured.p95Ms.toFixed(1)} ms, worst ${measured.worstMs.toFixed(0)} ms)`);
  console.log(`  renderer: ${avg((s) => s.fps).toFixed(1)} fps, ${avg((s) => s.dots).toFixed(0)} dots/frame, dot layer ${avg((s) => s.dotsMs).toFixed(2)} ms/frame, budget level ${samples.map((s) => s.level).join(",")} (0 = full)`);
  console.log(`  main thread while animating: longest task CPU ${trace.maxCpuMs.toFixed(1)} ms (${trace.longCpu} over 50 ms CPU, ${trace.longWall} over 50 ms wall)`);
  // Hidden tab: the renderer must stop drawing.
  // (A string: tsx would wrap an inline getter in a helper the page does not have.)
  await page.evaluate(`Object.defineProperty(document, "visibilityState", { configurable: true, get() { return "hidden"; } });
    document.dispatchEvent(new Event("visibilitychange"));`);
  await page.waitForTimeout(1500);
  const hidden = await page.evaluate(() => (window as unknown as W).__stats);
  console.log(`  tab hidden: renderer animating=${hidden?.animating}, ${hidden?.dots ?? 0} dots`);
  const ok = measured.fps >= 30;
  console.log(`  ${measured.fps.toFixed(1)} fps = ${(measured.fps / 30).toFixed(2)} × the 30 fps goal → ${ok ? "PASS" : "FAIL"}`);
  process.exitCode = ok && hidden?.animating === false ? 0 : 1;
} finally {
  await bench.close();
}
