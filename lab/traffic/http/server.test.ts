import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProbe, runProbe } from "../probe-client";
import { SHOP_CALLS, config, runtimeWith, shopObjects } from "../testing/shop-lab";
import { createServer } from "./server";

const runtime = runtimeWith(shopObjects(), config(`seed: 5\n${SHOP_CALLS}`));
let ready = false;
const server = createServer({ runtime, ready: () => ready, extraStatus: () => ({ test: true }) }, () => {});
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("HTTP endpoints", () => {
  it("reports health only after the first sync", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(503);
    expect((await fetch(`${base}/probe?host=x`)).status).toBe(503);
    ready = true;
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("probes through the simulator and counts the requests in /metrics", async () => {
    const r = await runProbe(base, { host: "shop.demo.local", port: 80, path: "/", n: 50, headers: ["end-user=alex"] });
    expect(r.n).toBe(50);
    expect(r.source).toBe("istio-system/istio-ingressgateway");
    expect(r.route).toBe("VirtualService demo-shop/shop");
    expect(r.headers).toEqual({ "end-user": "alex" });
    expect(r.destinations).toEqual([
      expect.objectContaining({ service: "front.demo-shop.svc.cluster.local", workload: "front-v1", version: "v1", outcome: "200", count: 50, share: 1 }),
    ]);
    expect(r.codes).toEqual({ "200": 50 });
    expect(r.latencyMs.p95).toBeGreaterThanOrEqual(r.latencyMs.p50);
    const table = formatProbe(r);
    expect(table).toContain("front.demo-shop");
    expect(table).toContain("100.0%");

    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
    const text = await res.text();
    expect(text).toMatch(/istio_requests_total\{reporter="destination",source_workload="istio-ingressgateway",.*destination_workload="front-v1".*\} 50\n/);
  });

  it("probes from a mesh workload and rejects bad queries", async () => {
    const r = await runProbe(base, { host: "reviews", port: 80, n: 10, from: "demo-shop/front-v1" });
    expect(r.host).toBe("reviews.demo-shop.svc.cluster.local");
    expect(r.destinations.map((d) => [d.workload, d.subset])).toEqual([["reviews-v1", "v1"]]);
    await expect(runProbe(base, { host: "x", from: "nowhere/nothing" })).rejects.toThrow(/no ready pod of workload/);
    expect((await fetch(`${base}/probe?host=x&n=0`)).status).toBe(400);
    expect((await fetch(`${base}/probe`)).status).toBe(400);
  });

  it("serves status and replaces the traffic model on POST /config", async () => {
    const bad = await fetch(`${base}/config`, { method: "POST", body: "flows: [{name: x, rps: 1}]" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/host/);
    const good = await fetch(`${base}/config`, {
      method: "POST",
      body: "flows:\n  - {name: bp, gateway: istio-ingressgateway, host: shop.demo.local, port: 80, path: /, rps: 7}\n",
    });
    expect(good.status).toBe(200);
    const status = (await (await fetch(`${base}/status`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ ready: true, test: true, totalRps: 7, calls: 0 });
    expect((status["flows"] as unknown[]).length).toBe(1);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
  });
});
