import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KubeObject } from "../../lab/core/kube-client.js";
import { applyObjects } from "../../lab/core/manifests.js";
import { operations } from "@/lib/api/openapi/operations";
import { isPublicPath } from "@/lib/auth/request-auth";
import { tokenReviewCount } from "@/lib/auth/verify-token";
import { routeFile, serve, type Served } from "./serve-in-process.js";
import { eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";

/**
 * Every GET route of the OpenAPI document, called as an identity that may
 * read one namespace of its own (a ServiceAccount bound to `view` there),
 * through proxy.ts and the handler, in token mode (its bearer token) and
 * proxy mode (impersonated): nothing of any other namespace comes back. An
 * unverified bearer gets 401 on every non-public route.
 */
const own = uniqueNamespace("caller-own");
const other = uniqueNamespace("caller-other");
const SECRET_HOST = `${other}.hidden.example`;
const admin = () => kubeAs("admin");
const PROXY_SECRET = "read-as-caller-secret";

function objects(ns: string, host: string): KubeObject[] {
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
    { apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: ns }, spec: { selector: { app: "web" }, ports: [{ name: "http", port: 80 }] } },
    {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "web", namespace: ns },
      spec: { hosts: [host], gateways: [`${ns}-gateway`], http: [{ route: [{ destination: { host: "web", subset: "a" }, weight: 73 }, { destination: { host: "web", subset: "b" }, weight: 27 }] }] },
    },
    {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "web", namespace: ns },
      spec: { parentRefs: [{ group: "", kind: "Service", name: "web", port: 80 }], rules: [{ backendRefs: [{ name: "web", port: 80 }] }] },
    },
  ];
}

const reader: KubeObject[] = [
  { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "reader", namespace: own } },
  {
    apiVersion: "rbac.authorization.k8s.io/v1",
    kind: "RoleBinding",
    metadata: { name: "reader-view", namespace: own },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
    subjects: [{ kind: "ServiceAccount", name: "reader", namespace: own }],
  },
];

/** Query strings the routes need to do real work (required parameters, or to name a namespace). */
const QUERIES: Record<string, (ns: string) => string[]> = {
  // Takes no query (an undeclared ?namespace= is a 400 by design, lib/api/query.ts).
  "/api/namespaces": () => [""],
  "/api/virtualservices": (ns) => ["", `?namespace=${ns}`],
  "/api/traffic": (ns) => ["", `?namespace=${ns}`],
  "/api/graph": (ns) => ["", `?namespaces=${ns}`],
  "/api/rollouts": (ns) => ["", `?namespace=${ns}`],
  "/api/access": (ns) => [`?verb=list&group=networking.istio.io&resource=virtualservices&namespace=${ns}`],
  "/api/stream": () => ["?topics=traffic,rollouts"],
};

const gets = operations.filter((op) => op.method === "get");

/** A concrete request for `template`, its path parameters filled for namespace `ns`. */
function requestsFor(template: string, ns: string): string[] {
  const path = template.replace("{namespace}", ns).replace("{name}", "web").replace("{kind}", "VirtualService");
  return (QUERIES[template]?.(ns) ?? [""]).map((q) => path + q);
}

let token = "";
let foreign: string[] = [];

async function saToken(): Promise<string> {
  const r = await admin().json<{ status: { token: string } }>("POST", `/api/v1/namespaces/${own}/serviceaccounts/reader/token`, {
    apiVersion: "authentication.k8s.io/v1",
    kind: "TokenRequest",
    spec: { expirationSeconds: 3600 },
  });
  return r.status.token;
}

beforeAll(async () => {
  process.env.MESHDECK_KUBECONFIG = labState().kubeconfigs.admin;
  process.env.MESHDECK_PROMETHEUS_URL = labState().prometheus?.url ?? "";
  await applyObjects(admin(), [...objects(own, "web"), ...objects(other, SECRET_HOST), ...reader]);
  token = await saToken();
  const all = await admin().json<{ items: { metadata: { name: string } }[] }>("GET", "/api/v1/namespaces");
  // Every other namespace's name ("default" is also an ordinary word), and the other namespace's routing.
  foreign = [...all.items.map((n) => n.metadata.name).filter((n) => n !== own && n !== "default"), SECRET_HOST];
  await eventually("the reader may list VirtualServices in its namespace", async () => {
    const r = await admin().json<{ status: { allowed: boolean } }>("POST", "/apis/authorization.k8s.io/v1/subjectaccessreviews", {
      apiVersion: "authorization.k8s.io/v1",
      kind: "SubjectAccessReview",
      spec: { user: `system:serviceaccount:${own}:reader`, resourceAttributes: { verb: "list", group: "networking.istio.io", resource: "virtualservices", namespace: own } },
    });
    return r.status.allowed;
  });
});

afterAll(async () => {
  for (const ns of [own, other]) await admin().delete("v1", "Namespace", undefined, ns).catch(() => undefined);
});

