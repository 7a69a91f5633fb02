/**
 * Wall soak: the wall display accelerated (rotating every second and
 * refetching every second besides the pushed events) against the test lab
 * with its simulated traffic, in headless Chromium, for a long time. Samples
 * the page's JS heap after a forced GC (CDP HeapProfiler.collectGarbage, then
 * Performance.getMetrics), its DOM (elements in the document, and CDP's Nodes
 * count, which includes detached nodes), its event listeners, and the
 * dashboard server's RSS (its process tree). Prints the samples, start → end
 * deltas after a warm-up, the heap's least-squares trend, and how many SSE
 * streams the page opened (one, unless the connection dropped), and the gaps
 * between rotations against the interval (e2e/wall.spec.ts checks their order).
 *
 *   npx tsx bench/wall-soak.ts [--minutes 120] [--sample 60] [--warmup 60]
 *       [--views graph:bookinfo+default,rollouts,splits] [--name test --base-port 26400]
 *
 * Uses (or starts) the lab named by --name / $MESHDECK_TEST_LAB, applies the
 * walkthroughs, builds the dashboard when stale and serves it on a port of the
 * lab's range that no lab component uses.
 */
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type CDPSession, type Page } from "playwright-core";
import { adminKube, labUp } from "../lab/core/control";
import { startDashboard } from "../lab/core/dashboard";
import { portOffsets } from "../lab/core/options";
import { applyScenarioFiles, baseScenario, scenarioNamespaces } from "../lab/core/scenarios";
import { waitWorkloadsReady } from "../lab/core/workloads";
import { CHROMIUM_ARGS, loadAverage } from "./graph-browser";

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "120" },
    sample: { type: "string", default: "60" },
    warmup: { type: "string", default: "60" },
    views: { type: "string", default: "graph:bookinfo+default,rollouts,splits" },
    name: { type: "string", default: process.env.MESHDECK_TEST_LAB ?? "test" },
    "base-port": { type: "string", default: process.env.MESHDECK_TEST_LAB_BASE_PORT ?? "26400" },
  },
});
const MINUTES = Number(values.minutes);
const SAMPLE_S = Number(values.sample);
const WARMUP_S = Math.min(Number(values.warmup), (MINUTES * 60) / 4);
const BASE_PORT = Number(values["base-port"]);
const PORT = BASE_PORT + Math.max(...Object.values(portOffsets)) + 10;

interface Sample {
  /** Seconds since the wall opened. */
  t: number;
  heapMb: number;
  domElements: number;
  cdpNodes: number;
  listeners: number;
  serverRssMb: number;
  /** V8 heap used by the server (its /api/metrics), MiB; null when unreadable. */
  serverHeapMb: number | null;
  view: string;
  connection: string;
}

/** RSS of a process and its descendants, MiB (Linux /proc). */
function treeRssMb(pid: number): number {
  let kb = 0;
  const visit = (p: number) => {
    try {
      const status = fs.readFileSync(`/proc/${p}/status`, "utf8");
      kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      for (const task of fs.readdirSync(`/proc/${p}/task`)) {
        const children = fs.readFileSync(`/proc/${p}/task/${task}/children`, "utf8").trim();
        for (const c of children ? children.split(/\s+/) : []) visit(Number(c));
      }
    } catch {
      /* the process went away */
    }
  };
  visit(pid);
  return kb / 1024;
}

