import fs from "node:fs";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./actions-client.js";
import { kubeAs, labState, twoContextKubeconfig, uniqueNamespace } from "./test-lab.js";

// Per-session kubeconfig contexts (kubeconfig mode) against the lab: the
// dashboard's kubeconfig has two contexts on the same API server, "lab-admin"
// (current) and "lab-viewer". A browser session that picks lab-viewer reads
// and writes as the viewer, live updates included; other sessions stay admin.

const lab = labState();
const tokenOf = (file: string) => /token: (\S+)/.exec(fs.readFileSync(file, "utf8"))?.[1] ?? "";
const adminToken = tokenOf(lab.kubeconfigs.admin);
const viewerToken = tokenOf(lab.kubeconfigs.viewer);
const kubeconfig = twoContextKubeconfig();
process.env.MESHDECK_KUBECONFIG = kubeconfig.file;
delete process.env.MESHDECK_AUTH_MODE;
process.env.MESHDECK_PROMETHEUS_URL = "";

const contexts = await import("@/app/api/contexts/route");
const traffic = await import("@/app/api/traffic/route");
const access = await import("@/app/api/access/route");
const stream = await import("@/app/api/stream/route");
const metrics = await import("@/app/api/services/[namespace]/[name]/metrics/route");
const { stopClusterCaches } = await import("@/lib/k8s/cache/cluster-cache");
const { resetLiveRuntime, hubStats } = await import("@/lib/live/runtime");
const { contextsSchema } = await import("@/lib/auth/session-api");

const ns = uniqueNamespace("contexts");
const ORIGIN = "http://127.0.0.1:3000";
const CSRF = { "x-meshdeck-csrf": "1", "content-type": "application/json" };

function pick(context: unknown, headers: Record<string, string> = CSRF): Promise<Response> {
  return contexts.POST(new Request(`${ORIGIN}/api/contexts`, { method: "POST", headers, body: JSON.stringify({ context }) }));
}

async function list(cookie?: string) {
  const res = await contexts.GET(new Request(`${ORIGIN}/api/contexts`, { headers: cookie ? { cookie } : {} }));
  expect(res.status).toBe(200);
  const text = await res.text();
  return { text, body: contextsSchema.parse(JSON.parse(text)) };
}

async function mayPatchVs(cookie?: string): Promise<boolean> {
  const res = await access.GET(new NextRequest(`${ORIGIN}/api/access?verb=patch&group=networking.istio.io&resource=virtualservices&namespace=${ns}`, { headers: cookie ? { cookie } : {} }));
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { allowed: boolean }).allowed;
}

beforeAll(async () => {
  await kubeAs("admin").apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  await kubeAs("admin").apply({
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "web", namespace: ns },
    spec: { hosts: ["web"], http: [{ route: [{ destination: { host: "web-a" }, weight: 50 }, { destination: { host: "web-b" }, weight: 50 }] }] },
  });
});

afterAll(async () => {
  resetLiveRuntime();
  await stopClusterCaches();
  await kubeAs("admin").delete("v1", "Namespace", undefined, ns).catch(() => undefined);
  kubeconfig.remove();
});

