import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { viewerToken } from "./actions-client.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { GRAPH_TYPES } from "@/lib/graph/types";
import { graphTopic, graphWindowSchema } from "@/lib/api/graph";
import { apiErrorBodySchema } from "@/lib/errors/api-error";
import { readSse, type SseMessage } from "@/lib/live/sse-reader";

/**
 * Live-stream topics against the lab (real API server for identities and
 * RBAC, real Prometheus behind the graph producer): topics without
 * subscribers are released after the linger, the per-user and total bounds
 * answer a typed 429, and a graph topic the caller may not see is refused
 * with 403 before any Prometheus query. Observed through /api/metrics.
 */
const lab = labState();
const promUrl = lab.prometheus?.url;
if (!promUrl) throw new Error("the test lab runs no Prometheus");
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
process.env.MESHDECK_PROMETHEUS_URL = promUrl;
process.env.MESHDECK_GRAPH_REFRESH_MS = "60000";
const { GET } = await import("@/app/api/stream/route");
const { GET: METRICS } = await import("@/app/api/metrics/route");
const { getLiveRuntime, resetLiveRuntime } = await import("@/lib/live/runtime");
const { stopClusterCaches } = await import("@/lib/k8s/cache/cluster-cache");

const admin = kubeAs("admin");
const created: string[] = [];

/** Settings of the next runtime (read when it is created). */
function useLiveSettings(settings: { lingerMs: number; perUser: number; total: number }): void {
  resetLiveRuntime();
  process.env.MESHDECK_LIVE_TOPIC_LINGER_MS = String(settings.lingerMs);
  process.env.MESHDECK_LIVE_MAX_TOPICS_PER_USER = String(settings.perUser);
  process.env.MESHDECK_LIVE_MAX_TOPICS = String(settings.total);
  getLiveRuntime();
}

/** One sample of Meshdeck's self-metrics (`name` or `name{labels}`), 0 when absent. */
async function metric(series: string): Promise<number> {
  const text = await (await METRICS(new Request("http://127.0.0.1/api/metrics"))).text();
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

interface Stream {
  response: Response;
  messages: SseMessage[];
  close(): Promise<void>;
}

async function open(topics: readonly string[], headers: Record<string, string> = {}): Promise<Stream> {
  const abort = new AbortController();
  const query = new URLSearchParams({ topics: topics.join(",") });
  const response = await GET(new Request(`http://meshdeck.test/api/stream?${query.toString()}`, { headers, signal: abort.signal }));
  const messages: SseMessage[] = [];
  const done = response.body && response.status === 200 ? readSse(response.body, (m) => messages.push(m), abort.signal) : Promise.resolve();
  return {
    response,
    messages,
    close: () => {
      abort.abort();
      return done;
    },
  };
}

async function openLive(topics: readonly string[], headers: Record<string, string> = {}): Promise<Stream> {
  const s = await open(topics, headers);
  expect(s.response.status).toBe(200);
  await eventually("hello", async () => s.messages.some((m) => m.event === "hello"), 10_000, 10);
  return s;
}

async function refusal(response: Response) {
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, error: apiErrorBodySchema.parse(body).error, body };
}

/** A token of ServiceAccount `name` bound to `view` in `namespace` only. */
async function namespaceViewerToken(namespace: string, name: string): Promise<string> {
  const apply = (o: Record<string, unknown>) => admin.apply(o as unknown as KubeObject);
  await apply({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } });
  await apply({
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: `${name}-view`, namespace },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
    subjects: [{ kind: "ServiceAccount", name, namespace }],
  });
  const answer = await admin.json<{ status: { token: string } }>("POST", `/api/v1/namespaces/${namespace}/serviceaccounts/${name}/token`, {
    apiVersion: "authentication.k8s.io/v1",
    kind: "TokenRequest",
    spec: { expirationSeconds: 600 },
  });
  return answer.status.token;
}

const PROM_QUERIES = "meshdeck_prometheus_query_duration_seconds_count";
const COMPUTATIONS = "meshdeck_graph_producer_computations";

beforeAll(async () => {
  useLiveSettings({ lingerMs: 300, perUser: 64, total: 512 });
  await getLiveRuntime().cache.ready();
});

afterAll(async () => {
  resetLiveRuntime();
  await stopClusterCaches();
  for (const ns of created) await admin.delete("v1", "Namespace", undefined, ns).catch(() => {});
  for (const key of ["MESHDECK_LIVE_TOPIC_LINGER_MS", "MESHDECK_LIVE_MAX_TOPICS_PER_USER", "MESHDECK_LIVE_MAX_TOPICS"]) delete process.env[key];
});

