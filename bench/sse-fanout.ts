/**
 * SSE fan-out bench: N clients (1, then 50) on GET /api/stream?topics=<topic>
 * (cluster, or traffic), served over real HTTP by the route handler in this
 * process, fed by the shared watch cache of the test lab while a
 * VirtualService is patched repeatedly. Prints per patch the latency to a raw
 * Kubernetes watch event, to the watch cache's change notification and to
 * every SSE client (the figures the integration tests print but do not bound:
 * cluster-api, watch-cache, sse, traffic-api), RSS and Kubernetes API calls per phase.
 *
 *   npm run lab:up -- --name test --base-port 26400   # if no test lab runs
 *   node --conditions=react-server --import tsx bench/sse-fanout.ts [patches=30] [clients=1,50] [topic=cluster]
 *
 * (--conditions=react-server makes "server-only" importable outside Next.)
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import fs from "node:fs";
import { watchUntil } from "../lab/core/watch";
import { adminToken, kubeAs, labState, uniqueNamespace } from "../tests/integration/test-lab";

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
const { GET } = await import("@/app/api/stream/route");
const { getLiveRuntime, resetLiveRuntime } = await import("@/lib/live/runtime");
const { cacheStats } = await import("@/lib/k8s/cache/stats");
const { stopClusterCaches } = await import("@/lib/k8s/cache/cluster-cache");
const { accessStats } = await import("@/lib/k8s/identity/access");
const { SseParser } = await import("@/lib/live/sse-reader");
const { clusterSummarySchema } = await import("@/lib/live/cluster-summary");

const PATCHES = Number(process.argv[2] ?? 30);
const CLIENT_COUNTS = (process.argv[3] ?? "1,50").split(",").map(Number);
const TOPIC = process.argv[4] ?? "cluster";
if (TOPIC !== "cluster" && TOPIC !== "traffic") throw new Error(`topic: cluster or traffic, not ${TOPIC}`);
const VS = "networking.istio.io/v1";
const admin = kubeAs("admin");

// ---- an HTTP server around the route handler --------------------------------

const server = http.createServer((req, res) => {
  const abort = new AbortController();
  res.on("close", () => abort.abort());
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  void GET(new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, { headers, signal: abort.signal })).then((response) => {
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.flushHeaders();
    if (!response.body) return res.end();
    Readable.fromWeb(response.body as import("node:stream/web").ReadableStream<Uint8Array>).pipe(res);
  });
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// ---- clients -------------------------------------------------------------------

interface BenchClient {
  abort: AbortController;
  hello: Promise<void>;
  /** Resolves at the first summary touching `ns` received after `since`. */
  waitFor(ns: string, since: number): Promise<{ at: number; id: string }>;
}

async function connect(): Promise<BenchClient> {
  const abort = new AbortController();
  const response = await fetch(`${base}/api/stream?topics=${TOPIC}`, { signal: abort.signal });
  if (!response.body) throw new Error("no body");
  const waiters = new Set<{ ns: string; since: number; resolve: (v: { at: number; id: string }) => void }>();
  let helloResolve!: () => void;
  const hello = new Promise<void>((r) => (helloResolve = r));
  const parser = new SseParser();
  const decoder = new TextDecoder();
  void (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        const at = performance.now();
        for (const m of parser.push(decoder.decode(chunk, { stream: true }))) {
          if (m.event === "hello") helloResolve();
          if (m.event !== TOPIC) continue;
          const touches = eventTouches(m.data);
          for (const w of [...waiters]) {
            if (at >= w.since && touches(w.ns)) {
              waiters.delete(w);
              w.resolve({ at, id: m.id ?? "" });
            }
          }
        }
      }
    } catch {
      /* aborted */
    }
  })();
  return {
    abort,
    hello,
    waitFor: (ns, since) => new Promise((resolve) => waiters.add({ ns, since, resolve })),
  };
}

