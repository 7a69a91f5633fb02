import { describe, expect, it } from "vitest";
import { authModeFromEnv, identityKey, userContextFromHeaders } from "./user-context";

describe("identityKey", () => {
  it("never contains the token and is stable per identity", () => {
    const token = "eyJhbGciOiJSUzI1NiJ9.secret-part.signature";
    const key = identityKey({ kind: "token", token });
    expect(key).not.toContain(token);
    expect(key).not.toContain("secret");
    expect(key).toMatch(/^token:[A-Za-z0-9_-]{22}$/);
    expect(identityKey({ kind: "token", token })).toBe(key);
    expect(identityKey({ kind: "token", token: `${token}x` })).not.toBe(key);
  });

  it("ignores group order for impersonation and separates users", () => {
    const a = identityKey({ kind: "impersonate", user: "u", groups: ["g1", "g2"] });
    expect(identityKey({ kind: "impersonate", user: "u", groups: ["g2", "g1"] })).toBe(a);
    expect(identityKey({ kind: "impersonate", user: "v", groups: ["g1", "g2"] })).not.toBe(a);
    expect(identityKey({ kind: "server" })).toBe("server");
  });
});

describe("userContextFromHeaders", () => {
  const h = (init: Record<string, string>) => new Headers(init);

  it("acts as the server by default, whatever the headers say", () => {
    expect(userContextFromHeaders(h({ authorization: "Bearer x", "x-forwarded-user": "mallory" }), "server")).toEqual({ kind: "server" });
  });

  it("uses the bearer token in bearer mode", () => {
    expect(userContextFromHeaders(h({ authorization: "Bearer abc.def" }), "bearer")).toEqual({ kind: "token", token: "abc.def" });
    expect(userContextFromHeaders(h({ authorization: "Basic abc" }), "bearer")).toBeNull();
    expect(userContextFromHeaders(h({}), "bearer")).toBeNull();
  });

  it("impersonates the forwarded user and groups in proxy mode", () => {
    expect(userContextFromHeaders(h({ "x-forwarded-user": "alice", "x-forwarded-groups": "dev, ops,," }), "proxy")).toEqual({
      kind: "impersonate",
      user: "alice",
      groups: ["dev", "ops"],
    });
    expect(userContextFromHeaders(h({ "x-forwarded-groups": "system:masters" }), "proxy")).toBeNull();
  });

  it("reads the mode from MESHDECK_AUTH_MODE", () => {
    expect(authModeFromEnv({})).toBe("server");
    expect(authModeFromEnv({ MESHDECK_AUTH_MODE: " Proxy " })).toBe("proxy");
    expect(authModeFromEnv({ MESHDECK_AUTH_MODE: "bogus" })).toBe("server");
  });
});
