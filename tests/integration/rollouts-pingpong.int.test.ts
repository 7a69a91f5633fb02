import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyObjects, parseManifests } from "../../lab/core/manifests.js";
import { rolloutTrafficSchema, type RolloutDetail, type RolloutTraffic } from "@/lib/api/rollouts";
import { checkpoint, live, until, type Live } from "./rollouts-capture-support.js";
import { endRolloutsTest, rolloutAction, rolloutDetailOf, setRolloutImage } from "./rollouts-lab.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { probeLoop } from "./traffic-helpers.js";

// A ping-pong Rollout (canary.pingPong with Istio host-level routing) through
// two updates against the real Argo Rollouts controller. At each stage
// Meshdeck's API (GET /api/rollouts/{ns}/{name} and …/traffic) must agree with
// the API server: which Service is stable now (status.canary.stablePingPong),
// the roles of the weighed Services, the selectors Argo wrote into ping and
// pong, the VirtualService weights, and the live traffic split by ping/pong.
// The phases are recorded as fixtures (lib/rollouts/fixtures/pingpong-*.json).

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
process.env.MESHDECK_PROMETHEUS_URL = lab.prometheus?.url ?? "";
const traffic = await import("@/app/api/rollouts/[namespace]/[name]/traffic/route");

const admin = kubeAs("admin");
const ns = uniqueNamespace("ro-pingpong");
const NAME = "web";
const PING = "web-ping";
const PONG = "web-pong";
const IMAGE = (v: string) => `ghcr.io/meshdeck-demo/web:${v}`;
const HASH = "rollouts-pod-template-hash";

const manifest = parseManifests(`
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: ${PING}}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: ${PONG}}
spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: web}
spec:
  hosts: [web]
  http:
  - name: primary
    route:
    - destination: {host: ${PING}}
      weight: 100
    - destination: {host: ${PONG}}
      weight: 0
---
apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata: {name: ${NAME}}
spec:
  replicas: 2
  revisionHistoryLimit: 3
  selector: {matchLabels: {app: web}}
  strategy:
    canary:
      pingPong: {pingService: ${PING}, pongService: ${PONG}}
      trafficRouting:
        istio:
          virtualService: {name: web, routes: [primary]}
      steps:
      - setWeight: 20
      - pause: {}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: web
        image: ${IMAGE("1")}
        ports: [{name: http, containerPort: 8080}]
`);

interface Vs {
  spec: { http: { name?: string; route: { destination: { host: string }; weight?: number }[] }[] };
}

async function selectorOf(service: string): Promise<string | undefined> {
  const svc = await admin.get<{ spec: { selector?: Record<string, string> } }>("v1", "Service", ns, service);
  return svc.spec.selector?.[HASH];
}

async function vsWeights(): Promise<Record<string, number>> {
  const vs = await admin.get<Vs>("networking.istio.io/v1", "VirtualService", ns, "web");
  const route = vs.spec.http.find((h) => h.name === "primary")?.route ?? [];
  return Object.fromEntries(route.map((r) => [r.destination.host, r.weight ?? 0]));
}

/** The side Argo says is stable (status.canary.stablePingPong; pong until set) and its Services. */
function sides(l: Live): { stable: "ping" | "pong"; stableService: string; canaryService: string } {
  const stable = l.rollout.status?.canary?.stablePingPong === "ping" ? "ping" : "pong";
  return stable === "ping" ? { stable, stableService: PING, canaryService: PONG } : { stable, stableService: PONG, canaryService: PING };
}

/**
 * Meshdeck's detail against the API server: stable side, roles, ping and pong
 * listed as managed Services with the selectors Argo wrote, and the VirtualService
 * weights (stable `stableWeight`, canary the rest). Compared until both agree
 * (Meshdeck reads through its watch cache; Argo writes the objects one by one).
 */
async function compareDetail(stableWeight: number): Promise<RolloutDetail> {
  const l = await live(ns, NAME);
  const s = sides(l);
  const d = await rolloutDetailOf(ns, NAME);
  expect(d.rollout.stableHash).toBe(l.rollout.status?.stableRS);
  expect(d.rollout.currentHash).toBe(l.rollout.status?.currentPodHash);
  expect(d.rollout.trafficRouting).toMatchObject({ kind: "istio-host", stableService: s.stableService, canaryService: s.canaryService });
  expect(d.rollout.trafficRouting?.pingPong).toEqual({ pingService: PING, pongService: PONG, reported: !!l.rollout.status?.canary?.stablePingPong, ...s });
  const services = d.managed.filter((m) => m.kind === "Service");
  expect(services.map((m) => m.name)).toEqual([PING, PONG]);
  for (const m of services) {
    expect(m.found).toBe(true);
    expect(m.selector?.[HASH]).toBe(await selectorOf(m.name));
    expect(m.lockReason).toContain(`the ${m.name === PING ? "ping" : "pong"} side`);
    expect(m.lockReason).toContain(`(${m.name === s.stableService ? "stable" : "canary"} now)`);
  }
  // The stable side selects the stable ReplicaSet.
  expect(await selectorOf(s.stableService)).toBe(l.rollout.status?.stableRS);
  const weights = await vsWeights();
  expect(weights).toEqual({ [s.stableService]: stableWeight, [s.canaryService]: 100 - stableWeight });
  const route = d.managed.find((m) => m.kind === "VirtualService")?.routes[0];
  expect(Object.fromEntries((route?.destinations ?? []).map((x) => [x.host, x.weight]))).toEqual(weights);
  return d;
}