async function serverHeapMb(): Promise<number | null> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${PORT}/api/metrics`)).text();
    const v = /^meshdeck_nodejs_heap_size_used_bytes\s+([\d.e+]+)/m.exec(text)?.[1];
    return v === undefined ? null : Number(v) / 2 ** 20;
  } catch {
    return null;
  }
}

async function sample(page: Page, cdp: CDPSession, server: ChildProcess, t0: number): Promise<Sample> {
  // Sample mid-interval, not at a view change: wait for the next rotation, then let it render.
  const current = await page.evaluate(() => document.querySelector("[data-testid=wall-view]")?.getAttribute("data-view") ?? "");
  await page
    .waitForFunction((v) => document.querySelector("[data-testid=wall-view]")?.getAttribute("data-view") !== v, current, { timeout: 5_000, polling: 50 })
    .catch(() => undefined); // a single view does not rotate
  await page.waitForTimeout(300);
  await cdp.send("HeapProfiler.collectGarbage");
  const { metrics } = await cdp.send("Performance.getMetrics");
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  const page_ = await page.evaluate(() => ({
    dom: document.getElementsByTagName("*").length,
    view: document.querySelector("[data-testid=wall-view]")?.getAttribute("data-view") ?? "",
    connection: document.querySelector("[data-testid=wall-connection]")?.getAttribute("data-state") ?? "",
  }));
  return {
    t: (Date.now() - t0) / 1000,
    heapMb: metric("JSHeapUsedSize") / 2 ** 20,
    domElements: page_.dom,
    cdpNodes: metric("Nodes"),
    listeners: metric("JSEventListeners"),
    serverRssMb: server.pid ? treeRssMb(server.pid) : 0,
    serverHeapMb: await serverHeapMb(),
    view: page_.view,
    connection: page_.connection,
  };
}

/** Least-squares slope of y over x. */
function slope(points: readonly { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return 0;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  const num = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0);
  const den = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  return den === 0 ? 0 : num / den;
}

const fmt = (s: Sample) =>
  `${(s.t / 60).toFixed(1).padStart(6)} min  heap ${s.heapMb.toFixed(2).padStart(7)} MB  DOM ${String(s.domElements).padStart(5)} elements / ${String(s.cdpNodes).padStart(6)} nodes  listeners ${String(s.listeners).padStart(5)}  server RSS ${s.serverRssMb.toFixed(0).padStart(5)} MB, heap ${s.serverHeapMb?.toFixed(0).padStart(4) ?? "   –"} MB  ${s.connection} ${s.view}`;

const log = (m: string) => console.log(`[soak] ${m}`);
const state = await labUp({ name: values.name, basePort: BASE_PORT, ttlSeconds: Math.round(MINUTES * 60 + 3600), withTraffic: true, withPrometheus: true }, log);
const kube = adminKube(state);
await applyScenarioFiles(kube, baseScenario);
await waitWorkloadsReady(kube, scenarioNamespaces);
const server = await startDashboard(state, PORT, path.join(state.dir, "logs", "dashboard-wall-soak.log"));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
try {
  const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
  let streams = 0;
  let pageErrors = 0;
  page.on("request", (r) => {
    if (new URL(r.url()).pathname === "/api/stream") streams += 1;
  });
  page.on("pageerror", (e) => {
    pageErrors += 1;
    if (pageErrors <= 5) console.error(`page error: ${e.message}`);
  });
  const url = `http://127.0.0.1:${PORT}/wall?views=${values.views}&interval=1&refresh=1`;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  console.log(`wall soak — ${MINUTES} min at 1 s rotation and 1 s refresh, ${url}; ${os.cpus().length} cores, load average ${loadAverage()}`);
  const t0 = Date.now();
  await page.goto(url);
  await page.waitForSelector("[data-testid=wall-view]", { timeout: 60_000 });
  await page.evaluate(() => {
    const w = window as unknown as { __rotationTimes: number[] };
    w.__rotationTimes = [];
    const el = document.querySelector("[data-testid=wall-view]");
    if (el) new MutationObserver(() => w.__rotationTimes.push(performance.now())).observe(el, { attributes: true, attributeFilter: ["data-view"] });
  });
  await page.waitForSelector("[data-testid=wall-connection][data-state=open]", { timeout: 60_000 });
  await page.waitForTimeout(WARMUP_S * 1000);
  const samples: Sample[] = [await sample(page, cdp, server, t0)];
  console.log(`  after ${WARMUP_S} s warm-up:`);
  console.log(`  ${fmt(samples[0] as Sample)}`);
  const end = t0 + MINUTES * 60_000;
  while (Date.now() < end) {
    await page.waitForTimeout(Math.min(SAMPLE_S * 1000, Math.max(0, end - Date.now())));
    const s = await sample(page, cdp, server, t0);
    samples.push(s);
    console.log(`  ${fmt(s)}`);
  }
  const first = samples[0] as Sample;
  const last = samples.at(-1) as Sample;
  const hours = (last.t - first.t) / 3600;
  const d = (a: number, b: number, unit: string, digits = 1) => {
    const u = unit ? ` ${unit}` : "";
    return `${a.toFixed(digits)} → ${b.toFixed(digits)}${u} (${b - a >= 0 ? "+" : ""}${(b - a).toFixed(digits)}${u}, ${a > 0 ? `${(((b - a) / a) * 100).toFixed(1)} %` : "–"})`;
  };
  // The DOM differs by view: compare each view's first and last sample.
  const domByView = [...new Set(samples.map((s) => s.view))].map((view) => {
    const of = samples.filter((s) => s.view === view);
    const a = of[0] as Sample;
    const b = of.at(-1) as Sample;
    return `${view} ${d(a.domElements, b.domElements, "", 0)} elements, ${d(a.cdpNodes, b.cdpNodes, "", 0)} nodes`;
  });
  const trend = slope(samples.map((s) => ({ x: s.t / 3600, y: s.heapMb })));
  // A slope over a few minutes, extrapolated to an hour, mostly measures GC timing.
  const caveat = hours < 0.5 ? "; short run, the trend is not meaningful below 30 min" : "";
  console.log(`  over ${(hours * 60).toFixed(1)} min after warm-up:`);
  console.log(`    JS heap (after GC):   ${d(first.heapMb, last.heapMb, "MB", 2)}; trend ${trend >= 0 ? "+" : ""}${trend.toFixed(2)} MB/h (least squares over ${samples.length} samples${caveat})`);
  console.log(`    DOM by view (first → last sample showing it):`);
  for (const line of domByView) console.log(`      ${line}`);
  console.log(`    event listeners:      ${d(first.listeners, last.listeners, "", 0)}`);
  const serverTrend = slope(samples.filter((s) => s.serverHeapMb !== null).map((s) => ({ x: s.t / 3600, y: s.serverHeapMb ?? 0 })));
  console.log(`    server RSS:           ${d(first.serverRssMb, last.serverRssMb, "MB", 0)}`);
  if (first.serverHeapMb !== null && last.serverHeapMb !== null) {
    console.log(`    server V8 heap used:  ${d(first.serverHeapMb, last.serverHeapMb, "MB", 0)}; trend ${serverTrend >= 0 ? "+" : ""}${serverTrend.toFixed(1)} MB/h (not after a GC: noisier than the page's${caveat})`);
  }
  console.log(`    max over the run:     heap ${Math.max(...samples.map((s) => s.heapMb)).toFixed(2)} MB, DOM ${Math.max(...samples.map((s) => s.domElements))} elements, server RSS ${Math.max(...samples.map((s) => s.serverRssMb)).toFixed(0)} MB`);
  console.log(`    SSE streams opened:   ${streams} (1 = never reconnected); page errors: ${pageErrors}; disconnected at a sample: ${samples.filter((s) => s.connection !== "open").length}`);
  const times = await page.evaluate(() => (window as unknown as { __rotationTimes?: number[] }).__rotationTimes ?? []);
  const gaps = times.slice(1).map((t, i) => t - (times[i] ?? t)).sort((a, b) => a - b);
  const at = (p: number) => (gaps[Math.min(gaps.length - 1, Math.floor((p / 100) * gaps.length))] ?? NaN).toFixed(0);
  console.log(`    rotation gap:         p50 ${at(50)} / p95 ${at(95)} / min ${gaps[0]?.toFixed(0) ?? "–"} / max ${gaps.at(-1)?.toFixed(0) ?? "–"} ms for the 1 s interval (${gaps.length} rotations)`);
  console.log(`  load average at the end: ${loadAverage()}`);
} finally {
  await browser.close();
  server.kill("SIGTERM");
}
