import net from "node:net";
import { beforeEach, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { getPrometheus, PrometheusClient, scrapeIntervalFromConfig } from "./client";
import { prometheusStats, resetPrometheusStats } from "./stats";

type Handler = (url: URL, init: RequestInit) => Response | Promise<Response>;

/** A stand-in for fetch recording each request (unit tests only; the integration tests use the lab's real Prometheus). */
function fakeFetch(handler: Handler) {
  const calls: Array<{ url: URL; init: RequestInit; body: URLSearchParams }> = [];
  const impl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const i = init ?? {};
    calls.push({ url, init: i, body: new URLSearchParams(typeof i.body === "string" ? i.body : "") });
    return handler(url, i);
  }) as typeof fetch;
  return { impl, calls };
}

const vector = (value: string) => Response.json({ status: "success", data: { resultType: "vector", result: [{ metric: { a: "b" }, value: [1, value] }] } });

async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error("expected a rejection");
}

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

beforeEach(() => resetPrometheusStats());

describe("PrometheusClient", () => {
  it("POSTs form-encoded queries under the base path and parses the vector", async () => {
    const f = fakeFetch(() => vector("NaN"));
    const c = new PrometheusClient({ url: "http://prom.example:9090/prometheus", fetch: f.impl, cacheTtlMs: 0 });
    const v = await c.instant('up{job="x"}');
    expect(v[0]?.value).toBeNaN();
    expect(f.calls[0]?.url.toString()).toBe("http://prom.example:9090/prometheus/api/v1/query");
    expect(f.calls[0]?.init.method).toBe("POST");
    expect(f.calls[0]?.body.get("query")).toBe('up{job="x"}');
    await c.range("up", { start: 10, end: 70, step: 15 }).catch(() => undefined);
    expect(f.calls[1]?.url.pathname).toBe("/prometheus/api/v1/query_range");
    expect(Object.fromEntries(f.calls[1]?.body ?? [])).toEqual({ query: "up", start: "10", end: "70", step: "15" });
  });

  it("moves URL credentials to a Basic header and never shows them", async () => {
    const f = fakeFetch(() => new Response("down", { status: 502 }));
    const c = new PrometheusClient({ url: "https://user:s3cret@prom.example/", fetch: f.impl });
    const e = await rejection(c.instant("up"));
    expect(c.displayUrl).toBe("https://prom.example");
    expect(e.message).not.toContain("s3cret");
    expect((f.calls[0]?.init.headers as Record<string, string>).authorization).toBe(`Basic ${Buffer.from("user:s3cret").toString("base64")}`);
    expect(f.calls[0]?.url.username).toBe("");
  });

  it("coalesces identical concurrent queries and caches them briefly; counts only what is sent", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const f = fakeFetch(async () => {
      await gate;
      return vector("1");
    });
    const c = new PrometheusClient({ url: "http://p", fetch: f.impl, cacheTtlMs: 60_000 });
    const all = Promise.all(Array.from({ length: 50 }, () => c.instant("sum(up)")));
    release();
    expect((await all).every((v) => v[0]?.value === 1)).toBe(true);
    await c.instant("sum(up)");
    expect(f.calls).toHaveLength(1);
    const s = prometheusStats();
    expect(s).toMatchObject({ requests: 1, coalesced: 49, cacheHits: 1, failures: 0, byKind: { instant: 1, range: 0, config: 0 } });
  });

  it("maps a timeout to Unavailable", async () => {
    const f = fakeFetch((_url, init) => new Promise<Response>((_res, rej) => init.signal?.addEventListener("abort", () => rej(init.signal?.reason))));
    const c = new PrometheusClient({ url: "http://p", fetch: f.impl, timeoutMs: 50 });
    const e = await rejection(c.instant("up"));
    expect(e.code).toBe("Unavailable");
    expect(e.status).toBe(503);
    expect(e.message).toBe("Prometheus is unavailable at http://p: no answer within 50 ms");
    expect(prometheusStats().failures).toBe(1);
  });

  it("maps a closed port to Unavailable (a real connection attempt)", async () => {
    const port = await closedPort();
    const c = new PrometheusClient({ url: `http://127.0.0.1:${port}` });
    const e = await rejection(c.instant("up"));
    expect(e.code).toBe("Unavailable");
    expect(e.message).toBe(`Prometheus is unavailable at http://127.0.0.1:${port}: connection refused (ECONNREFUSED)`);
  });

  it("maps 5xx and Prometheus' own error bodies", async () => {
    const f = fakeFetch((url) =>
      url.pathname.endsWith("query_range")
        ? Response.json({ status: "error", errorType: "timeout", error: "query timed out in expression evaluation" }, { status: 503 })
        : Response.json({ status: "error", errorType: "bad_data", error: '1:5: parse error: unexpected "}"' }, { status: 400 }),
    );
    const c = new PrometheusClient({ url: "http://p", fetch: f.impl });
    const down = await rejection(c.range("up", { start: 0, end: 60, step: 15 }));
    expect(down.code).toBe("Unavailable");
    expect(down.message).toContain("timeout: query timed out");
    const bad = await rejection(c.instant("up}"));
    expect(bad.code).toBe("Internal");
    expect(bad.message).toContain("rejected a query (bad_data");
  });

  it("reports a non-Prometheus answer as Unavailable", async () => {
    const c = new PrometheusClient({ url: "http://p", fetch: fakeFetch(() => new Response("<html>login</html>", { status: 200 })).impl });
    const e = await rejection(c.instant("up"));
    expect(e.code).toBe("Unavailable");
    expect(e.message).toContain("not Prometheus' HTTP API");
    const c2 = new PrometheusClient({ url: "http://p", fetch: fakeFetch(() => Response.json({ hello: "world" })).impl });
    expect((await rejection(c2.instant("up"))).code).toBe("Unavailable");
  });

  it("reads the scrape interval from /api/v1/status/config, once", async () => {
    const f = fakeFetch(() => Response.json({ status: "success", data: { yaml: "global:\n  scrape_interval: 5s\n  evaluation_interval: 5s\n" } }));
    const c = new PrometheusClient({ url: "http://p", fetch: f.impl });
    expect(await c.scrapeInterval()).toBe(5);
    expect(await c.scrapeInterval()).toBe(5);
    expect(f.calls).toHaveLength(1);
    expect(f.calls[0]?.init.method).toBe("GET");
    expect(prometheusStats().byKind.config).toBe(1);
  });

  it("assumes 15 s when the config endpoint is missing, and fails when Prometheus is down", async () => {
    const c = new PrometheusClient({ url: "http://p", fetch: fakeFetch(() => new Response("404 page not found", { status: 404 })).impl });
    expect(await c.scrapeInterval()).toBe(15);
    const down = new PrometheusClient({ url: `http://127.0.0.1:${await closedPort()}` });
    expect((await rejection(down.scrapeInterval())).code).toBe("Unavailable");
  });
});

