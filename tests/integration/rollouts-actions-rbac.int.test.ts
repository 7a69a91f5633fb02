import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyObjects } from "../../lab/core/manifests.js";
import { applyHealthyRollout, endRolloutsTest } from "./rollouts-lab.js";
import { canaryRollout, ROLLOUT_API as RO, setWebImage, viewServiceAccount } from "./rollouts-objects.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { rolloutDetailSchema, type RolloutDetail } from "@/lib/api/rollouts";
import { apiErrorBodySchema } from "@/lib/errors/api-error";
import { actionNameSchema } from "@/lib/rollouts/model/schema";

// GET /api/rollouts/{ns}/{name} offers an action only when Kubernetes RBAC lets
// the caller make its exact writes (SelfSubjectAccessReview as the caller): a
// ServiceAccount bound to `view` sees every action off, each naming the write
// it may not make, and gets 403 naming the verb and resource when it tries.

const lab = labState();
process.env.MESHDECK_KUBECONFIG = lab.kubeconfigs.admin;
process.env.MESHDECK_PROMETHEUS_URL = lab.prometheus?.url ?? "";
const detailRoute = await import("@/app/api/rollouts/[namespace]/[name]/route");
const actionRoute = await import("@/app/api/rollouts/[namespace]/[name]/[action]/route");
const imageRoute = await import("@/app/api/rollouts/[namespace]/[name]/image/route");

const admin = kubeAs("admin");
const ns = uniqueNamespace("ro-rbac");
const CSRF = { "x-meshdeck-csrf": "1", "content-type": "application/json" };
const params = (extra: Record<string, string> = {}) => ({ params: Promise.resolve({ namespace: ns, name: "web", ...extra }) });

const rollout = canaryRollout(ns, {});
const watcher = viewServiceAccount(ns, "watcher");

let viewer: Record<string, string> = {};

async function detail(headers: Record<string, string> = {}): Promise<RolloutDetail> {
  const res = await detailRoute.GET(new Request(`http://meshdeck.test/api/rollouts/${ns}/web`, { headers }), params());
  expect(res.status, await res.clone().text()).toBe(200);
  return rolloutDetailSchema.parse(await res.json());
}

async function forbidden(res: Response) {
  expect(res.status, await res.clone().text()).toBe(403);
  return apiErrorBodySchema.parse(await res.json()).error;
}

const post = (action: string, headers: Record<string, string>) =>
  actionRoute.POST(new Request(`http://meshdeck.test/api/rollouts/${ns}/web/${action}`, { method: "POST", headers: { ...CSRF, ...headers }, body: "{}" }), params({ action }));

beforeAll(async () => {
  await applyHealthyRollout(ns, [rollout], "web");
  await applyObjects(admin, watcher, { namespace: ns });
  const token = await admin.json<{ status: { token: string } }>("POST", `/api/v1/namespaces/${ns}/serviceaccounts/watcher/token`, {
    apiVersion: "authentication.k8s.io/v1",
    kind: "TokenRequest",
    spec: { expirationSeconds: 3600 },
  });
  viewer = { authorization: `Bearer ${token.status.token}` };
  await eventually("the watcher may read Rollouts", async () => {
    const r = await admin.json<{ status: { allowed: boolean } }>("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews", {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SubjectAccessReview",
      spec: { user: `system:serviceaccount:${ns}:watcher`, resourceAttributes: { verb: "list", group: "argoproj.io", resource: "rollouts", namespace: ns } },
    });
    return r.status.allowed;
  });
  await setWebImage(ns, "web:2");
  await eventually("paused at the canary step", async () => (await admin.get<{ status?: { phase?: string } }>(RO, "Rollout", ns, "web")).status?.phase === "Paused", 120_000);
}, 240_000);
afterAll(() => endRolloutsTest([ns]));

describe("a Rollout paused mid-canary", () => {
  it("offers promote and abort to the admin", async () => {
    const d = await eventually("the detail shows the pause", async () => {
      const v = await detail();
      return v.rollout.phase === "Paused" ? v : false;
    });
    expect(d.rollout.actions.promote).toMatchObject({ enabled: true, denied: null });
    expect(d.rollout.actions.abort).toMatchObject({ enabled: true, denied: null });
  });

  it("shows a `view` ServiceAccount every action off, each naming the write it may not make", async () => {
    const d = await detail(viewer);
    for (const action of actionNameSchema.options) {
      const a = d.rollout.actions[action];
      expect(a.enabled, action).toBe(false);
      expect(a.denied, action).not.toBeNull();
      expect(a.reason).toMatch(new RegExp(`^You may not (patch|update) rollouts\\.argoproj\\.io(/status)? "web" in namespace ${ns}`));
    }
    expect(d.rollout.actions.promote.denied).toEqual({ verb: "patch", group: "argoproj.io", resource: "rollouts", subresource: "status", namespace: ns, name: "web" });
    expect(d.rollout.actions.restart.denied).toMatchObject({ verb: "patch", subresource: null });
    expect(d.rollout.actions["set-image"].denied).toMatchObject({ verb: "update", resource: "rollouts" });
  });

  it("answers the `view` ServiceAccount's attempts with 403 naming the verb and resource; nothing changes", async () => {
    const before = await admin.get<{ metadata: { generation: number } }>(RO, "Rollout", ns, "web");
    const promote = await forbidden(await post("promote", viewer));
    expect(promote).toMatchObject({ code: "Forbidden", verb: "patch", resource: "rollouts.argoproj.io" });
    expect(promote.message).toContain(`patch rollouts.argoproj.io/status "web" in namespace ${ns}`);
    expect(await forbidden(await post("abort", viewer))).toMatchObject({ verb: "patch", resource: "rollouts.argoproj.io" });
    expect(await forbidden(await post("restart", viewer))).toMatchObject({ verb: "patch", resource: "rollouts.argoproj.io" });
    const image = await imageRoute.PUT(
      new Request(`http://meshdeck.test/api/rollouts/${ns}/web/image`, { method: "PUT", headers: { ...CSRF, ...viewer }, body: JSON.stringify({ container: "web", image: "web:3" }) }),
      params(),
    );
    expect(await forbidden(image)).toMatchObject({ verb: "update", resource: "rollouts.argoproj.io" });
    const after = await admin.get<{ metadata: { generation: number }; status?: { phase?: string; abort?: boolean } }>(RO, "Rollout", ns, "web");
    expect(after.status?.phase).toBe("Paused");
    expect(after.status?.abort).toBeFalsy();
    expect(after.metadata.generation).toBe(before.metadata.generation);
  });
});
