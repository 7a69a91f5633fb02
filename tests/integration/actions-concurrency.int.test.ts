import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, useLabAdminKubeconfig, vsPath } from "./actions-client.js";
import { eventually, kubeAs } from "./test-lab.js";
import { probe, shares } from "./traffic-helpers.js";
import { demoWorld } from "./worlds/demo.js";

interface Vs {
  metadata: { resourceVersion: string };
  spec: { http: { route: { destination: { host: string }; weight?: number }[] }[] };
}

const { namespace, vs, host, services } = demoWorld.hostSplit;
const [first, second] = services;
const read = () => kubeAs("admin").get<Vs>("networking.istio.io/v1", "VirtualService", namespace, vs);
const path = `${vsPath(namespace, vs)}/http/0/weights`;
const weights = (a: number) => ({ weights: [{ host: first, weight: a }, { host: second, weight: 100 - a }] });
const restore = () => demoWorld.restore(kubeAs("admin"), namespace);

beforeAll(useLabAdminKubeconfig);
afterAll(restore);

describe("50 parallel conflicting weight edits", () => {
  it("planned from the same resourceVersion: exactly one wins, 49 get 409 with the fresh object; no lost update", async () => {
    await restore();
    const start = await read();
    const rv = start.metadata.resourceVersion;
    // 51..100 for the first Service: every edit differs from the current 50/50 and from each other.
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => call("PUT", path, { body: { ...weights(51 + i), resourceVersion: rv } })));
    const won = results.flatMap((r, i) => (r.status === 200 ? [{ r, a: 51 + i }] : []));
    const conflicts = results.filter((r) => r.status === 409);
    console.log(
      `50 parallel edits: ${won.length} × 200, ${conflicts.length} × 409 (${conflicts.filter((r) => /changed since you loaded it/.test(r.body.error.message)).length} refused before the PATCH, ${conflicts.filter((r) => /while this action was being applied/.test(r.body.error.message)).length} by the API server's precondition)`,
    );
    expect(won).toHaveLength(1);
    expect(conflicts).toHaveLength(49);
    const winner = won[0] as (typeof won)[number];
    expect(winner.r.body.changed).toBe(true);
    for (const c of conflicts) {
      expect(c.body.error.code).toBe("Conflict");
      expect(c.body.current.metadata.resourceVersion).toEqual(expect.any(String));
      expect(c.body.current.spec.http).toHaveLength(1);
    }

    const end = await read();
    expect(end.metadata.resourceVersion).toBe(winner.r.body.resourceVersion);
    expect(end.spec.http[0]?.route.map((r) => r.weight)).toEqual([winner.a, 100 - winner.a]);
    expect(end.spec).toEqual(winner.r.body.object.spec);
    // The routed traffic follows the winner's split.
    const share = async () => shares(await probe({ ...host, n: 2000 }), (d) => d.serviceName)[first] ?? 0;
    await eventually("the winner's split routed", async () => Math.abs((await share()) - winner.a / 100) <= 0.04);
  });

  it("without a client resourceVersion, an edit addressing the route by index is refused (428) and nothing changes", async () => {
    await restore();
    const start = await read();
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => call("PUT", path, { body: weights(51 + i) })));
    for (const r of results) {
      expect(r.status, JSON.stringify(r.body)).toBe(428);
      expect(r.body.error.code).toBe("PreconditionRequired");
      expect(r.body.error.issues).toEqual([{ path: "resourceVersion", message: expect.any(String) }]);
      expect(r.body.current.metadata.resourceVersion).toBe(start.metadata.resourceVersion);
    }
    expect((await read()).metadata.resourceVersion).toBe(start.metadata.resourceVersion);
  });
});
