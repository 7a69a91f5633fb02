import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { clusterSummarySchema, type ClusterSummary } from "@/lib/live/cluster-summary";
import { readSse, type SseMessage } from "@/lib/live/sse-reader";

const lab = labState();
// Before the route's modules first touch lib/k8s (the client set reads it lazily).
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
const { GET } = await import("@/app/api/stream/route");
const { getLiveRuntime, hubStats, resetLiveRuntime } = await import("@/lib/live/runtime");
const { cacheStats } = await import("@/lib/k8s/cache/stats");
const { stopClusterCaches } = await import("@/lib/k8s/cache/cluster-cache");

const admin = kubeAs("admin");
const VS = "networking.istio.io/v1";

interface Received {
  message: SseMessage;
  at: number;
}

/** An in-process SSE client of the route handler. */
class Client {
  readonly received: Received[] = [];
  readonly abort = new AbortController();
  response!: Response;
  done: Promise<void> = Promise.resolve();

  static async open(query: string, headers: Record<string, string> = {}): Promise<Client> {
    const c = new Client();
    c.response = await GET(new Request(`http://meshdeck.test/api/stream?${query}`, { headers, signal: c.abort.signal }));
    if (c.response.body) c.done = readSse(c.response.body, (message) => c.received.push({ message, at: performance.now() }), c.abort.signal);
    return c;
  }

  summaries(after = 0): Array<{ id: string; at: number; summary: ClusterSummary }> {
    return this.received
      .filter((r) => r.message.event === "cluster" && r.at >= after)
      .map((r) => ({ id: r.message.id ?? "", at: r.at, summary: clusterSummarySchema.parse(JSON.parse(r.message.data)) }));
  }

  events(): string[] {
    return this.received.map((r) => r.message.event);
  }

  close(): Promise<void> {
    this.abort.abort();
    return this.done;
  }
}

const touches = (s: ClusterSummary, ns: string) => s.changed.some((c) => c.kind === "virtualservices" && c.namespace === ns);
const created: string[] = [];
let seq = 0;
/** Last `seq` label written per namespace. */
const labelOf = new Map<string, string>();
/** The `seq` label of "reviews" per namespace when the cache last notified a change there (the cluster producer, subscribed first, has published it by then). */
const notifiedLabel = new Map<string, string>();
let unsubscribe = () => {};

/**
 * Patches the VirtualService once the earlier change's coalesced notification
 * went out, so the next summary touching `ns` is this patch's. Returns the
 * time the patch was sent.
 */
async function patchVs(ns: string, name = "reviews"): Promise<number> {
  const expected = labelOf.get(ns) ?? "0";
  await eventually("previous change notified", async () => notifiedLabel.get(ns) === expected, 10_000, 5);
  const t0 = performance.now();
  const label = String(++seq);
  labelOf.set(ns, label);
  await admin.patch(VS, "VirtualService", ns, name, { metadata: { labels: { seq: label } } });
  return t0;
}

async function setupNamespace(prefix: string): Promise<string> {
  const ns = uniqueNamespace(prefix);
  created.push(ns);
  await admin.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  await admin.apply({
    apiVersion: VS,
    kind: "VirtualService",
    metadata: { name: "reviews", namespace: ns, labels: { seq: "0" } },
    spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews" } }] }] },
  });
  return ns;
}

beforeAll(async () => {
  const { cache } = getLiveRuntime();
  await cache.ready();
  unsubscribe = cache.subscribe((change) => {
    for (const { kind, namespace } of change.changed) {
      const label = kind === "virtualservices" && namespace ? cache.snapshot().kinds.get(kind)?.objects.get(namespace)?.get("reviews")?.metadata.labels?.seq : undefined;
      if (namespace && label !== undefined) notifiedLabel.set(namespace, label);
    }
  });
});

afterAll(async () => {
  unsubscribe();
  resetLiveRuntime();
  await stopClusterCaches();
  for (const ns of created) await admin.delete("v1", "Namespace", undefined, ns).catch(() => {});
});

