import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { call, vsPath } from "./actions-client.js";
import { applyHealthyRollout, endRolloutsTest } from "./rollouts-lab.js";
import { canaryRollout, ROLLOUT_API as RO, setWebImage } from "./rollouts-objects.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { trafficViewSchema, type TrafficView } from "@/lib/api/traffic";
import { rolloutDetailSchema, type RolloutDetail } from "@/lib/api/rollouts";

// Which routes of a VirtualService Argo Rollouts writes (HTTP, TLS, TCP), and
// who owns a VirtualService/DestinationRule, against the real controller: the
// display (/api/traffic, the Rollout detail) and the write lock (423) agree
// with what the controller actually rewrites.

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
process.env.MESHDECK_PROMETHEUS_URL = lab.prometheus?.url ?? "";
const trafficRoute = await import("@/app/api/traffic/route");
const detailRoute = await import("@/app/api/rollouts/[namespace]/[name]/route");

const admin = kubeAs("admin");
const VS = "networking.istio.io/v1";
const SNI = "web.example.com";

interface Dest {
  destination: { host: string; subset?: string };
  weight?: number;
}
interface VsSpec {
  http?: { name?: string; route: Dest[] }[];
  tls?: { match: unknown[]; route: Dest[] }[];
  tcp?: { match: unknown[]; route: Dest[] }[];
}

const split = (stable: number, host = "web") => [
  { destination: { host: `${host}-stable` }, weight: stable },
  { destination: { host: `${host}-canary` }, weight: 100 - stable },
];
const subsetSplit = (stable: number) => [
  { destination: { host: "web", subset: "stable" }, weight: stable },
  { destination: { host: "web", subset: "canary" }, weight: 100 - stable },
];
const tlsRoute = () => ({ match: [{ port: 443, sniHosts: [SNI] }], route: split(100) });
const tcpRoute = (port: number) => ({ match: [{ port }], route: split(100) });

function world(ns: string, spec: VsSpec, istio: Record<string, unknown>): KubeObject[] {
  const svc = (name: string): KubeObject => ({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name, namespace: ns },
    spec: { selector: { app: "web" }, ports: [{ name: "tls", port: 443 }, { name: "tcp", port: 5000 }, { name: "http", port: 80 }] },
  });
  return [
    svc("web-stable"),
    svc("web-canary"),
    { apiVersion: VS, kind: "VirtualService", metadata: { name: "web", namespace: ns }, spec: { hosts: ["web"], ...spec } },
    canaryRollout(ns, { canaryService: "web-canary", stableService: "web-stable", trafficRouting: { istio } }),
  ];
}

/** Subset-level canary: VirtualService "web" (route "primary" over subsets stable/canary) and DestinationRule "web". */
function subsetWorld(ns: string): KubeObject[] {
  const [svc, , vs, rollout] = world(ns, { http: [{ name: "primary", route: subsetSplit(100) }] }, { virtualService: { name: "web", routes: ["primary"] }, destinationRule: { name: "web", canarySubsetName: "canary", stableSubsetName: "stable" } });
  const canary = (rollout as unknown as { spec: { strategy: { canary: Record<string, unknown> } } }).spec.strategy.canary;
  delete canary.canaryService;
  delete canary.stableService;
  const dr: KubeObject = { apiVersion: VS, kind: "DestinationRule", metadata: { name: "web", namespace: ns }, spec: { host: "web", subsets: [{ name: "stable", labels: { app: "web" } }, { name: "canary", labels: { app: "web" } }] } };
  return [{ ...svc, metadata: { name: "web", namespace: ns } } as KubeObject, vs as KubeObject, dr, rollout as KubeObject];
}

async function vsOf(ns: string): Promise<VsSpec> {
  return (await admin.get<{ spec: VsSpec }>(VS, "VirtualService", ns, "web")).spec;
}

const canaryWeight = (route: { route: Dest[] } | undefined) => route?.route.find((d) => d.destination.host === "web-canary")?.weight ?? 0;