/** Whether a `TOPIC` event's data is about namespace `ns`'s VirtualServices. */
function eventTouches(data: string): (ns: string) => boolean {
  if (TOPIC === "traffic") {
    const { namespaces } = JSON.parse(data) as { namespaces: string[] };
    return (ns) => namespaces.includes(ns);
  }
  const summary = clusterSummarySchema.parse(JSON.parse(data));
  return (ns) => summary.changed.some((c) => c.kind === "virtualservices" && c.namespace === ns);
}

/** A raw watch on the namespace's VirtualServices from their current resourceVersion, once open; `arrived` resolves with the arrival time of the MODIFIED event carrying label seq=`seqLabel`. */
async function rawWatch(ns: string, seqLabel: string): Promise<{ arrived: Promise<number> }> {
  const list = await admin.list(VS, "VirtualService", ns);
  const url = `${lab.apiserver.url}${await admin.pathFor(VS, "VirtualService", ns)}?watch=1&resourceVersion=${list.metadata.resourceVersion}`;
  type Labelled = { metadata: { labels?: Record<string, string> } };
  const w = watchUntil<Labelled>(url, { ca: fs.readFileSync(lab.apiserver.caFile), token: adminToken(), timeoutMs: 30_000 }, (e) => e.type === "MODIFIED" && e.object.metadata.labels?.seq === seqLabel);
  await w.opened;
  return { arrived: w.result.then(() => performance.now()) };
}

// ---- run -----------------------------------------------------------------------

const pct = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};
const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

const publishedAt = new Map<string, number>();

/** A fresh cache and hub (so each phase pays, and counts, its own initial LIST+WATCH). */
async function freshRuntime() {
  resetLiveRuntime();
  await stopClusterCaches();
  const runtime = getLiveRuntime();
  await runtime.cache.ready();
  const publish = runtime.hub.publish.bind(runtime.hub);
  runtime.hub.publish = ((topic, input) => {
    const id = publish(topic, input);
    publishedAt.set(id, performance.now());
    return id;
  }) as typeof runtime.hub.publish;
  return runtime;
}

