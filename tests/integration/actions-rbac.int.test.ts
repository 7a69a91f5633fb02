import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { call, callAtCurrent, hrPath, useLabAdminKubeconfig, viewerToken, vsPath } from "./actions-client.js";
import { kubeAs, uniqueNamespace } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";

/** Every write runs as the caller: Kubernetes RBAC decides, whatever Meshdeck's own credentials may do. */
const ns = uniqueNamespace("actions-rbac");
const admin = () => kubeAs("admin");
const VS = "networking.istio.io/v1";
const HR = "gateway.networking.k8s.io/v1";

const scratch: KubeObject[] = [
  {
    apiVersion: VS,
    kind: "VirtualService",
    metadata: { name: "web", namespace: ns },
    spec: { hosts: ["web"], http: [{ route: [{ destination: { host: "web-a" }, weight: 50 }, { destination: { host: "web-b" }, weight: 50 }] }] },
  },
  {
    apiVersion: HR,
    kind: "HTTPRoute",
    metadata: { name: "web", namespace: ns },
    spec: { parentRefs: [{ group: "", kind: "Service", name: "web", port: 80 }], rules: [{ backendRefs: [{ name: "web-a", port: 80, weight: 50 }, { name: "web-b", port: 80, weight: 50 }] }] },
  },
  { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "deployer", namespace: ns } },
  { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "quiet", namespace: ns } },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "traffic-editor", namespace: ns },
    rules: [
      { apiGroups: ["networking.istio.io", "gateway.networking.k8s.io"], resources: ["virtualservices", "httproutes"], verbs: ["get", "list", "patch"] },
      { apiGroups: ["argoproj.io"], resources: ["rollouts"], verbs: ["list"] },
    ],
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "Role",
    metadata: { name: "event-writer", namespace: ns },
    rules: [{ apiGroups: ["events.k8s.io"], resources: ["events"], verbs: ["create"] }],
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "traffic-editors", namespace: ns },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "traffic-editor" },
    subjects: [
      { kind: "ServiceAccount", name: "deployer", namespace: ns },
      { kind: "ServiceAccount", name: "quiet", namespace: ns },
    ],
  },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "event-writers", namespace: ns },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: "event-writer" },
    subjects: [{ kind: "ServiceAccount", name: "deployer", namespace: ns }],
  },
];

async function saToken(name: string): Promise<string> {
  const r = await admin().json<{ status: { token: string } }>("POST", `/api/v1/namespaces/${ns}/serviceaccounts/${name}/token`, {
    apiVersion: "authentication.k8s.io/v1",
    kind: "TokenRequest",
    spec: { expirationSeconds: 3600 },
  });
  return r.status.token;
}

interface Target {
  apiVersion: string;
  kind: string;
  namespace: string;
  name: string;
}
const { shop, blueGreen: bg, staged } = demoWorld;
const [first, second, third] = shop.versions;
const targets: Target[] = [
  { apiVersion: VS, kind: "VirtualService", namespace: shop.namespace, name: shop.reviews.service },
  { apiVersion: VS, kind: "VirtualService", namespace: shop.namespace, name: shop.ratings.service },
  { apiVersion: VS, kind: "VirtualService", namespace: bg.namespace, name: bg.vs },
  { apiVersion: VS, kind: "VirtualService", namespace: staged.namespace, name: staged.vs },
  { apiVersion: HR, kind: "HTTPRoute", namespace: ns, name: "web" },
];
const reviewsVs = vsPath(shop.namespace, shop.reviews.service);
const ratingsVs = vsPath(shop.namespace, shop.ratings.service);
const bgVs = vsPath(bg.namespace, bg.vs);
const halves = { weights: [{ host: shop.reviews.service, subset: first, weight: 50 }, { host: shop.reviews.service, subset: second, weight: 50 }] };
const versions = () => Promise.all(targets.map(async (t) => (await admin().get(t.apiVersion, t.kind, t.namespace, t.name)).metadata.resourceVersion));

/** One valid request per write endpoint (each would change its object for a caller allowed to). */
const writes: { method: "PUT" | "POST" | "DELETE"; path: string; body?: unknown; resource: string; namespace: string }[] = [
  { method: "PUT", path: `${reviewsVs}/http/0/weights`, body: halves, resource: "virtualservices", namespace: shop.namespace },
  { method: "PUT", path: `${reviewsVs}/http/0/weights?dryRun=true`, body: halves, resource: "virtualservices", namespace: shop.namespace },
  { method: "POST", path: `${reviewsVs}/test-routes`, body: { header: { name: shop.user.header, match: "exact", value: shop.user.value }, destination: { host: shop.reviews.service, subset: second } }, resource: "virtualservices", namespace: shop.namespace },
  { method: "PUT", path: `${bgVs}/test-routes/0`, body: { destination: { host: bg.service, port: bg.port, subset: bg.subsets.live } }, resource: "virtualservices", namespace: bg.namespace },
  { method: "DELETE", path: `${bgVs}/test-routes/0`, resource: "virtualservices", namespace: bg.namespace },
  { method: "POST", path: `${bgVs}/http/1/switch`, body: {}, resource: "virtualservices", namespace: bg.namespace },
  { method: "POST", path: `${vsPath(staged.namespace, staged.vs)}/http/0/promote`, body: { destination: { host: staged.service, subset: staged.subsets[1].name } }, resource: "virtualservices", namespace: staged.namespace },
  { method: "PUT", path: `${ratingsVs}/http/0/fault`, body: { abort: { httpStatus: 500, percentage: 100 } }, resource: "virtualservices", namespace: shop.namespace },
  { method: "DELETE", path: `${ratingsVs}/http/0/fault`, resource: "virtualservices", namespace: shop.namespace },
  { method: "PUT", path: `${reviewsVs}/http/0/mirror`, body: { destination: { host: shop.reviews.service, subset: third }, percentage: 10 }, resource: "virtualservices", namespace: shop.namespace },
  { method: "DELETE", path: `${reviewsVs}/http/0/mirror`, resource: "virtualservices", namespace: shop.namespace },
  { method: "POST", path: `${reviewsVs}/undo`, body: {}, resource: "virtualservices", namespace: shop.namespace },
  { method: "PUT", path: `${hrPath(ns, "web")}/rules/0/weights`, body: { weights: [{ name: "web-a", weight: 90 }, { name: "web-b", weight: 10 }] }, resource: "httproutes", namespace: ns },
  { method: "POST", path: `${hrPath(ns, "web")}/undo`, body: {}, resource: "httproutes", namespace: ns },
];

