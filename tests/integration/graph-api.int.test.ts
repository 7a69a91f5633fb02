import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitWorkloadsReady } from "../../lab/core/workloads.js";
import { eventually, kubeAs, labState } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";
import { graphEventSchema, graphResponseSchema, type GraphEvent, type GraphResponse } from "@/lib/api/graph";
import { apiErrorBodySchema } from "@/lib/errors/api-error";
import { applyDiff } from "@/lib/graph/diff";
import type { Graph } from "@/lib/graph/types";
import { readSse, type SseMessage } from "@/lib/live/sse-reader";

/**
 * GET /api/graph and the graph SSE topic against the lab's real Prometheus
 * scraping the simulated data plane, which routes the demo world's shop by the
 * live VirtualServices. No mocks.
 */
const lab = labState();
const promUrl = lab.prometheus?.url;
if (!promUrl) throw new Error("the test lab runs no Prometheus");
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
process.env.MESHDECK_PROMETHEUS_URL = promUrl;
process.env.MESHDECK_GRAPH_REFRESH_MS = "2000";
const { GET } = await import("@/app/api/graph/route");
const { GET: STREAM } = await import("@/app/api/stream/route");
const { NextRequest } = await import("next/server");
const { resetLiveRuntime } = await import("@/lib/live/runtime");
const { graphSnapshotStats } = await import("@/lib/mesh/graph-snapshot");
const { graphProducerStats } = await import("@/lib/live/graph-producer");
const { stopClusterCaches } = await import("@/lib/k8s/cache/cluster-cache");
const { GET: METRICS } = await import("@/app/api/metrics/route");

const admin = () => kubeAs("admin");
const { namespace: N, front, side, reviews, ratings, versions } = demoWorld.shop;
const [v1, v2, v3] = versions;
const svc = (name: string) => `svc:${N}/${name}`;
const vapp = (app: string, version: string) => `vapp:${N}/${app}/${version}`;

async function call(query: string, headers: Record<string, string> = {}): Promise<Response> {
  return GET(new NextRequest(`http://meshdeck.test/api/graph?${query}`, { headers }));
}

async function graphOf(query: string): Promise<GraphResponse> {
  const res = await call(query);
  expect(res.status).toBe(200);
  return graphResponseSchema.parse(await res.json());
}

function reviewsSplit(w1: number, w2: number, w3: number) {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: reviews.service, namespace: N },
    spec: {
      hosts: [reviews.service],
      http: [
        {
          route: [
            { destination: { host: reviews.service, subset: v1 }, weight: w1 },
            { destination: { host: reviews.service, subset: v2 }, weight: w2 },
            { destination: { host: reviews.service, subset: v3 }, weight: w3 },
          ],
        },
      ],
    },
  };
}

const edge = (g: Graph, source: string, target: string) => g.edges.find((e) => e.source === source && e.target === target);
const SHOP = `namespaces=${N}&type=versionedApp&window=1m`;

beforeAll(async () => {
  await waitWorkloadsReady(admin(), [N]);
  await admin().apply(reviewsSplit(34, 33, 33));
}, 240_000);

afterAll(async () => {
  await demoWorld.restore(admin(), N);
  resetLiveRuntime();
  stopClusterCaches();
});

