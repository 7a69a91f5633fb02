import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDir } from "../../lab/core/demo-world.js";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { readManifests } from "../../lab/core/manifests.js";
import { applyHealthyRollout, endRolloutsTest, rolloutDetailOf } from "./rollouts-lab.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import type { RouteCondition } from "@/lib/rollouts/model/schema";

// Header and mirror steps, as the Rollout detail shows them, against what the
// real Argo Rollouts controller writes into the VirtualService at each pause.

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;

const RO = ["argoproj.io/v1alpha1", "Rollout"] as const;
const admin = kubeAs("admin");
const ns = uniqueNamespace("ro-steps");
const NAME = "profile";

type StringMatch = Partial<Record<"exact" | "prefix" | "regex", string>>;
interface HttpRoute {
  name?: string;
  match?: { headers?: Record<string, StringMatch>; method?: StringMatch; uri?: StringMatch }[];
  mirror?: { host: string };
  mirrorPercentage?: { value: number };
}

const STEPS = [
  { setWeight: 10 },
  { setHeaderRoute: { name: "browsers", match: [{ headerName: "agent", headerValue: { regex: "firefox(.*)" } }] } },
  { setMirrorRoute: { name: "shadow", percentage: 30, match: [{ method: { exact: "GET" }, path: { prefix: "/api" } }] } },
  { pause: {} },
  { setHeaderRoute: { name: "browsers", match: [{ headerName: "agent", headerValue: { regex: "chrome(.*)" } }] } },
  { pause: {} },
];

/** The demo world's header-route canary with two header steps and a mirror step. */
function manifest(): KubeObject[] {
  return readManifests(path.join(demoDir, "world", "argo-header.yaml")).map((o) => {
    if (o.kind !== "Rollout") return o;
    const spec = o.spec as { strategy: { canary: { steps: unknown[]; trafficRouting: { managedRoutes: unknown[] } } } };
    spec.strategy.canary.steps = STEPS;
    spec.strategy.canary.trafficRouting.managedRoutes = [{ name: "browsers" }, { name: "shadow" }];
    return o;
  });
}

/** An Istio match entry as conditions, in the order the view lists them. */
function conditions(match: NonNullable<HttpRoute["match"]>[number]): RouteCondition[] {
  const one = (field: string, m: StringMatch | undefined): RouteCondition[] =>
    (["exact", "prefix", "regex"] as const).flatMap((operator) => (m?.[operator] === undefined ? [] : [{ field, operator, value: m[operator] }]));
  return [
    ...one("method", match.method),
    ...one("path", match.uri),
    ...Object.entries(match.headers ?? {})
      .sort(([a], [b]) => a.localeCompare(b))
      .flatMap(([name, m]) => one(`header ${name}`, m)),
  ];
}

async function managedRoute(name: string): Promise<HttpRoute | undefined> {
  const vs = await admin.get<{ spec: { http: HttpRoute[] } }>("networking.istio.io/v1", "VirtualService", ns, NAME);
  return vs.spec.http.find((h) => h.name === name);
}

const getDetail = () => rolloutDetailOf(ns, NAME);

async function pausedAt(step: number): Promise<void> {
  await eventually(`paused at step ${step}`, async () => {
    const r = await admin.get<{ status?: { currentStepIndex?: number; pauseConditions?: unknown[] } }>(RO[0], RO[1], ns, NAME);
    return r.status?.currentStepIndex === step && (r.status.pauseConditions?.length ?? 0) > 0;
  }, 120_000);
}

beforeAll(async () => {
  await applyHealthyRollout(ns, manifest(), NAME);
}, 180_000);

afterAll(() => endRolloutsTest([ns]));

describe("header and mirror steps against the routes Argo Rollouts writes", () => {
  it("shows each step's match and mirror percentage as the controller writes them", async () => {
    await admin.patch(RO[0], RO[1], ns, NAME, [{ op: "replace", path: "/spec/template/spec/containers/0/image", value: "ghcr.io/meshdeck-demo/profile:4.1" }], "json");
    await pausedAt(3);
    const browsers = await eventually("header route written", () => managedRoute("browsers"));
    const shadow = await eventually("mirror route written", () => managedRoute("shadow"));
    const view = await getDetail();
    const [, header, mirror, , chrome] = view.rollout.steps;
    expect(header?.route?.matches).toEqual((browsers.match ?? []).map(conditions));
    expect(header?.label).toBe("Set header route browsers: agent ~ firefox(.*)");
    expect(mirror?.route?.matches).toEqual((shadow.match ?? []).map(conditions));
    expect(mirror?.route?.mirrorPercent).toBe(shadow.mirrorPercentage?.value);
    expect(mirror?.label).toBe("Set mirror route shadow 30 %: method = GET and path ^= /api");
    expect(chrome?.label).toBe("Set header route browsers: agent ~ chrome(.*)");
    expect(chrome?.label).not.toBe(header?.label);
  });

  it("the second header step's view matches the route once the controller rewrote it", async () => {
    await admin.patch(RO[0], RO[1], ns, NAME, { status: { pauseConditions: null } }, "merge", "status");
    await pausedAt(5);
    const browsers = await eventually("header route rewritten for chrome", async () => {
      const r = await managedRoute("browsers");
      return JSON.stringify(r?.match).includes("chrome") ? r : undefined;
    });
    const view = await eventually("the detail at step 5", async () => {
      const d = await getDetail();
      return d.rollout.step?.index === 5 ? d : undefined;
    });
    expect(view.rollout.steps[4]?.route?.matches).toEqual((browsers.match ?? []).map(conditions));
    expect(view.rollout.steps[4]?.state).toBe("done");
  });
});