describe("scrapeIntervalFromConfig", () => {
  it("reads global.scrape_interval, with Prometheus' 1m default", () => {
    expect(scrapeIntervalFromConfig("global:\n  scrape_interval: 15s\n")).toBe(15);
    expect(scrapeIntervalFromConfig("scrape_configs: []\n")).toBe(60);
    expect(scrapeIntervalFromConfig(": : :")).toBeNull();
    expect(scrapeIntervalFromConfig(null)).toBeNull();
  });
});

describe("getPrometheus", () => {
  it("is NotConfigured without MESHDECK_PROMETHEUS_URL", () => {
    expect(getPrometheus({})).toEqual({ state: "NotConfigured", message: "No Prometheus configured (set MESHDECK_PROMETHEUS_URL)" });
    expect(getPrometheus({ MESHDECK_PROMETHEUS_URL: "  " }).state).toBe("NotConfigured");
  });

  it("reuses one client per URL and honours the scrape interval override", async () => {
    const a = getPrometheus({ MESHDECK_PROMETHEUS_URL: "http://prom-a:9090" });
    const b = getPrometheus({ MESHDECK_PROMETHEUS_URL: "http://prom-a:9090" });
    expect(a.state === "Configured" && b.state === "Configured" && a.client === b.client).toBe(true);
    const o = getPrometheus({ MESHDECK_PROMETHEUS_URL: "http://prom-a:9090", MESHDECK_PROMETHEUS_SCRAPE_INTERVAL: "30s" });
    expect(o.state === "Configured" && (await o.client.scrapeInterval())).toBe(30);
  });

  it("refuses a URL that is not http(s) with a typed error", () => {
    expect(() => getPrometheus({ MESHDECK_PROMETHEUS_URL: "file:///etc/passwd" })).toThrow(AppError);
    expect(() => getPrometheus({ MESHDECK_PROMETHEUS_URL: "not a url" })).toThrow(/not a valid URL/);
  });
});
