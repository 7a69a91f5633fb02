import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { call, useLabAdminKubeconfig, vsPath } from "./actions-client.js";
import { kubeAs, uniqueNamespace } from "./test-lab.js";

// Issue 12, defects 5–8 against the lab's API server: a route addressed by
// index needs a resourceVersion (428), undo is idempotent under concurrency,
// unknown query parameters are refused, oversized inputs never reach the object.

const ns = uniqueNamespace("actions-addr");
const admin = () => kubeAs("admin");
const VS = "networking.istio.io/v1";
const path = vsPath(ns, "web");

interface Vs {
  metadata: { resourceVersion: string; annotations?: Record<string, string> };
  spec: { http: { name?: string; match?: unknown[]; fault?: unknown; route: { destination: { host: string }; weight?: number }[] }[] };
}
const read = () => admin().get<Vs>(VS, "VirtualService", ns, "web");
const spec = {
  hosts: ["web"],
  http: [
    { route: [{ destination: { host: "web-a" }, weight: 50 }, { destination: { host: "web-b" }, weight: 50 }] },
    { name: "fallback", route: [{ destination: { host: "web-a" } }] },
  ],
};
const object: KubeObject = { apiVersion: VS, kind: "VirtualService", metadata: { name: "web", namespace: ns }, spec };
const fault = { abort: { httpStatus: 503, percentage: 100 } };

beforeAll(async () => {
  useLabAdminKubeconfig();
  await applyObjects(admin(), [object], { namespace: ns });
});
afterAll(() => admin().delete("v1", "Namespace", undefined, ns));

describe("a route addressed by index", () => {
  it("without a resourceVersion → 428 with a typed body and the current object; nothing written", async () => {
    const before = await read();
    const r = await call("PUT", `${path}/http/0/fault`, { body: fault });
    expect(r.status, JSON.stringify(r.body)).toBe(428);
    expect(r.body.error).toMatchObject({ code: "PreconditionRequired", issues: [{ path: "resourceVersion", message: expect.any(String) }] });
    expect(r.body.current.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect((await read()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect((await call("PUT", `${path}/http/http:1/fault`, { body: fault })).status).toBe(428);
  });

  it("by name it may go without one", async () => {
    const r = await call("PUT", `${path}/http/fallback/fault`, { body: fault });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await read()).spec.http[1]?.fault).toMatchObject({ abort: { httpStatus: 503 } });
    expect((await call("DELETE", `${path}/http/fallback/fault`)).status).toBe(200);
  });

  it("with the version it was read at: a test route another client inserted above it makes the write a 409, never a write to the wrong route", async () => {
    const seen = await read();
    const inserted = await call("POST", `${path}/test-routes`, { body: { header: { name: "x-test", value: "1" }, destination: { host: "web-b" } } });
    expect(inserted.status, JSON.stringify(inserted.body)).toBe(200);
    const stale = await call("PUT", `${path}/http/0/fault`, { body: { ...fault, resourceVersion: seen.metadata.resourceVersion } });
    expect(stale.status).toBe(409);
    expect(stale.body.current.spec.http[0].match).toBeDefined();
    const now = await read();
    expect(now.spec.http.every((r) => r.fault === undefined)).toBe(true);
    // Planned on the current version, index 1 is the original first route.
    const fresh = await call("PUT", `${path}/http/1/fault?resourceVersion=${now.metadata.resourceVersion}`, { body: fault });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    const after = await read();
    expect(after.spec.http[0]?.fault).toBeUndefined();
    expect(after.spec.http[1]?.fault).toBeDefined();
  });
});

describe("undo is idempotent per change", () => {
  it("two concurrent undos of the same change: one succeeds, the other is a 409; the change is undone once", async () => {
    const before = await read();
    const set = await call("PUT", `${path}/http/fallback/weights`, { body: { weights: [{ host: "web-a", weight: 30 }, { host: "web-b", weight: 70 }], allowAdd: true } });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const history = await call("GET", `${path}/history`);
    const changeId = history.body.undo.change.id as string;
    const results = await Promise.all([call("POST", `${path}/undo`, { body: { changeId } }), call("POST", `${path}/undo`, { body: { changeId } })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.status === 409);
    expect(refused?.body.error.code).toBe("Conflict");
    expect(refused?.body.current.metadata.resourceVersion).toEqual(expect.any(String));
    const after = await read();
    expect(after.spec).toEqual(before.spec);
    const end = await call("GET", `${path}/history`);
    expect(end.body.history.filter((h: { action: string }) => h.action === "undo")).toHaveLength(1);
    // Sequentially, too: the undo is never itself undone.
    const again = await call("POST", `${path}/undo`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already undone/);
    expect((await read()).metadata.resourceVersion).toBe(after.metadata.resourceVersion);
  });
});

describe("strict queries and bounded inputs", () => {
  it("an unknown query parameter is a 400 naming it (a misspelt dryRun never writes)", async () => {
    const before = await read();
    const r = await call("PUT", `${path}/http/fallback/weights?dryrun=true`, { body: { weights: [{ host: "web-a", weight: 100 }], allowAdd: true } });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatchObject({ code: "BadRequest", issues: [{ path: "dryrun", message: "unknown query parameter" }] });
    expect((await call("GET", `${path}/history?verbose=1`)).status).toBe(400);
    expect((await read()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });

  it("a 40 kB header value is refused (422) before anything is written", async () => {
    const before = await read();
    const r = await call("POST", `${path}/test-routes`, { body: { header: { name: "x-big", value: "v".repeat(40_000) }, destination: { host: "web-b" } } });
    expect(r.status).toBe(422);
    expect(r.body.error.issues).toContainEqual({ path: "header.value", message: expect.stringMatching(/at most 8192/) });
    expect((await read()).metadata.resourceVersion).toBe(before.metadata.resourceVersion);
  });
});
