import { describe, expect, it } from "vitest";
import { renderMetrics } from "../metrics/exposition";
import type { TrafficRuntime } from "../runtime";
import { config, runtimeWith } from "../testing/shop-lab";
import { runProbe } from "./probe";

const NS = "edge";
const deployment = (name: string, version: string) => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: `${name}-${version}`, namespace: NS },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app: name, version } },
    template: { metadata: { labels: { app: name, version }, annotations: { "meshdeck.dev/response-bytes": "2000" } }, spec: { containers: [{ name }] } },
  },
});
const service = (name: string, selector: Record<string, string>, port: number) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: NS },
  spec: { selector, ports: [{ name: "tcp", port }] },
});

/** Argo's TLS canary shape: a tls route per SNI host splitting between two Services; a tcp route per port. */
function lab(tls: [number, number], tcp: [number, number]): TrafficRuntime {
  const objects = [
    deployment("login", "v1"),
    deployment("login", "v2"),
    service("login", { app: "login" }, 443),
    service("login-stable", { app: "login", version: "v1" }, 443),
    service("login-canary", { app: "login", version: "v2" }, 443),
    deployment("db", "v1"),
    deployment("db", "v2"),
    service("db", { app: "db" }, 5432),
    service("db-v1", { app: "db", version: "v1" }, 5432),
    service("db-v2", { app: "db", version: "v2" }, 5432),
    {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "login", namespace: NS },
      spec: {
        hosts: ["login"],
        tls: [
          { match: [{ port: 443, sniHosts: ["other.example.com"] }], route: [{ destination: { host: "login-stable" } }] },
          { match: [{ port: 443, sniHosts: ["login.edge.svc.cluster.local"] }], route: [{ destination: { host: "login-stable" }, weight: tls[0] }, { destination: { host: "login-canary" }, weight: tls[1] }] },
        ],
      },
    },
    {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "db", namespace: NS },
      spec: { hosts: ["db"], tcp: [{ match: [{ port: 5432 }], route: [{ destination: { host: "db-v1" }, weight: tcp[0] }, { destination: { host: "db-v2" }, weight: tcp[1] }] }] },
    },
  ];
  return runtimeWith(objects, config("seed: 5\nrequestBytes: 300\n"));
}

const from = "lab-clients/traffic-client";
const shareOf = (r: ReturnType<typeof runProbe>, workload: string) => r.destinations.filter((d) => d.workload === workload).reduce((s, d) => s + d.share, 0);

function tcpSamples(rt: TrafficRuntime, metric: string, want: Record<string, string>): number {
  const text = Buffer.concat(renderMetrics(rt.metrics).chunks).toString("utf8");
  const needles = Object.entries(want).map(([k, v]) => `${k}="${v}"`);
  return text
    .split("\n")
    .filter((line) => line.startsWith(`${metric}{`) && needles.every((x) => line.includes(x)))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}

describe("TLS and TCP connections", () => {
  it("TLS: the route whose sniHosts cover the SNI splits 90/10 by weight; another SNI takes its own route", () => {
    const rt = lab([90, 10], [100, 0]);
    const r = runProbe(rt.simulator, { protocol: "tls", sni: "login.edge.svc.cluster.local", host: "login.edge", port: 443, path: "/", method: "GET", headers: {}, n: 4000, from });
    expect(r.protocol).toBe("tls");
    expect(shareOf(r, "login-v1")).toBeGreaterThan(0.87);
    expect(shareOf(r, "login-v2")).toBeGreaterThan(0.07);
    expect(r.flags).toEqual({ "-": 4000 });
    const other = runProbe(rt.simulator, { protocol: "tls", sni: "other.example.com", host: "login.edge", port: 443, path: "/", method: "GET", headers: {}, n: 200, from });
    expect(shareOf(other, "login-v1")).toBe(1);
    const none = runProbe(rt.simulator, { protocol: "tls", sni: "nobody.example.com", host: "login.edge", port: 443, path: "/", method: "GET", headers: {}, n: 10, from });
    expect(none.destinations.map((d) => d.outcome)).toEqual(["NR"]);
  });

  it("TCP: port matches and weights; istio_tcp_* counted by both sidecars with Istio's labels", () => {
    const rt = lab([100, 0], [70, 30]);
    const r = runProbe(rt.simulator, { protocol: "tcp", host: "db.edge", port: 5432, path: "/", method: "GET", headers: {}, n: 2000, from });
    expect(shareOf(r, "db-v2")).toBeGreaterThan(0.25);
    expect(shareOf(r, "db-v2")).toBeLessThan(0.35);
    expect(r.destinations.every((d) => d.outcome === "connected")).toBe(true);
    const base = { source_workload: "traffic-client", destination_service_namespace: "edge", request_protocol: "tcp", response_flags: "-" };
    expect(tcpSamples(rt, "istio_tcp_connections_opened_total", { ...base, reporter: "source" })).toBe(2000);
    expect(tcpSamples(rt, "istio_tcp_connections_closed_total", { ...base, reporter: "destination", connection_security_policy: "mutual_tls" })).toBe(2000);
    const v2 = tcpSamples(rt, "istio_tcp_connections_opened_total", { ...base, reporter: "destination", destination_workload: "db-v2" });
    expect(v2).toBe(Math.round(shareOf(r, "db-v2") * 2000));
    expect(tcpSamples(rt, "istio_tcp_received_bytes_total", { ...base, reporter: "source" })).toBe(2000 * 300);
    expect(tcpSamples(rt, "istio_tcp_sent_bytes_total", { ...base, reporter: "source" })).toBe(2000 * 2000);
  });

  it("a TLS flow in the traffic model sends connections every tick", () => {
    const rt = lab([50, 50], [100, 0]);
    rt.setConfig(config(`seed: 3\nflows:\n  - name: login-tls\n    from: ${from}\n    protocol: tls\n    sni: login.edge.svc.cluster.local\n    host: login.edge\n    port: 443\n    rps: 100\n`));
    rt.simulator.advance(10);
    const opened = tcpSamples(rt, "istio_tcp_connections_opened_total", { reporter: "source", destination_service_name: "login-canary" });
    expect(opened).toBeGreaterThan(350);
    expect(opened).toBeLessThan(650);
  });

  it("refuses tcp/tls flows from a gateway and sni on a non-tls flow", () => {
    expect(() => config("flows:\n  - { name: x, gateway: istio-ingressgateway, protocol: tcp, host: db, rps: 1 }\n")).toThrow(/mesh workload/);
    expect(() => config("flows:\n  - { name: x, from: a/b, protocol: tcp, sni: db, host: db, rps: 1 }\n")).toThrow(/sni/);
  });
});