/** Updates the image and waits until the controller has set the 20 % step in the VirtualService. */
async function startCanary(ns: string, routes: (spec: VsSpec) => ({ route: Dest[] } | undefined)[]): Promise<void> {
  await setWebImage(ns, "web:2");
  await eventually(`${ns}: Argo set 20 % in the routes it writes`, async () => routes(await vsOf(ns)).every((r) => canaryWeight(r) === 20), 120_000);
}

async function traffic(ns: string, until: (v: TrafficView) => boolean): Promise<TrafficView> {
  return eventually(`/api/traffic?namespace=${ns}`, async () => {
    const res = await trafficRoute.GET(new NextRequest(`http://meshdeck.test/api/traffic?namespace=${ns}`));
    if (res.status !== 200) return false;
    const view = trafficViewSchema.parse(await res.json());
    return until(view) ? view : false;
  });
}

async function detail(ns: string): Promise<RolloutDetail> {
  const res = await detailRoute.GET(new Request(`http://meshdeck.test/api/rollouts/${ns}/web`), { params: Promise.resolve({ namespace: ns, name: "web" }) });
  expect(res.status, await res.clone().text()).toBe(200);
  return rolloutDetailSchema.parse(await res.json());
}

const vsIn = (view: TrafficView) => view.virtualServices.find((v) => v.name === "web");
const weightsBody = (stable: number) => ({ weights: [{ host: "web-stable", weight: stable }, { host: "web-canary", weight: 100 - stable }] });

/** Two VirtualServices for one Rollout: "web" (its route "primary" named) and "web-edge" (its only, unnamed, route). */
function twoVsWorld(ns: string): KubeObject[] {
  const objects = world(ns, { http: [{ name: "primary", route: split(100) }] }, { virtualServices: [{ name: "web", routes: ["primary"] }, { name: "web-edge" }] });
  const edge: KubeObject = { apiVersion: VS, kind: "VirtualService", metadata: { name: "web-edge", namespace: ns }, spec: { hosts: ["web.example.com"], http: [{ route: split(100) }] } };
  return [...objects.slice(0, 3), edge, ...objects.slice(3)];
}

const ns = { tls: uniqueNamespace("ro-tls"), httpTls: uniqueNamespace("ro-http-tls"), tcp: uniqueNamespace("ro-tcp"), released: uniqueNamespace("ro-released"), twoVs: uniqueNamespace("ro-two-vs") };

beforeAll(async () => {
  await Promise.all([
    applyHealthyRollout(ns.tls, world(ns.tls, { tls: [tlsRoute()] }, { virtualService: { name: "web", tlsRoutes: [{ port: 443, sniHosts: [SNI] }] } }), "web"),
    applyHealthyRollout(ns.httpTls, world(ns.httpTls, { http: [{ name: "primary", route: split(100) }], tls: [tlsRoute()] }, { virtualService: { name: "web", routes: ["primary"] } }), "web"),
    applyHealthyRollout(ns.tcp, world(ns.tcp, { http: [{ route: split(100) }], tcp: [tcpRoute(4000), tcpRoute(5000)] }, { virtualService: { name: "web", tcpRoutes: [{ port: 5000 }] } }), "web"),
    applyHealthyRollout(ns.released, subsetWorld(ns.released), "web"),
    applyHealthyRollout(ns.twoVs, twoVsWorld(ns.twoVs), "web"),
  ]);
}, 300_000);
afterAll(() => endRolloutsTest(Object.values(ns)));

