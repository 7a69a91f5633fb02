import { describe, expect, it } from "vitest";
import { ConfigError, parseMeshdeckEnv } from "./meshdeck-env";

describe("parseMeshdeckEnv", () => {
  it("defaults to kubeconfig mode, writable, frame-ancestors 'none'", () => {
    const env = parseMeshdeckEnv({});
    expect(env).toMatchObject({ authMode: "kubeconfig", readOnly: false, trustedProxies: [], proxySecret: "", frameAncestors: ["'none'"], cookieSecure: undefined });
  });

  it("bounds sessions per user and sign-in attempts, and reuses token reviews briefly, by default", () => {
    expect(parseMeshdeckEnv({})).toMatchObject({ maxSessions: 10_000, maxSessionsPerUser: 10, loginRatePerMinute: 10, tokenReviewTtlSeconds: 30 });
    expect(parseMeshdeckEnv({ MESHDECK_MAX_SESSIONS_PER_USER: "2", MESHDECK_LOGIN_RATE_PER_MINUTE: "3", MESHDECK_TOKEN_REVIEW_TTL_SECONDS: "5" })).toMatchObject({
      maxSessionsPerUser: 2,
      loginRatePerMinute: 3,
      tokenReviewTtlSeconds: 5,
    });
    expect(() => parseMeshdeckEnv({ MESHDECK_TOKEN_REVIEW_TTL_SECONDS: "3600" })).toThrow(/MESHDECK_TOKEN_REVIEW_TTL_SECONDS/);
    expect(() => parseMeshdeckEnv({ MESHDECK_MAX_SESSIONS_PER_USER: "0" })).toThrow(/MESHDECK_MAX_SESSIONS_PER_USER/);
  });

  it("accepts the mode names and the older aliases", () => {
    expect(parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "token" }).authMode).toBe("token");
    expect(parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "bearer" }).authMode).toBe("token");
    expect(parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "Proxy" }).authMode).toBe("proxy");
    expect(parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "server" }).authMode).toBe("kubeconfig");
  });

  it("refuses an unknown mode instead of falling back to the server's identity", () => {
    expect(() => parseMeshdeckEnv({ MESHDECK_AUTH_MODE: "oidc" })).toThrow(ConfigError);
  });

  it("parses booleans, lists and CSP sources", () => {
    const env = parseMeshdeckEnv({
      MESHDECK_READ_ONLY: "true",
      MESHDECK_COOKIE_SECURE: "0",
      MESHDECK_TRUSTED_PROXIES: "10.0.0.0/8, 127.0.0.1",
      MESHDECK_FRAME_ANCESTORS: "'self' https://kiosk.example",
    });
    expect(env).toMatchObject({ readOnly: true, cookieSecure: false, trustedProxies: ["10.0.0.0/8", "127.0.0.1"], frameAncestors: ["'self'", "https://kiosk.example"] });
    expect(() => parseMeshdeckEnv({ MESHDECK_READ_ONLY: "maybe" })).toThrow(/MESHDECK_READ_ONLY/);
    expect(() => parseMeshdeckEnv({ MESHDECK_FRAME_ANCESTORS: "https://a.example;script-src" })).toThrow(/MESHDECK_FRAME_ANCESTORS/);
  });
});

describe("allowed hosts and public origins", () => {
  it("parses names, wildcards, addresses and origins", () => {
    const env = parseMeshdeckEnv({ MESHDECK_ALLOWED_HOSTS: "meshdeck.meshdeck.svc, *.example.com 10.0.0.0/8 [fd00::1]:3000", MESHDECK_PUBLIC_ORIGIN: "https://meshdeck.example.com/" });
    expect(env.allowedHosts).toEqual(["meshdeck.meshdeck.svc", "*.example.com", "10.0.0.0/8", "[fd00::1]:3000"]);
    expect(env.publicOrigins).toEqual(["https://meshdeck.example.com"]);
    expect(parseMeshdeckEnv({})).toMatchObject({ allowedHosts: [], publicOrigins: [] });
  });

  it.each([
    ["MESHDECK_ALLOWED_HOSTS", "evil.example/path"],
    ["MESHDECK_ALLOWED_HOSTS", "*"],
    ["MESHDECK_PUBLIC_ORIGIN", "meshdeck.example.com"],
    ["MESHDECK_PUBLIC_ORIGIN", "https://meshdeck.example.com/app"],
  ])("refuses %s=%s", (name, value) => {
    expect(() => parseMeshdeckEnv({ [name]: value })).toThrow(new RegExp(name));
  });
});
