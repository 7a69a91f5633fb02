import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { call, promDelta, shareOf, useLabAdminKubeconfig, viewerToken, vsPath } from "./actions-client.js";
import { canaryRollout } from "./rollouts-objects.js";
import { eventually, kubeAs, uniqueNamespace } from "./test-lab.js";
import { probe, shares } from "./traffic-helpers.js";

/**
 * TLS and TCP route weights through the HTTP API (`…/tls/{route}/weights`,
 * `…/tcp/{route}/weights`), observed in the lab: the simulator's probe opens
 * TLS / TCP connections from a mesh workload, and Prometheus counts them in
 * istio_tcp_connections_opened_total.
 */
const ns = uniqueNamespace("actions-l4");
const admin = () => kubeAs("admin");
const NET = "networking.istio.io/v1";
const login = vsPath(ns, "login");
const db = vsPath(ns, "db");
const sni = `login.${ns}.svc.cluster.local`;
const tlsFrom = { from: "lab-clients/traffic-client", protocol: "tls" as const, sni, host: `login.${ns}`, port: 443 };
const tcpFrom = { from: "lab-clients/traffic-client", protocol: "tcp" as const, host: `db.${ns}`, port: 5432 };

const deployment = (app: string, version: string): KubeObject => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name: `${app}-${version}`, namespace: ns },
  spec: {
    replicas: 1,
    selector: { matchLabels: { app, version } },
    template: { metadata: { labels: { app, version } }, spec: { containers: [{ name: app, image: "nginx" }] } },
  },
});
const service = (name: string, selector: Record<string, string>, ports: [string, number][]): KubeObject => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: ns },
  spec: { selector, ports: ports.map(([portName, port]) => ({ name: portName, port })) },
});
const dest = (host: string, weight: number) => ({ destination: { host }, weight });

const objects: KubeObject[] = [
  deployment("login", "v1"),
  deployment("login", "v2"),
  service("login", { app: "login" }, [["tls", 443]]),
  service("login-stable", { app: "login", version: "v1" }, [["tls", 443]]),
  service("login-canary", { app: "login", version: "v2" }, [["tls", 443]]),
  {
    apiVersion: NET,
    kind: "VirtualService",
    metadata: { name: "login", namespace: ns },
    spec: {
      hosts: ["login"],
      tls: [
        { match: [{ port: 443, sniHosts: [`other.${ns}.svc.cluster.local`] }], route: [{ destination: { host: "login-stable" } }] },
        { match: [{ port: 443, sniHosts: [sni] }], route: [dest("login-stable", 100), dest("login-canary", 0)] },
      ],
    },
  },
  deployment("db", "v1"),
  deployment("db", "v2"),
  service("db", { app: "db" }, [["tcp", 5432]]),
  service("db-v1", { app: "db", version: "v1" }, [["tcp", 5432]]),
  service("db-v2", { app: "db", version: "v2" }, [["tcp", 5432]]),
  { apiVersion: NET, kind: "VirtualService", metadata: { name: "db", namespace: ns }, spec: { hosts: ["db"], tcp: [{ match: [{ port: 5432 }], route: [dest("db-v1", 100), dest("db-v2", 0)] }] } },
  // Argo's TLS / TCP canary: Rollout "web" writes tls route #1 and tcp route #1 of VirtualService "web".
  service("web-stable", { app: "web" }, [["tls", 443], ["tcp", 5000]]),
  service("web-canary", { app: "web" }, [["tls", 443], ["tcp", 5000]]),
  {
    apiVersion: NET,
    kind: "VirtualService",
    metadata: { name: "web", namespace: ns },
    spec: {
      hosts: ["web-stable"],
      tls: [{ match: [{ port: 443, sniHosts: ["web-stable"] }], route: [dest("web-stable", 100), dest("web-canary", 0)] }],
      tcp: [{ match: [{ port: 5000 }], route: [dest("web-stable", 100), dest("web-canary", 0)] }],
    },
  },
  canaryRollout(ns, {
    canaryService: "web-canary",
    stableService: "web-stable",
    trafficRouting: { istio: { virtualService: { name: "web", tlsRoutes: [{ port: 443, sniHosts: ["web-stable"] }], tcpRoutes: [{ port: 5000 }] } } },
  }),
];

