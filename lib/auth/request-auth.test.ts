import { describe, expect, it } from "vitest";
import { parseMeshdeckEnv } from "@/lib/config/meshdeck-env";
import { AppError } from "@/lib/errors/app-error";
import { LoginRateLimit } from "./login-rate-limit";
import { decideAuth, type AuthDependencies } from "./request-auth";
import { SessionStore } from "./session-store";

const store = () => new SessionStore({ ttlMs: 60_000, maxSessions: 10, maxPerUser: 3 });
const req = (path: string, headers: Record<string, string> = {}, method = "GET") => new Request(`http://127.0.0.1:3000${path}`, { method, headers });

/** The API server's verdict, as a table: only "good-token" is accepted. */
function deps(sessions = store(), perMinute = 100): AuthDependencies & { reviewed: string[] } {
  const reviewed: string[] = [];
  return {
    sessions,
    reviewed,
    loginLimit: new LoginRateLimit({ perMinute, maxClients: 100 }),
    verifyBearer: (token) => {
      reviewed.push(token);
      if (token === "down") return Promise.reject(new AppError({ code: "Unavailable", message: "down" }));
      return Promise.resolve(token === "good-token" ? { user: "alice" } : null);
    },
  };
}

describe("decideAuth", () => {
  it("token mode: the session cookie becomes a bearer header on the forwarded request only", async () => {
    const d0 = deps();
    const { id } = d0.sessions.create({ token: "the-token", user: "alice", groups: [] });
    const env = parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "token" });
    const d = await decideAuth(req("/api/traffic", { cookie: `meshdeck_session=${id}`, "x-forwarded-user": "mallory" }), env, d0);
    expect(d.kind).toBe("forward");
    if (d.kind !== "forward") return;
    expect(d.headers.get("authorization")).toBe("Bearer the-token");
    expect(d.headers.get("x-forwarded-user")).toBeNull();
    expect((await decideAuth(req("/api/traffic"), env, d0)).kind).toBe("unauthenticated");
    expect((await decideAuth(req("/"), env, d0)).kind).toBe("login");
    expect((await decideAuth(req("/login"), env, d0)).kind).toBe("forward");
  });

  it.each(["token", "proxy", "kubeconfig"])("%s mode: a bearer the API server refuses gets 401 before any handler; an accepted one passes", async (mode) => {
    const env = parseMeshdeckEnv({ MESHDECK_AUTH_MODE: mode, MESHDECK_PROXY_SECRET: "s3cret" });
    const d0 = deps();
    for (const path of ["/api/virtualservices", "/api/namespaces?namespace=x", "/api/stream"]) {
      expect((await decideAuth(req(path, { authorization: "Bearer x-not-a-token" }), env, d0)).kind).toBe("unauthenticated");
      expect((await decideAuth(req(path, { authorization: "Bearer" }), env, d0)).kind).toBe("unauthenticated");
      const ok = await decideAuth(req(path, { authorization: "Bearer good-token" }), env, d0);
      expect(ok.kind).toBe("forward");
      if (ok.kind === "forward") expect(ok.headers.get("authorization")).toBe("Bearer good-token");
    }
    expect(d0.reviewed).toContain("x-not-a-token");
    expect((await decideAuth(req("/", { authorization: "Bearer x-not-a-token" }), env, d0)).kind).toBe("login");
  });

  it("public paths: a refused bearer is dropped, so /api/session cannot call it authenticated", async () => {
    const env = parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "token" });
    const d = await decideAuth(req("/api/session", { authorization: "Bearer x-not-a-token" }), env, deps());
    expect(d.kind).toBe("forward");
    if (d.kind === "forward") expect(d.headers.get("authorization")).toBeNull();
  });

  it("cannot check the token (API server down): 503 with Retry-After, never forwarded", async () => {
    const env = parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "proxy", MESHDECK_PROXY_SECRET: "s3cret" });
    expect(await decideAuth(req("/api/traffic", { authorization: "Bearer down" }), env, deps())).toMatchObject({ kind: "refused", status: 503 });
  });

  it("proxy mode: identity headers from an untrusted source are dropped", async () => {
    const env = parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "proxy", MESHDECK_PROXY_SECRET: "s3cret" });
    expect((await decideAuth(req("/api/traffic", { "x-forwarded-user": "admin" }), env, deps())).kind).toBe("unauthenticated");
    const ok = await decideAuth(req("/api/traffic", { "x-forwarded-user": "alice", "x-meshdeck-proxy-secret": "s3cret" }), env, deps());
    expect(ok.kind).toBe("forward");
    if (ok.kind === "forward") {
      expect(ok.headers.get("x-forwarded-user")).toBe("alice");
      expect(ok.headers.get("x-meshdeck-proxy-secret")).toBeNull();
    }
  });

  it("rate-limits sign-in attempts per client address with a Retry-After", async () => {
    const env = parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "token" });
    const d0 = deps(store(), 2);
    const attempt = () => decideAuth(req("/api/auth/login", {}, "POST"), env, d0);
    expect((await attempt()).kind).toBe("forward");
    expect((await attempt()).kind).toBe("forward");
    const third = await attempt();
    expect(third).toMatchObject({ kind: "refused", status: 429 });
    if (third.kind === "refused") expect(third.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect((await decideAuth(req("/api/traffic", { authorization: "Bearer good-token" }), env, d0)).kind).toBe("forward");
  });

  it("read-only refuses writes before anything else, but not sign-in", async () => {
    const env = parseMeshdeckEnv({ MESHDECK_READ_ONLY: "true", MESHDECK_AUTH_MODE: "token" });
    expect((await decideAuth(req("/api/namespaces/a/virtualservices/b/undo", {}, "POST"), env, deps())).kind).toBe("read-only");
    expect((await decideAuth(req("/api/auth/login", {}, "POST"), env, deps())).kind).toBe("forward");
  });
});
