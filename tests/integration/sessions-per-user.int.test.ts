import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyObjects } from "../../lab/core/manifests.js";
import { serve, type Served } from "./serve-in-process.js";
import { adminToken, kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { viewerToken } from "./actions-client.js";

/**
 * Token mode, sign-in through proxy.ts and the login handler in-process: one
 * user signing in over and over only ends their own sessions; a full table
 * refuses newcomers instead of signing anyone out; sign-in attempts are
 * limited per client address (429 with Retry-After).
 */
const ns = uniqueNamespace("sessions");
const PEER_KEY = "sessions-test-peer-key";
const admin = () => kubeAs("admin");

let flooder = "";

beforeAll(async () => {
  Object.assign(process.env, {
    MESHDECK_KUBECONFIG: labState().kubeconfigs.admin,
    MESHDECK_AUTH_MODE: "token",
    MESHDECK_MAX_SESSIONS: "5",
    MESHDECK_MAX_SESSIONS_PER_USER: "3",
    MESHDECK_LOGIN_RATE_PER_MINUTE: "4",
  });
  // What deploy/runtime/preload.cjs does: the proven TCP peer of each request.
  (globalThis as { __meshdeckPeerKey?: string }).__meshdeckPeerKey = PEER_KEY;
  await applyObjects(admin(), [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: ns } },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: "flooder", namespace: ns } },
  ]);
  const r = await admin().json<{ status: { token: string } }>("POST", `/api/v1/namespaces/${ns}/serviceaccounts/flooder/token`, {
    apiVersion: "authentication.k8s.io/v1",
    kind: "TokenRequest",
    spec: { expirationSeconds: 3600 },
  });
  flooder = r.status.token;
});

afterAll(async () => {
  await admin().delete("v1", "Namespace", undefined, ns).catch(() => undefined);
});

let attempt = 0;
/** A sign-in from its own client address (or `peer`). */
async function login(token: string, peer = `10.1.${attempt >> 8}.${attempt++ & 255}`): Promise<Served & { cookie: string }> {
  const served = await serve("POST", "/api/auth/login", "/api/auth/login", {
    "content-type": "application/json",
    "x-meshdeck-csrf": "1",
    "x-meshdeck-peer": peer,
    "x-meshdeck-peer-key": PEER_KEY,
  }, { body: JSON.stringify({ token }) });
  return { ...served, cookie: (served.headers.get("set-cookie") ?? "").split(";")[0] ?? "" };
}

async function whoIs(cookie: string): Promise<{ authenticated: boolean; user: string | null }> {
  return JSON.parse((await serve("GET", "/api/session", "/api/session", { cookie })).text) as { authenticated: boolean; user: string | null };
}

describe("sessions per user", () => {
  it("one user's many sign-ins end only that user's own oldest sessions", async () => {
    const viewer = await login(viewerToken());
    expect(viewer.status).toBe(200);
    const floods: string[] = [];
    for (let i = 0; i < 30; i++) {
      const r = await login(flooder);
      expect(r.status, r.text).toBe(200);
      floods.push(r.cookie);
    }
    expect(await whoIs(viewer.cookie)).toMatchObject({ authenticated: true, user: "viewer" });
    const alive = await Promise.all(floods.map(async (c) => (await whoIs(c)).authenticated));
    expect(alive.filter(Boolean)).toHaveLength(3);
    expect(alive.slice(-3)).toEqual([true, true, true]);
  });

  it("a full table refuses a newcomer (503, Retry-After) and keeps everyone signed in", async () => {
    // viewer 1 + flooder 3 = 4 of 5: admin takes the last place, then nobody new fits.
    const adminSession = await login(adminToken());
    expect(adminSession.status).toBe(200);
    const other = await admin().json<{ status: { token: string } }>("POST", `/api/v1/namespaces/${ns}/serviceaccounts/default/token`, {
      apiVersion: "authentication.k8s.io/v1",
      kind: "TokenRequest",
      spec: { expirationSeconds: 3600 },
    });
    const refused = await login(other.status.token);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((JSON.parse(refused.text) as { error: { code: string } }).error.code).toBe("Unavailable");
    expect(await whoIs(adminSession.cookie)).toMatchObject({ authenticated: true, user: "admin" });
    // The flooder at its own cap still signs in, by replacing its own oldest.
    expect((await login(flooder)).status).toBe(200);
  });

  it("sign-in attempts are limited per client address: 429 with Retry-After, other addresses unaffected", async () => {
    const statuses: number[] = [];
    let last: Served | undefined;
    for (let i = 0; i < 6; i++) {
      last = await login("not-a-real-token-at-all", "192.0.2.7");
      statuses.push(last.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await login("not-a-real-token-at-all", "192.0.2.8")).status).toBe(401);
  });
});
