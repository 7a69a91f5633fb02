import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { call, useLabAdminKubeconfig, vsPath } from "./actions-client.js";
import { kubeAs, uniqueNamespace } from "./test-lab.js";

const ns = uniqueNamespace("actions-undo");
const admin = () => kubeAs("admin");
const VS = "networking.istio.io/v1";
const path = vsPath(ns, "web");

interface Vs {
  metadata: { resourceVersion: string; annotations?: Record<string, string> };
  spec: Record<string, unknown> & { http: { name?: string; route: { destination: { host: string }; weight?: number }[]; fault?: unknown }[] };
}
const read = () => admin().get<Vs>(VS, "VirtualService", ns, "web");
const spec = {
  hosts: ["web"],
  http: [
    { name: "canary", match: [{ headers: { "x-canary": { exact: "1" } } }], route: [{ destination: { host: "web-b" } }] },
    // Fields Meshdeck does not model must survive every edit and undo untouched.
    { name: "primary", retries: { attempts: 3, perTryTimeout: "2s" }, route: [{ destination: { host: "web-a" }, weight: 50, headers: { request: { set: { "x-from": "a" } } } }, { destination: { host: "web-b" }, weight: 50 }] },
  ],
};
const object: KubeObject = { apiVersion: VS, kind: "VirtualService", metadata: { name: "web", namespace: ns }, spec };
const weights = (a: number) => ({ weights: [{ host: "web-a", weight: a }, { host: "web-b", weight: 100 - a }] });

beforeAll(async () => {
  useLabAdminKubeconfig();
  await applyObjects(admin(), [object], { namespace: ns });
});
afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

