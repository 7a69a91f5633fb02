import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard } from "../../lab/core/dashboard.js";
import { repoRoot } from "../../lab/core/paths.js";
import { applyWebSplit, kubeAs, labState, testLab, uniqueNamespace } from "./test-lab.js";

/**
 * The three auth modes and the read-only switch, end to end: a real
 * `next start` (with the server preload, as in the image) against the lab.
 */
const ns = uniqueNamespace("auth");
const PRELOAD = `--require ${path.join(repoRoot, "deploy/runtime/preload.cjs")}`;
const WEIGHTS = { weights: [{ host: "web-a", weight: 70 }, { host: "web-b", weight: 30 }] };
const CSRF = { "x-meshdeck-csrf": "1", "content-type": "application/json" };

function tokenOf(user: "admin" | "viewer"): string {
  const t = /token: (\S+)/.exec(fs.readFileSync(labState().kubeconfigs[user], "utf8"))?.[1];
  if (!t) throw new Error(`no token for ${user}`);
  return t;
}

async function withDashboard(port: number, env: Record<string, string>): Promise<{ base: string; child: ChildProcess }> {
  const log = path.join(labState().dir, `auth-dashboard-${port}.log`);
  const child = await startDashboard(labState(), port, log, { NODE_OPTIONS: PRELOAD, ...env });
  return { base: `http://127.0.0.1:${port}`, child };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

const weightsPath = `/api/namespaces/${ns}/virtualservices/web/http/0/weights`;

beforeAll(() => applyWebSplit(ns, 50));

afterAll(async () => {
  await kubeAs("admin").delete("v1", "Namespace", undefined, ns).catch(() => undefined);
});

describe("token mode", () => {
  let d: { base: string; child: ChildProcess } | undefined;
  const port = testLab.basePort + 51;
  beforeAll(async () => {
    d = await withDashboard(port, { MESHDECK_AUTH_MODE: "token" });
  });
  afterAll(() => stop(d?.child));

  async function login(token: string): Promise<{ status: number; cookie: string; setCookie: string }> {
    const r = await fetch(`${d!.base}/api/auth/login`, { method: "POST", headers: CSRF, body: JSON.stringify({ token }) });
    const setCookie = r.headers.get("set-cookie") ?? "";
    return { status: r.status, cookie: setCookie.split(";")[0] ?? "", setCookie };
  }

  it("refuses anonymous API calls and sends pages to /login, with security headers", async () => {
    const api = await fetch(`${d!.base}/api/traffic`);
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("Forbidden");
    const page = await fetch(`${d!.base}/`, { redirect: "manual" });
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toMatch(/\/login\?next=%2F$/);
    const login = await fetch(`${d!.base}/login`);
    expect(login.status).toBe(200);
    const csp = login.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(login.headers.get("x-content-type-options")).toBe("nosniff");
    expect(login.headers.get("referrer-policy")).toBe("no-referrer");
    expect(login.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    // Next puts the request's nonce on its inline scripts.
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const html = await login.text();
    expect(html).toContain(`nonce="${nonce}"`);
  });

  it("rejects a bad token and accepts the viewer's, keeping the token server-side", async () => {
    expect((await login("not-a-real-token-at-all")).status).toBe(401);
    const viewer = await login(tokenOf("viewer"));
    expect(viewer.status).toBe(200);
    expect(viewer.setCookie).toMatch(/^meshdeck_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(viewer.setCookie).not.toContain(tokenOf("viewer"));
    const session = (await (await fetch(`${d!.base}/api/session`, { headers: { cookie: viewer.cookie } })).json()) as { user: string; via: string; mode: string };
    expect(session).toMatchObject({ user: "viewer", via: "session", mode: "token" });
    expect((await fetch(`${d!.base}/api/traffic`, { headers: { cookie: viewer.cookie } })).status).toBe(200);
  });

  it("writes run as the signed-in user: viewer 403, admin 200; logout ends the session", async () => {
    const viewer = await login(tokenOf("viewer"));
    const denied = await fetch(`${d!.base}${weightsPath}`, { method: "PUT", headers: { ...CSRF, cookie: viewer.cookie }, body: JSON.stringify(WEIGHTS) });
    expect(denied.status).toBe(403);
    const admin = await login(tokenOf("admin"));
    // The route is addressed by index: the write names the version it was planned on (428 without).
    const resourceVersion = (await kubeAs("admin").get<{ metadata: { resourceVersion: string } }>("networking.istio.io/v1", "VirtualService", ns, "web")).metadata.resourceVersion;
    const ok = await fetch(`${d!.base}${weightsPath}?resourceVersion=${resourceVersion}`, { method: "PUT", headers: { ...CSRF, cookie: admin.cookie }, body: JSON.stringify(WEIGHTS) });
    expect(ok.status).toBe(200);
    const vs = await kubeAs("admin").get<{ spec: { http: { route: { weight: number }[] }[] } }>("networking.istio.io/v1", "VirtualService", ns, "web");
    expect(vs.spec.http[0]?.route.map((r) => r.weight)).toEqual([70, 30]);
    const out = await fetch(`${d!.base}/api/auth/logout`, { method: "POST", headers: { ...CSRF, cookie: admin.cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    expect((await fetch(`${d!.base}/api/traffic`, { headers: { cookie: admin.cookie } })).status).toBe(401);
  });

  it("an unverified bearer gets 401 on every read, before anything is served", async () => {
    for (const path of ["/api/virtualservices", "/api/namespaces", `/api/virtualservices?namespace=${ns}`, "/api/traffic"]) {
      const r = await fetch(`${d!.base}${path}`, { headers: { authorization: "Bearer x-not-a-token" } });
      expect(r.status, path).toBe(401);
      expect(await r.text()).not.toContain(ns);
    }
    const session = (await (await fetch(`${d!.base}/api/session`, { headers: { authorization: "Bearer x-not-a-token" } })).json()) as { authenticated: boolean };
    expect(session.authenticated).toBe(false);
    expect((await fetch(`${d!.base}/api/virtualservices`, { headers: { authorization: `Bearer ${tokenOf("viewer")}` } })).status).toBe(200);
  });

  it("sets Secure when the request came over HTTPS (X-Forwarded-Proto from the TLS proxy)", async () => {
    const r = await fetch(`${d!.base}/api/auth/login`, { method: "POST", headers: { ...CSRF, "x-forwarded-proto": "https" }, body: JSON.stringify({ token: tokenOf("viewer") }) });
    expect(r.headers.get("set-cookie")).toMatch(/^__Host-meshdeck_session=.*; Secure$/);
  });
});

describe("proxy mode", () => {
  let d: { base: string; child: ChildProcess } | undefined;
  const port = testLab.basePort + 52;
  const SECRET = "proxy-secret-for-tests-0123456789";
  beforeAll(async () => {
    d = await withDashboard(port, { MESHDECK_AUTH_MODE: "proxy", MESHDECK_TRUSTED_PROXIES: "127.0.0.1/32,::1/128", MESHDECK_PROXY_SECRET: SECRET });
  });
  afterAll(() => stop(d?.child));

  it("impersonates the proxy's user only with the secret from a trusted peer", async () => {
    const asViewer = { "x-forwarded-user": "viewer", "x-forwarded-groups": "meshdeck:viewers" };
    const trusted = { ...asViewer, "x-meshdeck-proxy-secret": SECRET };
    expect((await fetch(`${d!.base}/api/traffic`, { headers: asViewer })).status).toBe(401);
    expect((await fetch(`${d!.base}/api/traffic`, { headers: { ...asViewer, "x-meshdeck-proxy-secret": "wrong" } })).status).toBe(401);
    // Forged peer headers are replaced by the preload.
    expect((await fetch(`${d!.base}/api/traffic`, { headers: { ...asViewer, "x-meshdeck-peer": "127.0.0.1", "x-meshdeck-peer-key": "guess" } })).status).toBe(401);
    const session = (await (await fetch(`${d!.base}/api/session`, { headers: trusted })).json()) as { user: string; groups: string[]; via: string };
    expect(session).toMatchObject({ user: "viewer", groups: ["meshdeck:viewers"], via: "proxy" });
    expect((await fetch(`${d!.base}/api/traffic`, { headers: trusted })).status).toBe(200);
    const denied = await fetch(`${d!.base}${weightsPath}`, { method: "PUT", headers: { ...CSRF, ...trusted }, body: JSON.stringify(WEIGHTS) });
    expect(denied.status).toBe(403);
  });

  it("an unverified bearer gets 401 on reads; a proxy user without RBAC sees no VirtualService or namespace", async () => {
    for (const path of ["/api/virtualservices", "/api/namespaces"]) {
      expect((await fetch(`${d!.base}${path}`, { headers: { authorization: "Bearer x-not-a-token" } })).status, path).toBe(401);
      const nobody = await fetch(`${d!.base}${path}`, { headers: { "x-forwarded-user": "nobody-at-all", "x-meshdeck-proxy-secret": SECRET } });
      expect(nobody.status, path).toBe(200);
      expect(((await nobody.json()) as { items: unknown[] }).items, path).toEqual([]);
    }
  });
});

describe("read-only switch", () => {
  let d: { base: string; child: ChildProcess } | undefined;
  const port = testLab.basePort + 53;
  beforeAll(async () => {
    d = await withDashboard(port, { MESHDECK_READ_ONLY: "true", MESHDECK_FRAME_ANCESTORS: "'self' https://kiosk.example" });
  });
  afterAll(() => stop(d?.child));

  it("refuses every write with a typed ReadOnly error and says so in /api/session", async () => {
    const put = await fetch(`${d!.base}${weightsPath}`, { method: "PUT", headers: CSRF, body: JSON.stringify(WEIGHTS) });
    expect(put.status).toBe(403);
    expect(await put.json()).toMatchObject({ reason: "ReadOnly", error: { code: "Forbidden" } });
    const post = await fetch(`${d!.base}/api/rollouts/${ns}/x/promote`, { method: "POST", headers: CSRF, body: "{}" });
    expect(post.status).toBe(403);
    const session = (await (await fetch(`${d!.base}/api/session`)).json()) as { readOnly: boolean; mode: string; user: string };
    expect(session).toMatchObject({ readOnly: true, mode: "kubeconfig", user: "admin" });
    const traffic = await fetch(`${d!.base}/api/traffic`);
    expect(traffic.status).toBe(200);
    expect(traffic.headers.get("content-security-policy")).toContain("frame-ancestors 'self' https://kiosk.example");
  });

  it("lists the kubeconfig's contexts", async () => {
    const r = (await (await fetch(`${d!.base}/api/contexts`)).json()) as { current: string; contexts: { name: string }[] };
    expect(r.contexts.map((c) => c.name)).toContain(r.current);
  });
});