describe("a TLS-only VirtualService (tlsRoutes by port and SNI)", () => {
  it("Argo writes its TLS route; /api/traffic and the Rollout detail show it as managed, with its weights", async () => {
    await startCanary(ns.tls, (s) => [s.tls?.[0]]);
    const view = await traffic(ns.tls, (v) => vsIn(v)?.tls[0]?.destinations[1]?.weight === 20);
    const vs = vsIn(view);
    expect(vs?.http).toEqual([]);
    expect(vs?.tls[0]?.managedBy).toEqual({ kind: "argo-rollouts", name: "web" });
    expect(vs?.owner).toMatchObject({ kind: "argo-rollouts", name: "web", weightsLocked: true });
    const managed = (await detail(ns.tls)).managed.find((m) => m.kind === "VirtualService");
    expect(managed?.routingError).toBeNull();
    expect(managed?.routes).toEqual([{ section: "tls", index: 0, name: "tls[0]", destinations: [{ host: "web-stable", subset: null, weight: 80 }, { host: "web-canary", subset: null, weight: 20 }] }]);
    expect(managed?.lockReason).toContain(`the TLS routes matching port 443 SNI ${SNI}`);
  }, 180_000);
});

describe("an HTTP + TLS VirtualService, the Rollout naming its HTTP route only", () => {
  it("Argo also writes the only TLS route; both are managed and the HTTP route is locked", async () => {
    await startCanary(ns.httpTls, (s) => [s.http?.[0], s.tls?.[0]]);
    const view = await traffic(ns.httpTls, (v) => vsIn(v)?.tls[0]?.destinations[1]?.weight === 20);
    expect(vsIn(view)?.http[0]?.managedBy?.name).toBe("web");
    expect(vsIn(view)?.tls[0]?.managedBy?.name).toBe("web");
    const sections = (await detail(ns.httpTls)).managed.find((m) => m.kind === "VirtualService")?.routes.map((r) => `${r.section}:${r.name}`);
    expect(sections).toEqual(["http:primary", "tls:tls[0]"]);
    const r = await call("PUT", `${vsPath(ns.httpTls, "web")}/http/primary/weights`, { body: weightsBody(50) });
    expect(r.status, JSON.stringify(r.body)).toBe(423);
  }, 180_000);
});