describe(`GET /api/graph — the shop (${N})`, () => {
  it("has the right nodes, edges and versions", async () => {
    const g = await eventually(
      `${reviews.service} ${versions.join(", ")} all receiving traffic and ${v2}/${v3} calling ${ratings.service}`,
      async () => {
        const r = await graphOf(SHOP);
        const ok = versions.every((v) => (edge(r.graph, svc(reviews.service), vapp(reviews.app, v))?.rps ?? 0) > 0);
        return ok && edge(r.graph, vapp(reviews.app, v3), svc(ratings.service)) ? r : undefined;
      },
      150_000,
      2_000,
    );
    expect(g.topic).toBe(`graph:va:1m:0:${N}`);
    const ids = g.graph.nodes.map((n) => n.id);
    for (const id of [svc(front.service), vapp(front.app, front.version), svc(side.service), vapp(side.app, side.version), svc(reviews.service), svc(ratings.service), vapp(ratings.app, ratings.version)]) {
      expect(ids).toContain(id);
    }
    expect(g.graph.nodes.find((n) => n.id === vapp(reviews.app, v2))).toMatchObject({ kind: "versionedApp", app: reviews.app, version: v2, group: `app:${N}/${reviews.app}` });
    // front → side and reviews; reviews v2/v3 → ratings; v1 never calls ratings.
    expect(edge(g.graph, vapp(front.app, front.version), svc(side.service))?.rps).toBeGreaterThan(0);
    expect(edge(g.graph, vapp(front.app, front.version), svc(reviews.service))?.rps).toBeGreaterThan(0);
    expect(edge(g.graph, vapp(reviews.app, v2), svc(ratings.service))?.rps).toBeGreaterThan(0);
    expect(edge(g.graph, vapp(reviews.app, v1), svc(ratings.service))).toBeUndefined();
    expect(edge(g.graph, svc(ratings.service), vapp(ratings.app, ratings.version))?.rps).toBeGreaterThan(0);
    // The ingress gateway feeds the front.
    expect(g.graph.nodes.find((n) => n.kind === "ingressGateway")).toBeDefined();
    // Config badge from the live VirtualService.
    const badge = g.graph.nodes.find((n) => n.id === svc(reviews.service))?.badges?.find((b) => b.kind === "trafficSplit");
    expect(badge?.detail).toBe(`${v1} 34 % · ${v2} 33 % · ${v3} 33 %`);
  });

  it("edge shares follow a weight change", async () => {
    await admin().apply(reviewsSplit(10, 10, 80));
    const g = await eventually(
      `${reviews.service} ${v3} share near 80 %`,
      async () => {
        const r = await graphOf(SHOP);
        const third = edge(r.graph, svc(reviews.service), vapp(reviews.app, v3))?.sharePct ?? 0;
        return third > 72 && third < 88 ? r : undefined;
      },
      150_000,
      2_000,
    );
    const share = (v: string) => edge(g.graph, svc(reviews.service), vapp(reviews.app, v))?.sharePct ?? 0;
    expect(share(v1)).toBeLessThan(18);
    expect(share(v2)).toBeLessThan(18);
    expect(share(v1) + share(v2) + share(v3)).toBeCloseTo(100, 0);
    expect(g.graph.nodes.find((n) => n.id === svc(reviews.service))?.badges?.find((b) => b.kind === "trafficSplit")?.detail).toBe(`${v1} 10 % · ${v2} 10 % · ${v3} 80 %`);
  });

  it("shares one snapshot among concurrent identical requests", async () => {
    const before = graphSnapshotStats().computations;
    const all = await Promise.all(Array.from({ length: 20 }, () => graphOf(`namespaces=${N}&type=app&window=5m`)));
    expect(graphSnapshotStats().computations - before).toBe(1);
    expect(new Set(all.map((r) => r.computedAt)).size).toBe(1);
    // Meshdeck's own /api/metrics says the same.
    const stats = graphSnapshotStats();
    const text = await (await METRICS(new Request("http://meshdeck.test/api/metrics"))).text();
    expect(text).toMatch(new RegExp(`^meshdeck_graph_snapshots_computed ${stats.computations}$`, "m"));
    expect(text).toMatch(new RegExp(`^meshdeck_graph_snapshots_shared ${stats.shared}$`, "m"));
    expect(stats.shared).toBeGreaterThanOrEqual(19);
    expect(Number(/^meshdeck_graph_snapshot_seconds_sum\{part="prometheus"\} (\S+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
  });

  it("answers 400 for bad parameters, 403 for a caller who may not list services, 503 when Prometheus is down", async () => {
    expect((await call("window=2m")).status).toBe(400);
    expect((await call("namespaces=Not_A_Namespace")).status).toBe(400);
    const forbidden = await call(SHOP, { authorization: "Bearer not-a-real-token" });
    expect(forbidden.status).toBe(403);
    expect(apiErrorBodySchema.parse(await forbidden.json()).error.code).toBe("Forbidden");

    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((r) => server.close(() => r()));
    process.env.MESHDECK_PROMETHEUS_URL = `http://127.0.0.1:${port}`;
    try {
      const down = await call(`namespaces=${N}&type=workload&window=15m`);
      expect(down.status).toBe(503);
      expect(apiErrorBodySchema.parse(await down.json()).error.code).toBe("Unavailable");
    } finally {
      process.env.MESHDECK_PROMETHEUS_URL = promUrl;
    }
  });
});

describe("graph SSE topic", () => {
  class Client {
    readonly messages: SseMessage[] = [];
    readonly abort = new AbortController();
    done: Promise<void> = Promise.resolve();
    static async open(topic: string): Promise<Client> {
      const c = new Client();
      const res = await STREAM(new Request(`http://meshdeck.test/api/stream?topics=${encodeURIComponent(topic)}`, { signal: c.abort.signal }));
      expect(res.status).toBe(200);
      if (res.body) c.done = readSse(res.body, (m) => c.messages.push(m), c.abort.signal).catch(() => undefined);
      return c;
    }
    events(topic: string): { event: GraphEvent; bytes: number }[] {
      return this.messages.filter((m) => m.event === topic).map((m) => ({ event: graphEventSchema.parse(JSON.parse(m.data)) as GraphEvent, bytes: m.data.length }));
    }
    close(): Promise<void> {
      this.abort.abort();
      return this.done;
    }
  }

  it("sends a snapshot first, then diffs that rebuild the graph; a late viewer gets its own snapshot; one computation per interval", async () => {
    const topic = `graph:va:1m:0:${N}`;
    const a = await Client.open(topic);
    const first = await eventually("first snapshot", async () => a.events(topic)[0], 30_000, 100);
    expect(first.event.kind).toBe("snapshot");
    const diffs = await eventually("two diffs", async () => (a.events(topic).filter((e) => e.event.kind === "diff").length >= 2 ? a.events(topic) : undefined), 30_000, 200);
    const computationsBefore = graphSnapshotStats().computations;
    const ticksBefore = graphProducerStats().computations;
    const b = await Client.open(topic);
    const late = await eventually("late viewer's snapshot", async () => b.events(topic)[0], 10_000, 50);
    expect(late.event.kind).toBe("snapshot");

    // Applying every diff in order to the first snapshot gives the latest graph.
    let g: Graph | null = null;
    for (const { event } of diffs) {
      if (event.kind === "snapshot") g = event.graph;
      else if (event.kind === "diff" && g) g = applyDiff(g, event.diff);
    }
    expect(g?.nodes.length).toBeGreaterThan(5);
    const snapshotBytes = first.bytes;
    const diffBytes = diffs.filter((d) => d.event.kind === "diff").map((d) => d.bytes);
    expect(Math.max(...diffBytes)).toBeLessThan(snapshotBytes);

    // Both viewers are served by one computation per refresh: over three of the producer's refresh ticks and a diff to the late viewer.
    await eventually("three refreshes and a diff for the late viewer", async () => graphProducerStats().computations - ticksBefore >= 3 && b.events(topic).length >= 2, 30_000, 100);
    const ticks = graphProducerStats().computations - ticksBefore;
    const perInterval = (graphSnapshotStats().computations - computationsBefore) / ticks;
    expect(perInterval).toBeLessThanOrEqual(1.5);
    const bDiffs = b.events(topic).slice(1);
    expect(bDiffs.length).toBeGreaterThan(0);
    expect(bDiffs.every((e) => e.event.kind === "diff")).toBe(true);
    await Promise.all([a.close(), b.close()]);
  });

  it("sends a Forbidden error instead of the graph to a caller who may not list the namespace", async () => {
    const { LiveHub } = await import("@/lib/live/hub");
    const { startGraphProducer } = await import("@/lib/live/graph-producer");
    const hub = new LiveHub();
    const stop = startGraphProducer(hub, 2_000);
    const abort = new AbortController();
    const messages: SseMessage[] = [];
    const denied = { key: "nobody", visible: () => false };
    const stream = hub.connect({ topics: [`graph:s:1m:0:${N}`], policy: denied, signal: abort.signal });
    const done = readSse(stream, (m) => messages.push(m), abort.signal).catch(() => undefined);
    const ev = await eventually("an event", async () => messages.find((m) => m.event === `graph:s:1m:0:${N}`), 30_000, 100);
    const parsed = graphEventSchema.parse(JSON.parse(ev.data));
    expect(parsed.kind).toBe("error");
    expect(parsed.kind === "error" ? parsed.error.code : "").toBe("Forbidden");
    abort.abort();
    await done;
    stop();
  });
});