describe("live-stream topics", () => {
  it("refuses a graph topic of a namespace the caller cannot see with 403, before any Prometheus query", async () => {
    const own = uniqueNamespace("live-own");
    created.push(own);
    await admin.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: own } });
    const auth = { Authorization: `Bearer ${await namespaceViewerToken(own, "graph-viewer")}` };
    const before = { prom: await metric(PROM_QUERIES), computations: await metric(COMPUTATIONS), topics: await metric("meshdeck_live_topics") };

    for (const topics of [["graph:va:1m:0:default"], ["cluster", "graph:s:5m:1:bookinfo.default"], ["graph:va:1m:0:"]]) {
      const r = await refusal((await open(topics, auth)).response);
      expect(r.status, topics.join(",")).toBe(403);
      expect(r.error).toMatchObject({ code: "Forbidden", verb: "list", resource: "services" });
      expect(r.body.topics).toEqual(topics.filter((t) => t.startsWith("graph:")));
    }
    expect(await metric(COMPUTATIONS)).toBe(before.computations);
    expect(await metric(PROM_QUERIES)).toBe(before.prom);
    expect(await metric("meshdeck_live_topics")).toBe(before.topics);

    // The same identity may watch the graph of its own namespace: that one is computed.
    const allowed = await openLive([`graph:va:1m:0:${own}`], auth);
    await eventually("its graph computed", async () => (await metric(COMPUTATIONS)) > before.computations, 30_000, 50);
    await allowed.close();
  });

  it("releases 1,000 distinct graph topics once their subscribers left and the linger passed", async () => {
    useLiveSettings({ lingerMs: 300, perUser: 2_000, total: 2_000 });
    const topics = Array.from({ length: 25 }, (_, i) => `leak-${i}`).flatMap((ns) =>
      GRAPH_TYPES.flatMap((type) => graphWindowSchema.options.flatMap((window) => [false, true].map((idle) => graphTopic({ type, window, idle, namespaces: [ns] })))),
    );
    expect(new Set(topics).size).toBe(1_000);
    const heapBefore = process.memoryUsage().heapUsed;
    const streams: Stream[] = [];
    for (let i = 0; i < topics.length; i += 25) streams.push(await openLive(topics.slice(i, i + 25)));
    expect(await metric("meshdeck_live_topics")).toBe(1_000);
    expect(await metric("meshdeck_live_topics_user_max")).toBe(1_000);
    const heapLive = process.memoryUsage().heapUsed;
    await Promise.all(streams.map((s) => s.close()));
    expect(await metric("meshdeck_live_topics_idle")).toBeGreaterThan(0);

    await eventually("every topic released", async () => (await metric("meshdeck_live_topics")) === 0, 60_000, 50);
    expect(await metric("meshdeck_live_topics_idle")).toBe(0);
    expect(await metric("meshdeck_live_topic_users")).toBe(0);
    expect(await metric("meshdeck_live_topics_released")).toBe(1_000);
    const { graphProducerStats } = await import("@/lib/live/graph-producer");
    expect(graphProducerStats().topics).toBe(0);
    const mib = (n: number) => (n / 2 ** 20).toFixed(1);
    console.log(`[live-topics] 1,000 topics: live ${await metric("meshdeck_live_topics")} after the linger; heap ${mib(heapBefore)} → ${mib(heapLive)} MiB while live, ${mib(process.memoryUsage().heapUsed)} MiB after`);
  });

  it("answers a typed 429 beyond the per-user and the total bound, counting lingering topics", async () => {
    useLiveSettings({ lingerMs: 600_000, perUser: 3, total: 5 });
    const mine = ["graph:va:1m:0:bound-a", "graph:va:1m:0:bound-b", "graph:va:1m:0:bound-c"];
    const first = await openLive(mine);
    await first.close();
    expect(await metric("meshdeck_live_topics_idle")).toBe(3);

    const perUser = await refusal((await open(["graph:va:1m:0:bound-a", "graph:va:1m:0:bound-d"])).response);
    expect(perUser).toMatchObject({ status: 429, error: { code: "TooManyRequests" }, body: { reason: "per-user", limit: 3, topics: ["graph:va:1m:0:bound-d"] } });
    const again = await openLive(mine); // what it holds is not new
    const viewer = { Authorization: `Bearer ${viewerToken()}` };
    const other = await openLive(["cluster", "traffic"], viewer);
    const total = await refusal((await open(["rollouts"], viewer)).response);
    expect(total).toMatchObject({ status: 429, error: { code: "TooManyRequests" }, body: { reason: "total", limit: 5, topics: ["rollouts"] } });

    // More topics in one request than anyone may hold, or than a request may carry: 400, not worth retrying.
    const overUser = await refusal((await open(["t1", "t2", "t3", "t4"], viewer)).response);
    expect(overUser).toMatchObject({ status: 400, error: { code: "BadRequest" }, body: { reason: "request", limit: 3 } });
    const tooMany = Array.from({ length: 33 }, (_, i) => `t${i}`);
    expect((await refusal((await open(tooMany)).response)).status).toBe(400);
    expect(await metric('meshdeck_live_topics_refused{bound="per_user"}')).toBe(1);
    expect(await metric('meshdeck_live_topics_refused{bound="total"}')).toBe(1);
    expect(await metric("meshdeck_live_topics_user_max")).toBe(3);
    expect(await metric('meshdeck_live_topics_limit{bound="per_user"}')).toBe(3);
    await Promise.all([again.close(), other.close()]);
  });
});