describe("TCP routes selected by port, and the HTTP route Argo writes without being told", () => {
  it("the TCP route on port 5000 and the only HTTP route are managed and locked (423); the other TCP route is not", async () => {
    await startCanary(ns.tcp, (s) => [s.http?.[0], s.tcp?.[1]]);
    expect(canaryWeight((await vsOf(ns.tcp)).tcp?.[0])).toBe(0);
    const view = await traffic(ns.tcp, (v) => vsIn(v)?.tcp[1]?.destinations[1]?.weight === 20);
    const vs = vsIn(view);
    expect([vs?.http[0]?.managedBy?.name, vs?.tcp[0]?.managedBy, vs?.tcp[1]?.managedBy?.name]).toEqual(["web", null, "web"]);
    const resourceVersion = vs?.resourceVersion ?? "";
    const http0 = await call("PUT", `${vsPath(ns.tcp, "web")}/http/0/weights?resourceVersion=${resourceVersion}`, { body: weightsBody(50) });
    expect(http0.status, JSON.stringify(http0.body)).toBe(423);
    expect(http0.body.error.message).toMatch(/http route #1.*Argo Rollout/);
    const tcp1 = await call("PUT", `${vsPath(ns.tcp, "web")}/http/tcp:1/weights?resourceVersion=${resourceVersion}`, { body: weightsBody(50) });
    expect(tcp1.status, JSON.stringify(tcp1.body)).toBe(423);
    const tcp0 = await call("PUT", `${vsPath(ns.tcp, "web")}/http/tcp:0/weights?dryRun=true&resourceVersion=${resourceVersion}`, { body: weightsBody(50) });
    expect(tcp0.status, JSON.stringify(tcp0.body)).toBe(200);
  }, 180_000);
});

describe("two VirtualServices named by one Rollout", () => {
  it("Argo writes both; both are managed, shown with their weights, and locked (423)", async () => {
    await setWebImage(ns.twoVs, "web:2");
    const edgeOf = async () => (await admin.get<{ spec: VsSpec }>(VS, "VirtualService", ns.twoVs, "web-edge")).spec;
    await eventually("Argo set 20 % in both VirtualServices", async () => canaryWeight((await vsOf(ns.twoVs)).http?.[0]) === 20 && canaryWeight((await edgeOf()).http?.[0]) === 20, 120_000);
    const view = await traffic(ns.twoVs, (v) => v.virtualServices.every((x) => x.http[0]?.destinations[1]?.weight === 20));
    const byName = Object.fromEntries(view.virtualServices.map((v) => [v.name, v]));
    expect([byName.web?.http[0]?.managedBy?.name, byName["web-edge"]?.http[0]?.managedBy?.name]).toEqual(["web", "web"]);
    const managed = (await detail(ns.twoVs)).managed.filter((m) => m.kind === "VirtualService");
    expect(managed.map((m) => [m.name, m.routes.map((r) => `${r.section}:${r.name}`), m.routes.map((r) => r.destinations.map((d) => d.weight))])).toEqual([
      ["web", ["http:primary"], [[80, 20]]],
      ["web-edge", ["http:http[0]"], [[80, 20]]],
    ]);
    for (const [vs, route] of [["web", "primary"], ["web-edge", "0"]] as const) {
      const r = await call("PUT", `${vsPath(ns.twoVs, vs)}/http/${route}/weights`, { body: weightsBody(50) });
      expect(r.status, `${vs}: ${JSON.stringify(r.body)}`).toBe(423);
    }
  }, 180_000);
});

describe("ownership ends with the reference", () => {
  const subsetBody = (stable: number) => ({ weights: subsetSplit(stable).map((d) => ({ ...d.destination, weight: d.weight })) });
  const drAnnotation = async () =>
    (await admin.get<{ metadata: { annotations?: Record<string, string> } }>(VS, "DestinationRule", ns.released, "web")).metadata.annotations?.["argo-rollouts.argoproj.io/managed-by-rollouts"];

  it("after trafficRouting is removed, the VirtualService and DestinationRule show no owner and the weights write is accepted", async () => {
    await eventually("Argo marked the DestinationRule as its own", async () => (await drAnnotation()) === "web");
    const before = await traffic(ns.released, (v) => vsIn(v)?.owner.kind === "argo-rollouts" && v.destinationRules[0]?.owner.kind === "argo-rollouts");
    expect(vsIn(before)?.http[0]?.managedBy?.name).toBe("web");
    const locked = await call("PUT", `${vsPath(ns.released, "web")}/http/primary/weights`, { body: subsetBody(90) });
    expect(locked.status, JSON.stringify(locked.body)).toBe(423);

    await admin.raw("PATCH", `/apis/${RO}/namespaces/${ns.released}/rollouts/web`, [{ op: "remove", path: "/spec/strategy/canary/trafficRouting" }], "application/json-patch+json");
    // Argo cleans what it injected once no Rollout references the DestinationRule.
    await eventually("Argo removed its annotation from the DestinationRule", async () => (await drAnnotation()) === undefined);
    const managers = (await admin.get<{ metadata: { managedFields?: { manager?: string }[] } }>(VS, "DestinationRule", ns.released, "web")).metadata.managedFields?.map((f) => f.manager);
    // The controller wrote it: it stays a field manager, yet it is no owner.
    expect(managers).toContain("rollouts-controller");
    const after = await traffic(ns.released, (v) => vsIn(v)?.owner.kind === "manual" && v.destinationRules[0]?.owner.kind === "manual");
    expect(vsIn(after)?.owner.weightsLocked).toBe(false);
    expect(vsIn(after)?.http[0]?.managedBy).toBeNull();
    const accepted = await call("PUT", `${vsPath(ns.released, "web")}/http/primary/weights`, { body: subsetBody(90) });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect((await vsOf(ns.released)).http?.[0]?.route.find((d) => d.destination.subset === "canary")?.weight).toBe(10);
  }, 180_000);
});
