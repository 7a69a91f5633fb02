import { describe, expect, it } from "vitest";
import { parseMeshdeckEnv } from "@/lib/config/meshdeck-env";
import { decideAuth } from "./request-auth";
import { SessionStore } from "./session-store";

const store = () => new SessionStore({ ttlMs: 60_000, maxSessions: 10 });
const req = (path: string, headers: Record<string, string> = {}, method = "GET") => new Request(`http://127.0.0.1:3000${path}`, { method, headers });

describe("decideAuth", () => {
  it("token mode: the session cookie becomes a bearer header on the forwarded request only", () => {
    const sessions = store();
    const { id } = sessions.create({ token: "the-token", user: "alice", groups: [] });
    const env = parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "token" });
    const d = decideAuth(req("/api/traffic", { cookie: `meshdeck_session=${id}`, "x-forwarded-user": "mallory" }), env, sessions);
    expect(d.kind).toBe("forward");
    if (d.kind !== "forward") return;
    expect(d.headers.get("authorization")).toBe("Bearer the-token");
    expect(d.headers.get("x-forwarded-user")).toBeNull();
    expect(decideAuth(req("/api/traffic"), env, sessions).kind).toBe("unauthenticated");
    expect(decideAuth(req("/"), env, sessions).kind).toBe("login");
    expect(decideAuth(req("/login"), env, sessions).kind).toBe("forward");
  });

  it("proxy mode: identity headers from an untrusted source are dropped", () => {
    const env = parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "proxy", MESHDECK_PROXY_SECRET: "s3cret" });
    expect(decideAuth(req("/api/traffic", { "x-forwarded-user": "admin" }), env, store()).kind).toBe("unauthenticated");
    const ok = decideAuth(req("/api/traffic", { "x-forwarded-user": "alice", "x-meshdeck-proxy-secret": "s3cret" }), env, store());
    expect(ok.kind).toBe("forward");
    if (ok.kind === "forward") {
      expect(ok.headers.get("x-forwarded-user")).toBe("alice");
      expect(ok.headers.get("x-meshdeck-proxy-secret")).toBeNull();
    }
  });

  it("read-only refuses writes before anything else, but not sign-in", () => {
    const env = parseMeshdeckEnv({ MESHDECK_READ_ONLY: "true", MESHDECK_AUTH_MODE: "token" });
    expect(decideAuth(req("/api/namespaces/a/virtualservices/b/undo", {}, "POST"), env, store()).kind).toBe("read-only");
    expect(decideAuth(req("/api/auth/login", {}, "POST"), env, store()).kind).toBe("forward");
  });
});