describe("GET /api/stream", () => {
  it("rejects invalid topics and answers with SSE headers", async () => {
    for (const query of ["", "topics=", "topics=Bad Topic", "topics=a&topics=b", "topics=a&extra=1"]) {
      const r = await GET(new Request(`http://meshdeck.test/api/stream?${query}`));
      expect(r.status, query).toBe(400);
    }
    const c = await Client.open("topics=cluster");
    expect(c.response.status).toBe(200);
    expect(Object.fromEntries(c.response.headers)).toMatchObject({
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-cache, no-transform",
      "x-accel-buffering": "no",
      connection: "keep-alive",
    });
    await eventually("hello", async () => c.events().includes("hello"), 2_000, 10);
    await c.close();
  });

  // Its latency is a figure of bench/sse-fanout.ts (patch → client), not a bound here.
  it("delivers one patch to 20 clients without more Kubernetes calls", async () => {
    const ns = await setupNamespace("sse");
    const statsBefore = cacheStats();
    const hubBefore = hubStats();
    const clients = await Promise.all(Array.from({ length: 20 }, () => Client.open("topics=cluster")));
    await eventually("20 hellos", async () => clients.every((c) => c.events().includes("hello")), 5_000, 10);
    expect(hubStats()?.clients).toBe((hubBefore?.clients ?? 0) + 20);

    const t0 = await patchVs(ns);
    await eventually(
      "all 20 clients saw the patch",
      async () => clients.every((c) => c.summaries(t0).some((s) => touches(s.summary, ns))),
      10_000,
      5,
    );
    const latencies = clients.map((c) => (c.summaries(t0).find((s) => touches(s.summary, ns))?.at ?? Infinity) - t0).sort((a, b) => a - b);
    console.log(`[sse] 20 clients: patch→event p50 ${latencies[10]?.toFixed(0)} ms, max ${latencies[19]?.toFixed(0)} ms`);
    const summary = clients[0]?.summaries(t0)[0]?.summary;
    expect(summary?.kinds.virtualservices).toMatchObject({ status: "synced" });
    expect(summary?.kinds.virtualservices?.count).toBeGreaterThan(0);

    const statsAfter = cacheStats();
    expect(statsAfter.lists).toBe(statsBefore.lists);
    expect(statsAfter.listPages).toBe(statsBefore.listPages);
    expect(statsAfter.watchesOpened - statsBefore.watchesOpened).toBeLessThanOrEqual(1); // only a timed-out watch may reopen
    const hub = hubStats();
    // Each summary was rendered once and written 20+ times.
    expect((hub?.framesSent ?? 0) - (hubBefore?.framesSent ?? 0)).toBeGreaterThanOrEqual(20);
    expect((hub?.framesRendered ?? 0) - (hubBefore?.framesRendered ?? 0)).toBeLessThan((hub?.framesSent ?? 0) - (hubBefore?.framesSent ?? 0));

    await Promise.all(clients.map((c) => c.close()));
    await eventually("clients cleaned up", async () => hubStats()?.clients === (hubBefore?.clients ?? 0), 2_000, 10);
  });

  it("resumes with Last-Event-ID and delivers the events missed while away", async () => {
    const ns = await setupNamespace("sse-resume");
    const watcher = await Client.open("topics=cluster");
    const first = await Client.open("topics=cluster");
    await eventually("hello", async () => first.events().includes("hello"), 2_000, 10);
    const t0 = await patchVs(ns);
    await eventually("first patch", async () => first.summaries(t0).some((s) => touches(s.summary, ns)), 2_000, 5);
    const lastId = first.received.at(-1)?.message.id;
    expect(lastId).toBeTruthy();
    await first.close();

    // Two changes while disconnected, each its own summary (the watcher proves they were published).
    const missed: string[] = [];
    for (let i = 0; i < 2; i++) {
      const t = await patchVs(ns);
      await eventually("missed patch published", async () => {
        const hit = watcher.summaries(t).find((s) => touches(s.summary, ns));
        if (hit && !missed.includes(hit.id)) missed.push(hit.id);
        return hit !== undefined;
      }, 2_000, 5);
    }

    const resumed = await Client.open("topics=cluster", { "Last-Event-ID": lastId ?? "" });
    await eventually("replay and hello", async () => resumed.events().includes("hello"), 2_000, 10);
    const replayed = resumed.received.filter((r) => r.message.event === "cluster").map((r) => r.message.id);
    for (const id of missed) expect(replayed).toContain(id);
    expect(resumed.events().indexOf("hello")).toBeGreaterThan(resumed.events().indexOf("cluster"));
    expect(resumed.events()).not.toContain("reset");
    const seqOf = (id: string | undefined) => Number(id?.split("-")[1]);
    expect(replayed.every((id) => seqOf(id) > seqOf(lastId))).toBe(true);

    // The query parameter works as well (manual reconnects), and a foreign id asks for a refetch.
    const viaQuery = await Client.open(`topics=cluster&lastEventId=${encodeURIComponent(lastId ?? "")}`);
    const foreign = await Client.open("topics=cluster", { "Last-Event-ID": "zzzzzzzz-5" });
    await eventually("hellos", async () => viaQuery.events().includes("hello") && foreign.events().includes("hello"), 2_000, 10);
    expect(viaQuery.events().filter((e) => e === "cluster").length).toBeGreaterThanOrEqual(missed.length);
    expect(foreign.events()[0]).toBe("reset");
    await Promise.all([watcher, resumed, viaQuery, foreign].map((c) => c.close()));
  });

  it("filters the summary by the bearer token's RBAC", async () => {
    const mine = await setupNamespace("sse-rbac-in");
    const other = await setupNamespace("sse-rbac-out");
    const rbac = (o: Record<string, unknown>) => admin.apply(o as unknown as KubeObject);
    await rbac({ apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "watcher", namespace: mine } });
    await rbac({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: { name: "vs-reader", namespace: mine },
      rules: [{ apiGroups: ["networking.istio.io"], resources: ["virtualservices"], verbs: ["get", "list", "watch"] }],
    });
    await rbac({
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: { name: "vs-reader", namespace: mine },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "vs-reader" },
      subjects: [{ kind: "ServiceAccount", name: "watcher", namespace: mine }],
    });
    const tokenRequest = await admin.json<{ status: { token: string } }>("POST", `/api/v1/namespaces/${mine}/serviceaccounts/watcher/token`, {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      spec: { expirationSeconds: 600 },
    });
    const previous = process.env.MESHDECK_AUTH_MODE;
    process.env.MESHDECK_AUTH_MODE = "bearer";
    try {
      const anonymous = await GET(new Request("http://meshdeck.test/api/stream?topics=cluster"));
      expect(anonymous.status).toBe(403);
      const restricted = await Client.open("topics=cluster", { Authorization: `Bearer ${tokenRequest.status.token}` });
      process.env.MESHDECK_AUTH_MODE = previous ?? "";
      const everyone = await Client.open("topics=cluster");
      await eventually("hellos", async () => restricted.events().includes("hello") && everyone.events().includes("hello"), 2_000, 10);

      const tOther = await patchVs(other);
      await eventually("admin sees the other namespace", async () => everyone.summaries(tOther).some((s) => touches(s.summary, other)), 2_000, 5);
      const otherEventId = everyone.summaries(tOther).find((s) => touches(s.summary, other))?.id;
      const tMine = await patchVs(mine);
      await eventually("restricted client sees its namespace", async () => restricted.summaries(tMine).some((s) => touches(s.summary, mine)), 2_000, 5);

      const seen = restricted.summaries();
      expect(seen.length).toBeGreaterThan(0);
      // Not even an empty summary for the change it may not see.
      expect(seen.map((s) => s.id)).not.toContain(otherEventId);
      for (const { summary } of seen) {
        expect(summary.changed.every((c) => c.kind === "virtualservices" && c.namespace === mine)).toBe(true);
        expect(summary.kinds.virtualservices?.count).toBe(1);
        expect(summary.kinds.pods?.count).toBe(0);
        expect(summary.kinds.namespaces?.count).toBe(0);
      }
      const full = everyone.summaries().at(-1)?.summary;
      expect(full?.kinds.virtualservices?.count).toBeGreaterThan(2);
      expect(full?.kinds.namespaces?.count).toBeGreaterThan(2);
      await Promise.all([restricted.close(), everyone.close()]);
    } finally {
      if (previous === undefined) delete process.env.MESHDECK_AUTH_MODE;
      else process.env.MESHDECK_AUTH_MODE = previous;
    }
  });
});