const expectDetailMatches = (stableWeight: number) => eventually(`the detail agrees with the API server (stable ${stableWeight} %)`, () => compareDetail(stableWeight), 60_000, 500);

async function getTraffic(): Promise<RolloutTraffic> {
  const res = await traffic.GET(new Request(`http://meshdeck.test/api/rollouts/${ns}/${NAME}/traffic?window=1m`), { params: Promise.resolve({ namespace: ns, name: NAME }) });
  expect(res.status, await res.clone().text()).toBe(200);
  return rolloutTrafficSchema.parse(await res.json());
}

/** The live traffic view splits by the ping and pong Services, stable first, with their roles now. */
async function expectTrafficSplit(l: Live): Promise<RolloutTraffic> {
  const s = sides(l);
  const t = await getTraffic();
  expect(t.splitBy).toBe("service");
  expect(t.services).toEqual([s.stableService, s.canaryService]);
  expect(t.versions.slice(0, 2)).toEqual([
    { key: s.stableService, role: "stable", label: `stable · ${s.stable} (${s.stableService})` },
    { key: s.canaryService, role: "canary", label: `canary · ${s.stable === "ping" ? "pong" : "ping"} (${s.canaryService})` },
  ]);
  return t;
}

const healthyOn = (image: string) => (v: Live["view"], l: Live) =>
  v.phase === "Healthy" && !!v.stableHash && v.stableHash === v.currentHash && v.images.stable[0] === image && l.rollout.status?.canary?.weights?.stable?.weight === 100;
const pausedAt20 = (v: Live["view"]) => v.phase === "Paused" && v.step?.index === 1 && v.actualWeight === 20;

let loop: { stop: () => Promise<void> } | null = null;

beforeAll(async () => {
  await applyObjects(admin, manifest, { namespace: ns, forceNamespace: true, namespaceLabels: { "istio-injection": "enabled" } });
  // Requests through the VirtualService from a mesh client, so Prometheus sees both sides.
  loop = probeLoop({ host: `web.${ns}`, from: "lab-clients/traffic-client", n: 20 }, 20);
}, 60_000);

afterAll(async () => {
  await loop?.stop();
  await endRolloutsTest([ns]);
});

describe("a ping-pong Rollout with Istio host-level routing and the real Argo Rollouts controller", () => {
  it("first deploy: one side stable, selecting the stable ReplicaSet, with all the weight", async () => {
    const l = await until(ns, NAME, "Healthy", healthyOn(IMAGE("1")), 120_000);
    expect(l.rollout.status?.canary?.stablePingPong, "Argo sets stablePingPong on the first promotion").toBeTruthy();
    await expectDetailMatches(100);
    await expectTrafficSplit(l);
    checkpoint("pingpong-healthy", "ping-pong after its first deploy: status.canary.stablePingPong names the stable side, which has 100 %", l);
  }, 180_000);

  it("update 1: the canary side selects the new ReplicaSet at 20 %; the live traffic splits by ping and pong", async () => {
    const before = sides(await live(ns, NAME));
    await setRolloutImage(ns, NAME, "web", IMAGE("2"));
    const l = await until(ns, NAME, "paused at 20 %", pausedAt20, 120_000);
    expect(sides(l).stable).toBe(before.stable);
    await eventually("the canary side selects the new ReplicaSet", async () => (await selectorOf(before.canaryService)) === l.rollout.status?.currentPodHash);
    const d = await expectDetailMatches(80);
    expect(d.rollout.images.canary).toEqual([IMAGE("2")]);
    await expectTrafficSplit(l);
    // Prometheus sees requests on both sides, each under its role.
    await eventually("requests on both sides in the live traffic view", async () => {
      const t = await getTraffic();
      const sum = (key: string) => t.buckets.reduce((a, b) => a + (b.rates[key]?.ok ?? 0) + (b.rates[key]?.error ?? 0), 0);
      return t.state === "ok" && sum(before.stableService) > 0 && sum(before.canaryService) > 0;
    }, 120_000, 2000);
    checkpoint("pingpong-paused", "set image: the canary side (the other Service) selects revision 2 at 20 %, paused for a promotion", l);
  }, 240_000);

  it("promote: stablePingPong flips, the former canary side is stable with all the weight", async () => {
    const before = sides(await live(ns, NAME));
    await rolloutAction(ns, NAME, "promote");
    const l = await until(ns, NAME, "Healthy on revision 2", healthyOn(IMAGE("2")), 120_000);
    const after = sides(l);
    expect(after.stable).not.toBe(before.stable);
    expect(after.stableService).toBe(before.canaryService);
    await expectDetailMatches(100);
    await expectTrafficSplit(l);
    checkpoint("pingpong-promoted", "promote: status.canary.stablePingPong flips; the Service that took the canary is now stable with 100 %", l);
  }, 180_000);

  it("update 2: the other side takes the canary this time; promote flips back", async () => {
    const before = sides(await live(ns, NAME));
    await setRolloutImage(ns, NAME, "web", IMAGE("3"));
    const paused = await until(ns, NAME, "paused at 20 % again", pausedAt20, 120_000);
    await eventually("the canary side selects revision 3", async () => (await selectorOf(before.canaryService)) === paused.rollout.status?.currentPodHash);
    await expectDetailMatches(80);
    await expectTrafficSplit(paused);
    await rolloutAction(ns, NAME, "promote");
    const done = await until(ns, NAME, "Healthy on revision 3", healthyOn(IMAGE("3")), 120_000);
    expect(sides(done).stableService).toBe(before.canaryService);
    await expectDetailMatches(100);
    await expectTrafficSplit(done);
  }, 300_000);
});