describe("dry run, no-op, stale view, history, undo", () => {
  it("dryRun returns the result and a diff and changes nothing", async () => {
    const before = await read();
    const r = await call("PUT", `${path}/http/primary/weights?dryRun=true`, { body: weights(70) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ action: "set-weights", changed: true, dryRun: true, resourceVersion: before.metadata.resourceVersion, eventRecorded: false });
    expect(r.body.object.spec.http[1].route.map((x: { weight: number }) => x.weight)).toEqual([70, 30]);
    expect(r.body.object.metadata.annotations["meshdeck.dev/last-change"]).toContain("set-weights");
    // Keys print in the order the API server returns them (sorted); only the weights differ.
    const lines = (r.body.diff as string).split("\n");
    expect(lines.slice(0, 2)).toEqual(["--- spec (current)", "+++ spec (result)"]);
    expect(lines.filter((l) => /^[-+] /.test(l) || /^[-+]\s/.test(l)).filter((l) => !l.startsWith("---") && !l.startsWith("+++"))).toEqual([
      "-    weight: 50",
      "+    weight: 70",
      "-    weight: 50",
      "+    weight: 30",
    ]);
    expect(lines.filter((l) => l.startsWith("@@"))).toHaveLength(1);
    const after = await read();
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(after.spec).toEqual(before.spec);
    expect(after.metadata.annotations?.["meshdeck.dev/last-change"]).toBeUndefined();
  });

  it("a no-op answers 200 changed: false without writing", async () => {
    const before = await read();
    const r = await call("PUT", `${path}/http/primary/weights`, { body: weights(50) });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ changed: false, diff: "", resourceVersion: before.metadata.resourceVersion });
    expect(r.body.summary).toMatch(/already in effect/);
    expect((await read()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it("a client resourceVersion other than the current one → 409 with the fresh object", async () => {
    const before = await read();
    const r = await call("PUT", `${path}/http/primary/weights`, { body: { ...weights(60), resourceVersion: "1" } });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe("Conflict");
    expect(r.body.current.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(r.body.current.spec).toEqual(before.spec);
    expect((await read()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it("writes, records history and an Event; undo restores exactly; undoing the same change again is a 409, never a redo", async () => {
    const original = await read();
    const history0 = await call("GET", `${path}/history`);
    expect(history0.body).toMatchObject({ history: [], lastChange: null, undo: { available: false } });

    const set = await call("PUT", `${path}/http/primary/weights`, { body: { ...weights(70), resourceVersion: original.metadata.resourceVersion } });
    expect(set.status).toBe(200);
    expect(set.body.resourceVersion).not.toBe(original.metadata.resourceVersion);
    expect(set.body.eventRecorded).toBe(true);
    const changed = await read();
    expect(changed.metadata.resourceVersion).toBe(set.body.resourceVersion);
    expect(changed.spec.http[1]?.route.map((x) => x.weight)).toEqual([70, 30]);
    expect(changed.spec.http[0]).toEqual(spec.http[0]);

    const events = await admin().json<{ items: { reason: string; note: string; action: string; reportingController: string; regarding: { name: string; uid?: string } }[] }>("GET", `/apis/events.k8s.io/v1/namespaces/${ns}/events`);
    expect(events.items).toContainEqual(expect.objectContaining({ reason: "MeshdeckTrafficChange", action: "set-weights", note: set.body.summary, reportingController: "meshdeck.dev/dashboard", regarding: expect.objectContaining({ name: "web" }) }));

    const history1 = await call("GET", `${path}/history`);
    expect(history1.body.history).toHaveLength(1);
    expect(history1.body.history[0]).toMatchObject({ who: "admin", action: "set-weights", summary: set.body.summary });
    expect(history1.body.undo).toMatchObject({ available: true, change: { action: "set-weights", id: history1.body.history[0].id } });
    const changeId = history1.body.undo.change.id as string;
    expect(changeId).toMatch(/^[0-9a-f]{16}$/);

    // Dry-run undo: shows the way back, changes nothing.
    const preview = await call("POST", `${path}/undo?dryRun=true`);
    expect(preview.status).toBe(200);
    expect(preview.body.object.spec).toEqual(original.spec);
    expect(preview.body.diff).toContain("-    weight: 70");
    expect((await read()).metadata.resourceVersion).toBe(changed.metadata.resourceVersion);

    const undo = await call("POST", `${path}/undo`, { body: { changeId, resourceVersion: changed.metadata.resourceVersion } });
    expect(undo.status, JSON.stringify(undo.body)).toBe(200);
    expect(undo.body.action).toBe("undo");
    const restored = await read();
    expect(JSON.stringify(restored.spec)).toBe(JSON.stringify(original.spec));

    // Idempotent per change: undoing it again (by id or not) is a 409 with the current object.
    for (const body of [{ changeId }, {}]) {
      const again = await call("POST", `${path}/undo`, { body });
      expect(again.status, JSON.stringify(again.body)).toBe(409);
      expect(again.body.error.message).toMatch(/already undone/);
      expect(again.body.current.metadata.resourceVersion).toBe(restored.metadata.resourceVersion);
    }
    expect((await read()).metadata.resourceVersion).toBe(restored.metadata.resourceVersion);
    const history3 = await call("GET", `${path}/history`);
    expect(history3.body.history.map((h: { action: string }) => h.action)).toEqual(["set-weights", "undo"]);
    expect(history3.body.history[1]).toMatchObject({ action: "undo", undoes: changeId });
    expect(history3.body.undo.available).toBe(false);
    // A new change (addressed by name: no resourceVersion needed) can be undone again.
    expect((await call("PUT", `${path}/http/primary/weights`, { body: weights(70) })).status).toBe(200);
  });

  it("a change between the plan and the undo → 409 with the fresh object; nothing written", async () => {
    const planned = await read();
    // Someone else edits the spec (kubectl, another dashboard) after the UI planned the undo.
    await admin().patch(VS, "VirtualService", ns, "web", { spec: { http: [spec.http[0], { ...spec.http[1], timeout: "5s" }] } });
    const edited = await read();

    const stale = await call("POST", `${path}/undo`, { body: { resourceVersion: planned.metadata.resourceVersion } });
    expect(stale.status).toBe(409);
    expect(stale.body.current.metadata.resourceVersion).toBe(edited.metadata.resourceVersion);

    // Even replanned on the fresh object, the undo would discard that edit: refused.
    const fresh = await call("POST", `${path}/undo`, { body: { resourceVersion: edited.metadata.resourceVersion } });
    expect(fresh.status).toBe(409);
    expect(fresh.body.error.message).toMatch(/changed after .*undoing it would discard that later change/);
    expect(fresh.body.current.spec.http[1].timeout).toBe("5s");
    expect((await read()).metadata.resourceVersion).toBe(edited.metadata.resourceVersion);
    const history = await call("GET", `${path}/history`);
    expect(history.body.undo.available).toBe(false);
  });

  it("test routes: add, list, edit, remove; fault and mirror set and cleared", async () => {
    const add = await call("POST", `${path}/test-routes`, { body: { cookie: { name: "session", match: "prefix", value: "beta" }, destination: { host: "web-b" } } });
    expect(add.status, JSON.stringify(add.body)).toBe(200);
    const name = add.body.object.spec.http[0].name as string;
    const listed = await call("GET", `${path}/test-routes`);
    expect(listed.body.testRoutes.map((t: { name: string; condition: { kind: string } }) => [t.name, t.condition.kind])).toEqual([
      [name, "cookie"],
      ["canary", "header"],
    ]);
    const edit = await call("PUT", `${path}/test-routes/${name}`, { body: { destination: { host: "web-a" } } });
    expect(edit.status).toBe(200);
    expect(edit.body.object.spec.http[0].route).toEqual([{ destination: { host: "web-a" } }]);
    expect((await call("DELETE", `${path}/test-routes/${name}`)).status).toBe(200);

    const fault = await call("PUT", `${path}/http/primary/fault`, { body: { delay: { fixedDelay: "500ms", percentage: 10 } } });
    expect(fault.status).toBe(200);
    expect(fault.body.object.spec.http[1].fault).toEqual({ delay: { percentage: { value: 10 }, fixedDelay: "500ms" } });
    const cleared = await call("DELETE", `${path}/http/primary/fault`);
    expect(cleared.status).toBe(200);
    expect(cleared.body.object.spec.http[1].fault).toBeUndefined();

    const mirror = await call("PUT", `${path}/http/primary/mirror`, { body: { destination: { host: "web-b" }, percentage: 25 } });
    expect(mirror.status).toBe(200);
    expect(mirror.body.object.spec.http[1]).toMatchObject({ mirror: { host: "web-b" }, mirrorPercentage: { value: 25 } });
    const unmirror = await call("DELETE", `${path}/http/primary/mirror`);
    expect(unmirror.status).toBe(200);
    expect(unmirror.body.object.spec.http[1].mirror).toBeUndefined();
    // Unknown fields stayed through all of it.
    expect((await read()).spec.http[1]).toMatchObject({ retries: { attempts: 3, perTryTimeout: "2s" } });
  });
});