describe("per-session kubeconfig contexts", () => {
  let viewerCookie = "";

  it("lists the kubeconfig's contexts without credentials; switching is on in kubeconfig mode", async () => {
    const { text, body } = await list();
    expect(body).toEqual({
      fromKubeconfig: true,
      current: "lab-admin",
      default: "lab-admin",
      contexts: [
        { name: "lab-admin", cluster: "lab", namespace: null },
        { name: "lab-viewer", cluster: "lab", namespace: "default" },
      ],
      switchable: true,
    });
    expect(text).not.toContain(adminToken);
    expect(text).not.toContain(viewerToken);
  });

  it("refuses a switch without the CSRF header, to an unknown context, or with a bad body", async () => {
    expect((await pick("lab-viewer", { "content-type": "application/json" })).status).toBe(403);
    expect((await pick("prod")).status).toBe(404);
    expect((await pick("")).status).toBe(400);
    expect((await pick(42)).status).toBe(400);
  });

  it("picks lab-viewer for this session with an httpOnly SameSite=Strict session cookie", async () => {
    const res = await pick("lab-viewer");
    expect(res.status, await res.clone().text()).toBe(200);
    expect(contextsSchema.parse(await res.json()).current).toBe("lab-viewer");
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^meshdeck_context=lab-viewer; Path=\/; HttpOnly; SameSite=Strict$/);
    viewerCookie = setCookie.split(";")[0]!;
    expect((await list(viewerCookie)).body.current).toBe("lab-viewer");
    expect((await list()).body.current).toBe("lab-admin");
  });

  it("the session acts as the viewer context: reads work, writes are refused; other sessions stay admin", async () => {
    expect(await mayPatchVs()).toBe(true);
    expect(await mayPatchVs(viewerCookie)).toBe(false);
    const weights = { weights: [{ host: "web-a", weight: 80 }, { host: "web-b", weight: 20 }] };
    const path = `/api/namespaces/${ns}/virtualservices/web/http/http:0/weights`;
    const refused = await call("PUT", path, { body: weights, headers: { cookie: viewerCookie } });
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatchObject({ code: "Forbidden", verb: "patch" });
    const vs = await kubeAs("admin").get<{ spec: { http: { route: { weight: number }[] }[] } }>("networking.istio.io/v1", "VirtualService", ns, "web");
    expect(vs.spec.http[0]?.route.map((r) => r.weight)).toEqual([50, 50]);
    const read = await traffic.GET(new NextRequest(`${ORIGIN}/api/traffic?namespace=${ns}`, { headers: { cookie: viewerCookie } }));
    expect(read.status, await read.clone().text()).toBe(200);
    expect(((await read.json()) as { virtualServices: { name: string }[] }).virtualServices.map((v) => v.name)).toContain("web");
    await kubeAs("admin").apply({ apiVersion: "v1", kind: "Service", metadata: { name: "web-a", namespace: ns }, spec: { selector: { app: "web-a" }, ports: [{ port: 80 }] } });
    const panels = await metrics.GET(new Request(`${ORIGIN}/api/services/${ns}/web-a/metrics`, { headers: { cookie: viewerCookie } }), { params: Promise.resolve({ namespace: ns, name: "web-a" }) });
    expect(panels.status, await panels.clone().text()).toBe(200);
    expect(((await panels.json()) as { pods: { status: string } }).pods.status).toBe("ok");
    // The route is addressed by index: the write names the version it was planned on.
    const resourceVersion = (await kubeAs("admin").get<{ metadata: { resourceVersion: string } }>("networking.istio.io/v1", "VirtualService", ns, "web")).metadata.resourceVersion;
    const allowed = await call("PUT", path, { body: { ...weights, resourceVersion } });
    expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
  });

  it("the session's live stream comes from a hub of its own context", async () => {
    const before = hubStats()?.clients ?? 0;
    const controller = new AbortController();
    const res = await stream.GET(new Request(`${ORIGIN}/api/stream?topics=cluster`, { headers: { cookie: viewerCookie, accept: "text/event-stream" }, signal: controller.signal }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first.length).toBeGreaterThan(0);
    expect(hubStats()?.clients).toBe(before + 1);
    const { getLiveRuntime } = await import("@/lib/live/runtime");
    const { kubeConfigForContext } = await import("@/lib/k8s/context-config");
    expect(getLiveRuntime(kubeConfigForContext("lab-viewer")).cache.key).toBe(`lab-viewer@${lab.apiserver.url}`);
    expect(getLiveRuntime(kubeConfigForContext("lab-viewer"))).not.toBe(getLiveRuntime());
    controller.abort();
    await reader.cancel().catch(() => undefined);
  });

  it("picking the default context again clears the cookie; token mode refuses switching", async () => {
    const res = await pick("lab-admin");
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/meshdeck_context=; .*Max-Age=0/);
    process.env.MESHDECK_AUTH_MODE = "token";
    try {
      expect((await pick("lab-viewer")).status).toBe(409);
      const listed = (await list(viewerCookie)).body;
      expect(listed).toMatchObject({ switchable: false, current: "lab-admin" });
      // The server kubeconfig's other contexts (clusters, namespaces) are not shown to token-mode callers.
      expect(listed.contexts).toEqual([]);
    } finally {
      delete process.env.MESHDECK_AUTH_MODE;
    }
  });
});