const rvOf = async (name: string) => (await admin().get<{ metadata: { resourceVersion: string } }>(NET, "VirtualService", ns, name)).metadata.resourceVersion;
const byService = (r: Awaited<ReturnType<typeof probe>>) => shares(r, (d) => d.serviceName || d.outcome);
const split = (a: string, wa: number, b: string, wb: number) => ({ weights: [{ host: a, weight: wa }, { host: b, weight: wb }] });

beforeAll(async () => {
  useLabAdminKubeconfig();
  await applyObjects(admin(), objects, { namespace: ns, namespaceLabels: { "istio-injection": "enabled" } });
  await eventually("tls and tcp routable", async () => (await probe({ ...tlsFrom, n: 20 })).destinations[0]?.outcome === "connected" && (await probe({ ...tcpFrom, n: 20 })).destinations[0]?.outcome === "connected", 60_000, 500);
}, 120_000);
afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

describe("TLS route weights", () => {
  it("TLS 90/10 set through the API: observed in the probe and in Prometheus' istio_tcp_connections_opened_total; the other tls route untouched", async () => {
    expect(byService(await probe({ ...tlsFrom, n: 200 }))).toEqual({ "login-stable": 1 });
    const before = await rvOf("login");
    const set = await call("PUT", `${login}/tls/1/weights`, { body: { ...split("login-stable", 90, "login-canary", 10), resourceVersion: before } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.object.spec.tls[1].route.map((r: { weight: number }) => r.weight)).toEqual([90, 10]);
    expect(set.body.object.spec.tls[0]).toEqual({ match: [{ port: 443, sniHosts: [`other.${ns}.svc.cluster.local`] }], route: [{ destination: { host: "login-stable" } }] });
    expect(set.body.object.spec.tls[1].match).toEqual([{ port: 443, sniHosts: [sni] }]);

    await eventually("90/10 in effect", async () => (byService(await probe({ ...tlsFrom, n: 400 }))["login-canary"] ?? 0) > 0.05 || undefined, 20_000, 250);
    const observed = byService(await probe({ ...tlsFrom, n: 4000 }));
    expect(observed["login-canary"]).toBeGreaterThan(0.08);
    expect(observed["login-canary"]).toBeLessThan(0.12);

    const selector = `reporter="source",destination_service_namespace="${ns}",source_workload="traffic-client"`;
    const counted = await promDelta(selector, "destination_service_name", () => probe({ ...tlsFrom, n: 4000 }), 4000, "istio_tcp_connections_opened_total");
    expect(shareOf(counted, "login-canary", ["login-stable", "login-canary"])).toBeGreaterThan(0.08);
    expect(shareOf(counted, "login-canary", ["login-stable", "login-canary"])).toBeLessThan(0.12);

    const history = await call("GET", `${login}/history`);
    expect(history.body.lastChange).toMatchObject({ action: "set-weights", summary: expect.stringContaining("tls route #2") });
    const undo = await call("POST", `${login}/undo`);
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    await eventually("undone", async () => byService(await probe({ ...tlsFrom, n: 400 }))["login-stable"] === 1 || undefined, 20_000, 250);
  });
});

describe("TCP route weights", () => {
  it("TCP 70/30 by index (`tcp:0`) observed in the probe and in istio_tcp_received_bytes_total", async () => {
    const set = await call("PUT", `${db}/tcp/tcp:0/weights`, { body: { ...split("db-v1", 70, "db-v2", 30), resourceVersion: await rvOf("db") } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    await eventually("70/30 in effect", async () => (byService(await probe({ ...tcpFrom, n: 400 }))["db-v2"] ?? 0) > 0.2 || undefined, 20_000, 250);
    const observed = byService(await probe({ ...tcpFrom, n: 4000 }));
    expect(observed["db-v2"]).toBeGreaterThan(0.27);
    expect(observed["db-v2"]).toBeLessThan(0.33);
    const selector = `reporter="destination",destination_service_namespace="${ns}",source_workload="traffic-client"`;
    const bytes = await promDelta(selector, "destination_service_name", () => probe({ ...tcpFrom, n: 1000 }), 1000 * 512, "istio_tcp_received_bytes_total");
    expect(shareOf(bytes, "db-v2", ["db-v1", "db-v2"])).toBeGreaterThan(0.24);
    expect(shareOf(bytes, "db-v2", ["db-v1", "db-v2"])).toBeLessThan(0.36);
  });
});

describe("errors of the new endpoints", () => {
  const endpoints: ["tls" | "tcp", string, () => string, ReturnType<typeof split>][] = [
    ["tls", login, () => "1", split("login-stable", 50, "login-canary", 50)],
    ["tcp", db, () => "0", split("db-v1", 50, "db-v2", 50)],
  ];

  it.each(endpoints)("PUT …/%s/{route}/weights: 409 with the fresh object on a stale resourceVersion", async (section, path, route, body) => {
    const r = await call("PUT", `${path}/${section}/${route()}/weights`, { body: { ...body, resourceVersion: "1" } });
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.current.metadata.resourceVersion).toBe(await rvOf(section === "tls" ? "login" : "db"));
  });

  it.each(["tls", "tcp"] as const)("PUT …/%s/0/weights: 423 on the route an Argo Rollout writes, nothing changes", async (section) => {
    const before = await rvOf("web");
    const r = await call("PUT", `${vsPath(ns, "web")}/${section}/0/weights`, { body: { ...split("web-stable", 50, "web-canary", 50), resourceVersion: before } });
    expect(r.status, JSON.stringify(r.body)).toBe(423);
    expect(r.body.owner).toMatchObject({ controller: "argo-rollouts", namespace: ns, name: "web" });
    expect(await rvOf("web")).toBe(before);
  });

  it.each(endpoints)("PUT …/%s/{route}/weights: 403 naming the verb and resource for a viewer", async (section, path, route, body) => {
    const r = await call("PUT", `${path}/${section}/${route()}/weights`, { body: { ...body, resourceVersion: await rvOf(section === "tls" ? "login" : "db") }, bearer: viewerToken() });
    expect(r.status, JSON.stringify(r.body)).toBe(403);
    expect(r.body.error).toMatchObject({ code: "Forbidden", verb: "patch", resource: "virtualservices.networking.istio.io", namespace: ns });
  });

  it.each(endpoints)("PUT …/%s/{route}/weights: 422 for weights not summing to 100, unknown destinations, names; 404 past the end; 428 without a resourceVersion", async (section, path, route, body) => {
    const name = section === "tls" ? "login" : "db";
    const before = await rvOf(name);
    const [a, b] = body.weights;
    const cases: [string, unknown, number][] = [
      [route(), { weights: [{ ...a, weight: 60 }, { ...b, weight: 60 }], resourceVersion: before }, 422],
      [route(), { weights: [{ host: "nowhere", weight: 100 }], allowRemove: true, resourceVersion: before }, 422],
      [route(), { ...body, extra: true, resourceVersion: before }, 422],
      ["primary", { ...body, resourceVersion: before }, 422],
      ["7", { ...body, resourceVersion: before }, 404],
      [route(), body, 428],
    ];
    for (const [where, payload, status] of cases) {
      const r = await call("PUT", `${path}/${section}/${where}/weights`, { body: payload });
      expect(r.status, `${where} ${JSON.stringify(payload)}: ${JSON.stringify(r.body)}`).toBe(status);
    }
    expect(await rvOf(name)).toBe(before);
  });
});