beforeAll(async () => {
  useLabAdminKubeconfig();
  await applyObjects(admin(), scratch, { namespace: ns });
  // The shop routes ratings only in its all-v1 variant.
  await applyObjects(admin(), shop.variant("allV1").filter((o) => o.metadata.name === shop.ratings.service), { namespace: shop.namespace });
});
afterAll(async () => {
  await admin().delete("v1", "Namespace", undefined, ns);
  await demoWorld.restore(admin(), shop.namespace);
});

describe("the viewer", () => {
  it(`gets 403 naming the verb and resource on every write endpoint (${writes.length}), and nothing changes`, async () => {
    const token = viewerToken();
    const before = await versions();
    for (const w of writes) {
      const r = await call(w.method, w.path, { body: w.body, bearer: token });
      expect(r.status, `${w.method} ${w.path}: ${JSON.stringify(r.body)}`).toBe(403);
      const group = w.resource === "httproutes" ? "gateway.networking.k8s.io" : "networking.istio.io";
      expect(r.body.error).toMatchObject({ code: "Forbidden", verb: "patch", resource: `${w.resource}.${group}`, namespace: w.namespace });
      expect(r.body.error.message).toContain(`patch ${w.resource}.${group}`);
      expect(r.body.error.message).toContain(w.namespace);
    }
    expect(await versions()).toEqual(before);
  });

  it("may still read the history and test routes (it has get)", async () => {
    const token = viewerToken();
    expect((await call("GET", `${bgVs}/test-routes`, { bearer: token })).status).toBe(200);
    expect((await call("GET", `${reviewsVs}/history`, { bearer: token })).status).toBe(200);
    expect((await call("GET", `${hrPath(ns, "web")}/history`, { bearer: token })).status).toBe(200);
  });

  it("gets a 401 naming the caller's credentials when an unknown token slips past the early check", async () => {
    const r = await call("PUT", writes[0]?.path ?? "", { body: writes[0]?.body, bearer: "not-a-valid-token" });
    expect(r.status).toBe(401);
    expect((r.body as { error: { message: string } }).error.message).toMatch(/the caller's credentials/);
  });
});

describe("a ServiceAccount allowed to patch only in its own namespace", () => {
  it("changes its own VirtualService, audited and evented under its own name", async () => {
    const token = await saToken("deployer");
    const r = await callAtCurrent("PUT", `${vsPath(ns, "web")}/http/0/weights`, { body: { weights: [{ host: "web-a", weight: 70 }, { host: "web-b", weight: 30 }] }, bearer: token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.eventRecorded).toBe(true);
    const history = await call("GET", `${vsPath(ns, "web")}/history`, { bearer: token });
    expect(history.body.lastChange.who).toBe(`system:serviceaccount:${ns}:deployer`);
    const events = await admin().json<{ items: { reason: string; note: string; reportingController: string; regarding: { name: string; kind: string } }[] }>("GET", `/apis/events.k8s.io/v1/namespaces/${ns}/events`);
    expect(events.items).toContainEqual(
      expect.objectContaining({ reason: "MeshdeckTrafficChange", reportingController: "meshdeck.dev/dashboard", note: r.body.summary, regarding: expect.objectContaining({ kind: "VirtualService", name: "web" }) }),
    );
  });

  it("is refused elsewhere although Meshdeck's own credentials could write there", async () => {
    const token = await saToken("deployer");
    const before = await versions();
    const r = await call("PUT", writes[0]?.path ?? "", { body: writes[0]?.body, bearer: token });
    expect(r.status).toBe(403);
    expect(r.body.error).toMatchObject({ verb: "patch", resource: "virtualservices.networking.istio.io", namespace: shop.namespace });
    expect(await versions()).toEqual(before);
  });

  it("still acts when it may not create events (the Event is skipped silently)", async () => {
    const token = await saToken("quiet");
    const r = await callAtCurrent("PUT", `${hrPath(ns, "web")}/rules/0/weights`, { body: { weights: [{ name: "web-a", weight: 60 }, { name: "web-b", weight: 40 }] }, bearer: token });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.eventRecorded).toBe(false);
    expect(r.body.changed).toBe(true);
  });
});