/** The API's own description: the same text for everyone (it names "argo-rollouts" as a word, not as a namespace). */
const STATIC_DOCUMENTS = new Set(["/api/openapi.json"]);

function leaked(served: Served, template: string): string[] {
  return STATIC_DOCUMENTS.has(template) ? [] : foreign.filter((name) => served.text.includes(name));
}

const identities: Array<{ mode: "token" | "proxy"; headers: () => Record<string, string> }> = [
  { mode: "token", headers: () => ({ authorization: `Bearer ${token}` }) },
  {
    mode: "proxy",
    headers: () => ({
      "x-forwarded-user": `system:serviceaccount:${own}:reader`,
      "x-forwarded-groups": `system:serviceaccounts,system:serviceaccounts:${own},system:authenticated`,
      "x-meshdeck-proxy-secret": PROXY_SECRET,
    }),
  },
];

describe.each(identities)("$mode mode: a one-namespace identity on every GET route", ({ mode, headers }) => {
  beforeAll(() => {
    process.env.MESHDECK_AUTH_MODE = mode;
    process.env.MESHDECK_PROXY_SECRET = PROXY_SECRET;
  });

  it("the OpenAPI document's GET routes all resolve to handlers", () => {
    expect(gets.length).toBeGreaterThan(15);
    for (const op of gets) expect(routeFile(op.path)).toMatch(/route\.ts$/);
  });

  it.each(gets.map((op) => op.path))("%s: its own namespace, or no namespace, never shows another namespace", async (template) => {
    for (const path of requestsFor(template, own)) {
      const served = await serve("GET", template, path, headers(), { sseEvents: 2 });
      expect.soft(served.status, `${path}: ${served.text.slice(0, 300)}`).toBeLessThan(500);
      expect.soft(served.status, path).not.toBe(400);
      expect.soft(leaked(served, template), `${path} answered ${served.status}`).toEqual([]);
    }
  });

  it.each(gets.map((op) => op.path).filter((p) => p.includes("{namespace}") || QUERIES[p]))("%s: another namespace's objects are refused", async (template) => {
    for (const path of requestsFor(template, other)) {
      const served = await serve("GET", template, path, headers(), { sseEvents: 2 });
      expect.soft(served.text, path).not.toContain(SECRET_HOST);
      if (template.includes("{namespace}")) expect.soft([403, 404], `${path}: ${served.status} ${served.text.slice(0, 200)}`).toContain(served.status);
    }
  });

  it("/api/virtualservices and /api/namespaces show exactly the own namespace", async () => {
    const vs = JSON.parse((await serve("GET", "/api/virtualservices", "/api/virtualservices", headers())).text) as { items: { namespace: string; name: string }[] };
    expect(vs.items.map((v) => `${v.namespace}/${v.name}`)).toEqual([`${own}/web`]);
    const ns = JSON.parse((await serve("GET", "/api/namespaces", "/api/namespaces", headers())).text) as { items: { name: string }[] };
    expect(ns.items.map((n) => n.name)).toEqual([own]);
    const refused = await serve("GET", "/api/virtualservices", `/api/virtualservices?namespace=${other}`, headers());
    expect(refused.status).toBe(403);
  });
});

describe.each(["token", "proxy", "kubeconfig"] as const)("%s mode: an unverified bearer", (mode) => {
  beforeAll(() => {
    process.env.MESHDECK_AUTH_MODE = mode;
    process.env.MESHDECK_PROXY_SECRET = PROXY_SECRET;
  });

  it("gets 401 on every non-public GET route, and /api/session does not call it authenticated", async () => {
    for (const op of gets) {
      const [path = op.path] = requestsFor(op.path, own);
      const served = await serve("GET", op.path, path, { authorization: "Bearer x-not-a-token" });
      if (isPublicPath(op.path)) expect.soft(served.status, path).not.toBe(401);
      else expect.soft(served.status, `${path}: ${served.text.slice(0, 200)}`).toBe(401);
      expect.soft(leaked(served, op.path), path).toEqual([]);
    }
    const session = JSON.parse((await serve("GET", "/api/session", "/api/session", { authorization: "Bearer x-not-a-token" })).text) as { authenticated: boolean; user: string | null };
    if (mode !== "kubeconfig") expect(session).toMatchObject({ authenticated: false, user: null });
    else expect(session.user).not.toBe("x-not-a-token");
  });

  it("the ServiceAccount's real token passes, and /api/session names it; its review is cached", async () => {
    const session = JSON.parse((await serve("GET", "/api/session", "/api/session", { authorization: `Bearer ${token}` })).text) as { authenticated: boolean; user: string; via: string };
    expect(session).toMatchObject({ authenticated: true, user: `system:serviceaccount:${own}:reader`, via: "bearer" });
    const reviews = tokenReviewCount();
    await serve("GET", "/api/session", "/api/session", { authorization: `Bearer ${token}` });
    expect(tokenReviewCount()).toBe(reviews);
  });
});
