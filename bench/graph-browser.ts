/**
 * Shared harness of the browser graph benches (graph-layout.ts,
 * graph-animation.ts): builds bench/graph-page.tsx and the layout worker with
 * esbuild, serves them on 127.0.0.1 and drives Debian's Chromium headless
 * through Playwright (never `npx playwright install`).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import type { Graph } from "../lib/graph/types";

const root = path.resolve(import.meta.dirname, "..");

export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export interface BenchPage {
  readonly page: Page;
  readonly url: string;
  close(): Promise<void>;
}

async function bundle(dir: string): Promise<void> {
  const common = {
    bundle: true,
    format: "esm" as const,
    target: "es2022",
    minify: process.env.GRAPH_BENCH_MINIFY !== "0",
    sourcemap: false,
    alias: { "@": root },
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "warning" as const,
  };
  await build({ ...common, entryPoints: [path.join(root, "bench/graph-page.tsx")], outfile: path.join(dir, "page.js"), jsx: "automatic" });
  await build({ ...common, entryPoints: [path.join(root, "lib/graph/worker/layout.worker.ts")], outfile: path.join(dir, "layout.worker.js") });
  writeFileSync(
    path.join(dir, "index.html"),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>graph bench</title>
<script>
window.__longTasks = [];
new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: "longtask", buffered: true });
</script>
<style>html,body{margin:0;height:100%;font-family:sans-serif}#root{height:100vh}</style></head>
<body><div id="root"></div><script type="module" src="/page.js"></script></body></html>`,
  );
}

/** Serves a fresh build and the given graphs (as /graph/NAME.json) and opens the page. */
export async function openBenchPage(graphs: Readonly<Record<string, Graph>>, query: string, viewport = { width: 1600, height: 900 }): Promise<BenchPage> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "graph-bench-"));
  await bundle(dir);
  const files: Record<string, { type: string; body: Buffer }> = {
    "/": { type: "text/html", body: readFileSync(path.join(dir, "index.html")) },
    "/page.js": { type: "text/javascript", body: readFileSync(path.join(dir, "page.js")) },
    "/layout.worker.js": { type: "text/javascript", body: readFileSync(path.join(dir, "layout.worker.js")) },
  };
  for (const [name, g] of Object.entries(graphs)) files[`/graph/${name}.json`] = { type: "application/json", body: Buffer.from(JSON.stringify(g)) };
  const server = http.createServer((req, res) => {
    const f = files[(req.url ?? "/").split("?")[0] ?? "/"];
    if (!f) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": f.type, "cache-control": "no-store" }).end(f.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const browser: Browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  const page = await browser.newPage({ viewport });
  const url = `http://127.0.0.1:${port}/?${query}`;
  page.on("pageerror", (err) => console.error("page error:", err.message));
  await page.goto(url);
  await page.waitForFunction(() => (window as unknown as { __ready?: boolean }).__ready === true, null, { timeout: 60_000 });
  return {
    page,
    url,
    async close() {
      await browser.close();
      server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function loadAverage(): string {
  return os.loadavg().map((l) => l.toFixed(1)).join(" / ");
}

export interface MainThreadTasks {
  /** Tasks on the page's main thread longer than 50 ms wall-clock. */
  readonly longWall: number;
  readonly longestWallMs: number;
  /** The most CPU any single main-thread task used (thread time), ms. */
  readonly maxCpuMs: number;
  /** Tasks that used more than 50 ms of CPU. */
  readonly longCpu: number;
  /** The longest task of the page's Web Worker(s): wall-clock and thread CPU, ms. */
  readonly workerWallMs: number;
  readonly workerCpuMs: number;
}

/**
 * Runs `fn` under a Chromium trace and reports the page's main-thread tasks
 * by wall-clock and by thread CPU time. On a loaded machine the wall-clock
 * of a task includes time the thread waited for a core; CPU time does not.
 */
export async function traceMainThread(page: Page, fn: () => Promise<void>): Promise<MainThreadTasks> {
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser");
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "graph-trace-")), "trace.json");
  await browser.startTracing(page, { path: file, categories: ["toplevel", "devtools.timeline"] });
  try {
    await fn();
  } finally {
    await browser.stopTracing();
  }
  const raw = JSON.parse(readFileSync(file, "utf8")) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  rmSync(path.dirname(file), { recursive: true, force: true });
  const events = Array.isArray(raw) ? raw : (raw.traceEvents ?? []);
  const mains = events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain");
  // The page's renderer is the one whose main thread did the most work.
  let best: { pid: number; tid: number; cpu: number } | null = null;
  for (const m of mains) {
    const cpu = events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.name === "ThreadControllerImpl::RunTask").reduce((a, e) => a + (e.tdur ?? 0), 0);
    if (!best || cpu > best.cpu) best = { pid: m.pid, tid: m.tid, cpu };
  }
  const tasks = best ? events.filter((e) => e.pid === best.pid && e.tid === best.tid && e.ph === "X" && e.name === "ThreadControllerImpl::RunTask") : [];
  const long = tasks.filter((e) => (e.dur ?? 0) > 50_000);
  const workerThreads = events.filter((e) => e.name === "thread_name" && e.pid === best?.pid && /Worker/i.test(e.args?.name ?? ""));
  const workerTasks = events.filter((e) => e.ph === "X" && e.name === "ThreadControllerImpl::RunTask" && workerThreads.some((t) => t.pid === e.pid && t.tid === e.tid));
  const longestWorker = workerTasks.reduce<TraceEvent | null>((a, e) => (!a || (e.dur ?? 0) > (a.dur ?? 0) ? e : a), null);
  return {
    workerWallMs: (longestWorker?.dur ?? 0) / 1000,
    workerCpuMs: (longestWorker?.tdur ?? 0) / 1000,
    longWall: long.length,
    longestWallMs: long.reduce((a, e) => Math.max(a, (e.dur ?? 0) / 1000), 0),
    maxCpuMs: tasks.reduce((a, e) => Math.max(a, (e.tdur ?? 0) / 1000), 0),
    longCpu: tasks.filter((e) => (e.tdur ?? 0) > 50_000).length,
  };
}

interface TraceEvent {
  readonly name: string;
  readonly ph?: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts?: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}
