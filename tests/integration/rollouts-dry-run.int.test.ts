import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyHealthyRollout, endRolloutsTest } from "./rollouts-lab.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";
import { rolloutActionResultSchema, type RolloutActionResult } from "@/lib/api/rollouts";
import { apiErrorBodySchema } from "@/lib/errors/api-error";

// Rollout actions with ?dryRun=true against the real Argo Rollouts controller:
// the answer carries the resulting object and a diff, the Rollout is unchanged
// and no Event is recorded; an unknown query parameter is a 400 that runs
// nothing; the viewer hears 403 before any phase check.

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
const action = await import("@/app/api/rollouts/[namespace]/[name]/[action]/route");
const image = await import("@/app/api/rollouts/[namespace]/[name]/image/route");

const viewerToken = /token: (\S+)/.exec((await import("node:fs")).readFileSync(lab.kubeconfigs.viewer, "utf8"))?.[1] ?? "";
const CSRF = { "x-meshdeck-csrf": "1", "content-type": "application/json" };
const admin = kubeAs("admin");
const ns = uniqueNamespace("ro-dry-run");
const { canary } = demoWorld;
const NAME = canary.rollout;
const CONTAINER = canary.container;
const NEXT = canary.images.next;
/** A diff line holding `image: <image>` (the image quoted for a RegExp). */
const imageLine = (sign: "+" | "-", image: string) => new RegExp(`^\\${sign}.*image: ${image.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`, "m");

interface Ro {
  metadata: { generation: number; resourceVersion: string };
  spec: { restartAt?: string; template: { spec: { containers: { image: string }[] } } };
  status?: { phase?: string; stableRS?: string; currentStepIndex?: number; abort?: boolean; controllerPause?: boolean };
}
const rollout = () => admin.get<Ro>("argoproj.io/v1alpha1", "Rollout", ns, NAME);
const params = (extra: Record<string, string> = {}) => ({ params: Promise.resolve({ namespace: ns, name: NAME, ...extra }) });
const post = (verb: string, query = "", body: unknown = {}, headers: Record<string, string> = {}) =>
  action.POST(new Request(`http://meshdeck.test/api/rollouts/${ns}/${NAME}/${verb}${query}`, { method: "POST", headers: { ...CSRF, ...headers }, body: JSON.stringify(body) }), params({ action: verb }));
const putImage = (query: string, body: unknown) => image.PUT(new Request(`http://meshdeck.test/api/rollouts/${ns}/${NAME}/image${query}`, { method: "PUT", headers: CSRF, body: JSON.stringify(body) }), params());

async function ok(res: Response): Promise<RolloutActionResult> {
  expect(res.status, await res.clone().text()).toBe(200);
  return rolloutActionResultSchema.parse(await res.json());
}
async function refused(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  return apiErrorBodySchema.parse(await res.json()).error;
}
async function meshdeckEvents(): Promise<number> {
  const events = await admin.json<{ items: { reason: string }[] }>("GET", `/apis/events.k8s.io/v1/namespaces/${ns}/events`);
  return events.items.filter((e) => e.reason === "MeshdeckRolloutAction").length;
}
/** What a dry run must leave alone: the spec (generation) and the status fields the actions set. */
const state = (r: Ro) => ({ generation: r.metadata.generation, restartAt: r.spec.restartAt, image: r.spec.template.spec.containers[0]?.image, abort: r.status?.abort ?? false, step: r.status?.currentStepIndex, phase: r.status?.phase });

beforeAll(() => applyHealthyRollout(ns, canary.manifest(), NAME), 300_000);
afterAll(() => endRolloutsTest([ns]));

describe("Rollout actions: server-side dry run", () => {
  it("restart and set image: the resulting object and a diff; the Rollout is unchanged", async () => {
    const before = state(await rollout());
    const restart = await ok(await post("restart", "?dryRun=true"));
    expect(restart).toMatchObject({ action: "restart", dryRun: true, eventRecorded: false, requests: 1 });
    expect(restart.object.spec.restartAt).toEqual(expect.any(String));
    expect(restart.diff).toMatch(/^\+\s+restartAt: /m);
    const set = await ok(await putImage("?dryRun=true", { container: CONTAINER, image: NEXT }));
    expect(set).toMatchObject({ action: "set-image", dryRun: true, eventRecorded: false });
    expect(JSON.stringify(set.object.spec)).toContain(NEXT);
    expect(set.diff).toMatch(imageLine("-", canary.images.first));
    expect(set.diff).toMatch(imageLine("+", NEXT));
    expect(state(await rollout())).toEqual(before);
    expect(await meshdeckEvents()).toBe(0);
    // A bad image never reaches the API server, dry run or not.
    await refused(await putImage("?dryRun=true", { container: CONTAINER, image: "\u0000" }), 422);
  });

  it("paused at the first step: dry-run abort and promote answer the object and a diff; the Rollout stays paused", async () => {
    await ok(await putImage("", { container: CONTAINER, image: NEXT }));
    const paused = await eventually("paused at step 1", async () => {
      const r = await rollout();
      return r.status?.phase === "Paused" && r.status.currentStepIndex === 1 ? r : undefined;
    }, 120_000);
    const events = await meshdeckEvents();
    const abort = await ok(await post("abort", "?dryRun=true"));
    expect(abort).toMatchObject({ action: "abort", dryRun: true, eventRecorded: false });
    expect(abort.object.status?.abort).toBe(true);
    expect(abort.diff).toMatch(/^\+\s+abort: true$/m);
    const promote = await ok(await post("promote", "?dryRun=true"));
    expect(promote).toMatchObject({ action: "promote", dryRun: true, eventRecorded: false });
    expect(promote.diff).not.toBe("");
    expect(promote.followUps).toBeUndefined();
    // An unknown query parameter (a misspelt dryRun) is a 400 that runs nothing.
    const typo = await refused(await post("abort", "?dryrun=true"), 400);
    expect(typo.issues).toEqual([{ path: "dryrun", message: "unknown query parameter" }]);
    const now = await rollout();
    expect(state(now)).toEqual(state(paused));
    expect(now.status?.abort).toBeFalsy();
    expect(await meshdeckEvents()).toBe(events);
  }, 240_000);

  it("the viewer hears 403 naming the verb and resource before any phase check (retry and undo)", async () => {
    process.env.MESHDECK_AUTH_MODE = "bearer";
    try {
      const viewer = { authorization: `Bearer ${viewerToken}` };
      // Not aborted: retry would be a 409 for the admin; undo to a missing revision a 422.
      const retry = await refused(await post("retry", "", {}, viewer), 403);
      expect(retry).toMatchObject({ code: "Forbidden", verb: "patch", resource: "rollouts.argoproj.io", namespace: ns });
      expect(retry.message).toContain("rollouts.argoproj.io/status");
      const undo = await refused(await post("undo", "", { revision: 999 }, viewer), 403);
      expect(undo).toMatchObject({ verb: "patch", resource: "rollouts.argoproj.io" });
      await refused(await post("abort", "?dryRun=true", {}, viewer), 403);
    } finally {
      delete process.env.MESHDECK_AUTH_MODE;
    }
    await refused(await post("retry"), 409);
    await refused(await post("undo", "", { revision: 999 }), 422);
  });
});