const ns = uniqueNamespace("bench");
await admin.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
await admin.apply({ apiVersion: VS, kind: "VirtualService", metadata: { name: "reviews", namespace: ns }, spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews" } }] }] } });
await new Promise((r) => setTimeout(r, 500));

interface PhaseResult {
  clients: number;
  watch: number[];
  cache: number[];
  e2e: number[];
  fanout: number[];
  rssBefore: number;
  rssAfter: number;
  calls: Record<string, number>;
  hub: { framesRendered: number; framesSent: number; bytesSent: number; eventsPublished: number };
}

const results: PhaseResult[] = [];
let seq = 0;
try {
  for (const n of CLIENT_COUNTS) {
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    const stats0 = cacheStats();
    const access0 = accessStats();
    const runtime = await freshRuntime();
    const hub0 = runtime.hub.stats();
    const clients = await Promise.all(Array.from({ length: n }, connect));
    await Promise.all(clients.map((c) => c.hello));
    const e2e: number[] = [];
    const fanout: number[] = [];
    const watch: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < PATCHES; i++) {
      await new Promise((r) => setTimeout(r, 120)); // pacing: beyond the 50 ms coalescing window, one event per patch
      const label = String(++seq);
      const watched = await rawWatch(ns, label);
      const t0 = performance.now();
      const inCache = new Promise<number>((resolve) => {
        const off = runtime.cache.subscribe((c) => {
          if (!c.changed.some((x) => x.kind === "virtualservices" && x.namespace === ns)) return;
          off();
          resolve(performance.now());
        });
      });
      const arrivals = Promise.all(clients.map((c) => c.waitFor(ns, t0)));
      await admin.patch(VS, "VirtualService", ns, "reviews", { metadata: { labels: { seq: label } } });
      watch.push((await watched.arrived) - t0);
      cached.push((await inCache) - t0);
      for (const { at, id } of await arrivals) {
        e2e.push(at - t0);
        const published = publishedAt.get(id);
        if (published !== undefined) fanout.push(at - published);
      }
    }
    const rssAfter = process.memoryUsage().rss;
    const stats1 = cacheStats();
    const hub1 = runtime.hub.stats();
    for (const c of clients) c.abort.abort();
    results.push({
      clients: n,
      watch,
      cache: cached,
      e2e,
      fanout,
      rssBefore,
      rssAfter,
      calls: {
        lists: stats1.lists - stats0.lists,
        watchesOpened: stats1.watchesOpened - stats0.watchesOpened,
        watchRestarts: stats1.watchRestarts - stats0.watchRestarts,
        discovery: stats1.discoveryCalls - stats0.discoveryCalls,
        accessReviews: accessStats().reviews - access0.reviews,
      },
      hub: {
        eventsPublished: hub1.eventsPublished - hub0.eventsPublished,
        framesRendered: hub1.framesRendered - hub0.framesRendered,
        framesSent: hub1.framesSent - hub0.framesSent,
        bytesSent: hub1.bytesSent - hub0.bytesSent,
      },
    });
    await new Promise((r) => setTimeout(r, 300));
  }
} finally {
  await admin.delete("v1", "Namespace", undefined, ns).catch(() => {});
  resetLiveRuntime();
  await stopClusterCaches();
  server.close();
}

console.log(`\nSSE fan-out bench — topic ${TOPIC}; per phase: fresh cache + hub, N clients over HTTP, ${PATCHES} VirtualService patches; lab ${lab.apiserver.url}`);
console.log("clients | patch→raw watch event p50 / p95 / max (ms) | patch→watch cache p50 / p95 / max (ms) | patch→client p50 / p95 / max (ms) | publish→client p50 / p95 (ms) | RSS before→after (MiB) | hub events / renders / frames / KiB | k8s lists / watches opened / restarts / discovery / SSAR (whole phase)");
for (const r of results) {
  console.log(
    [
      String(r.clients).padStart(7),
      `${pct(r.watch, 50).toFixed(1)} / ${pct(r.watch, 95).toFixed(1)} / ${Math.max(...r.watch).toFixed(1)}`.padEnd(43),
      `${pct(r.cache, 50).toFixed(1)} / ${pct(r.cache, 95).toFixed(1)} / ${Math.max(...r.cache).toFixed(1)}`.padEnd(39),
      `${pct(r.e2e, 50).toFixed(1)} / ${pct(r.e2e, 95).toFixed(1)} / ${Math.max(...r.e2e).toFixed(1)}`.padEnd(35),
      `${pct(r.fanout, 50).toFixed(2)} / ${pct(r.fanout, 95).toFixed(2)}`.padEnd(29),
      `${mib(r.rssBefore)} → ${mib(r.rssAfter)}`.padEnd(22),
      `${r.hub.eventsPublished} / ${r.hub.framesRendered} / ${r.hub.framesSent} / ${(r.hub.bytesSent / 1024).toFixed(0)}`.padEnd(35),
      `${r.calls.lists} / ${r.calls.watchesOpened} / ${r.calls.watchRestarts} / ${r.calls.discovery} / ${r.calls.accessReviews}`,
    ].join(" | "),
  );
}
const [one, many] = [results[0], results.at(-1)];
if (one && many && one !== many) {
  const calls = (r: PhaseResult) => Object.values(r.calls).reduce((a, b) => a + b, 0);
  console.log(
    `\nKubernetes API calls per phase: ${calls(one)} with ${one.clients} client(s) vs ${calls(many)} with ${many.clients} clients ` +
      `(ratio ${(calls(many) / Math.max(1, calls(one))).toFixed(2)}); renders per event with ${many.clients} clients: ${(many.hub.framesRendered / Math.max(1, many.hub.eventsPublished)).toFixed(2)}`,
  );
}
process.exit(0);
