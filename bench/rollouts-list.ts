/**
 * GET /api/rollouts and the `rollouts` SSE topic with 1,000 Rollouts.
 *
 *   MESHDECK_TEST_LAB=rapi MESHDECK_TEST_LAB_BASE_PORT=21700 node --import tsx bench/rollouts-list.ts [--count 1000] [--clients 100] [--requests 60]
 *
 * Applies `count` synthetic canary Rollouts (replicas 0, three steps, spread
 * over 10 fresh namespaces) to a running lab — the real controller reconciles
 * them — then calls the route handlers in this process (the same code a Next
 * server runs): cold and warm p50/p95 of GET /api/rollouts, the p95 delay from
 * a Rollout change to its `rollouts` event at each of `clients` SSE clients,
 * and the process RSS. Deletes its namespaces at the end.
 */
import { parseArgs } from "node:util";
import { applyMany } from "../lab/core/bulk";
import type { KubeObject } from "../lab/core/kube-client";
import { eventually, kubeAs, labState } from "../tests/integration/test-lab";

const { values } = parseArgs({ options: { count: { type: "string", default: "1000" }, clients: { type: "string", default: "100" }, requests: { type: "string", default: "60" } } });
const COUNT = Number(values.count);
const CLIENTS = Number(values.clients);
const REQUESTS = Number(values.requests);
const NAMESPACES = 10;
const log = (m: string) => console.log(`[bench] ${m}`);
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? NaN;
};
const mib = () => Math.round(process.memoryUsage().rss / 2 ** 20);

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
const admin = kubeAs("admin");
const prefix = `bench-ro-${Date.now().toString(36)}`;
const namespaces = Array.from({ length: NAMESPACES }, (_, i) => `${prefix}-${i}`);

function rollout(ns: string, i: number): KubeObject {
  return {
    apiVersion: "argoproj.io/v1alpha1",
    kind: "Rollout",
    metadata: { name: `ro-${i}`, namespace: ns },
    spec: {
      replicas: 0,
      selector: { matchLabels: { app: `ro-${i}` } },
      template: { metadata: { labels: { app: `ro-${i}` } }, spec: { containers: [{ name: "app", image: `example/app:${i % 7}` }] } },
      strategy: { canary: { steps: [{ setWeight: 20 }, { pause: {} }, { setWeight: 60 }] } },
    },
  } as KubeObject;
}

async function main(): Promise<void> {
  const rss0 = mib();
  log(`applying ${COUNT} Rollouts in ${NAMESPACES} namespaces`);
  await applyMany(admin, namespaces.map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name } }) as KubeObject));
  const t0 = performance.now();
  await applyMany(admin, Array.from({ length: COUNT }, (_, i) => rollout(namespaces[i % NAMESPACES]!, i)), 16);
  log(`applied in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const { GET } = await import("@/app/api/rollouts/route");
  const stream = await import("@/app/api/stream/route");
  const { readSse } = await import("@/lib/live/sse-reader");
  const { NextRequest } = await import("next/server");
  const list = async () => {
    const res = await GET(new NextRequest("http://meshdeck.bench/api/rollouts"));
    const body = (await res.json()) as { items: { namespace: string }[]; revision: number };
    return body.items.filter((x) => x.namespace.startsWith(prefix)).length;
  };
  await eventually("all Rollouts in the cache", async () => (await list()) >= COUNT, 300_000, 1_000);
  const rssLoaded = mib();

  // Cold: a cache change forces a rebuild; warm: same revision, memoised.
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    if (i % 6 === 0) {
      await admin.patch("argoproj.io/v1alpha1", "Rollout", namespaces[0]!, "ro-0", { metadata: { annotations: { "bench/tick": String(i) } } });
      await new Promise((r) => setTimeout(r, 300));
    }
    const s = performance.now();
    await GET(new NextRequest("http://meshdeck.bench/api/rollouts")).then((r) => r.arrayBuffer());
    (i % 6 === 0 ? cold : warm).push(performance.now() - s);
  }
  const size = (await GET(new NextRequest("http://meshdeck.bench/api/rollouts")).then((r) => r.arrayBuffer())).byteLength;

  // SSE fan-out: CLIENTS subscribers; a Rollout change → time until each sees its `rollouts` event.
  const abort = new AbortController();
  const seen: number[][] = Array.from({ length: CLIENTS }, () => []);
  for (let c = 0; c < CLIENTS; c++) {
    const res = await stream.GET(new Request("http://meshdeck.bench/api/stream?topics=rollouts", { signal: abort.signal }));
    if (res.body) void readSse(res.body, (m) => m.event === "rollouts" && seen[c]!.push(performance.now()), abort.signal).catch(() => undefined);
  }
  await new Promise((r) => setTimeout(r, 1_000));
  const delays: number[] = [];
  for (let round = 0; round < 5; round++) {
    for (const s of seen) s.length = 0;
    const sent = performance.now();
    await admin.patch("argoproj.io/v1alpha1", "Rollout", namespaces[1]!, "ro-1", { metadata: { annotations: { "bench/sse": String(round) } } });
    await eventually("every client got the event", async () => seen.every((s) => s.length > 0), 10_000, 20);
    for (const s of seen) delays.push((s[0] ?? NaN) - sent);
    await new Promise((r) => setTimeout(r, 500));
  }
  const rssEnd = mib();
  abort.abort();

  const coldP95 = pct(cold, 95);
  const warmP95 = pct(warm, 95);
  console.log("\nGET /api/rollouts with %d Rollouts (%s KiB JSON)", COUNT, (size / 1024).toFixed(0));
  console.log("  cold (after a change) p50 %s ms  p95 %s ms  (n=%d)", pct(cold, 50).toFixed(1), coldP95.toFixed(1), cold.length);
  console.log("  warm (memoised)       p50 %s ms  p95 %s ms  (n=%d)", pct(warm, 50).toFixed(1), warmP95.toFixed(1), warm.length);
  console.log("  cold/warm p95 ratio   %s×; cold per Rollout %s µs", (coldP95 / warmP95).toFixed(1), ((coldP95 * 1000) / COUNT).toFixed(0));
  console.log("SSE `rollouts` fan-out to %d clients: change → event p50 %s ms  p95 %s ms  max %s ms", CLIENTS, pct(delays, 50).toFixed(0), pct(delays, 95).toFixed(0), Math.max(...delays).toFixed(0));
  console.log("RSS: start %d MiB, loaded %d MiB (+%d), end %d MiB; %s KiB per Rollout", rss0, rssLoaded, rssLoaded - rss0, rssEnd, (((rssLoaded - rss0) * 1024) / COUNT).toFixed(1));

  log("deleting the bench namespaces");
  await Promise.all(namespaces.map((ns) => admin.delete("v1", "Namespace", undefined, ns).catch(() => undefined)));
  process.exit(0);
}

main().catch((e: unknown) => {
  console.error(e);
  void Promise.all(namespaces.map((ns) => admin.delete("v1", "Namespace", undefined, ns).catch(() => undefined))).finally(() => process.exit(1));
});
