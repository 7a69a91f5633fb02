import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { requestIdentity } from "./request-identity";

const req = (headers: Record<string, string>) => new Request("http://localhost/api/x", { headers });

describe("requestIdentity", () => {
  it("uses a bearer token whatever the mode", () => {
    for (const mode of ["server", "bearer", "proxy"] as const) {
      expect(requestIdentity(req({ authorization: "Bearer abc.def" }), mode)).toEqual({ kind: "token", token: "abc.def" });
    }
  });

  it("refuses a malformed bearer credential instead of acting as the server", () => {
    for (const authorization of ["Bearer", "Bearer ", "Bearer abc\u00e4def", "bearer a b"]) {
      expect(() => requestIdentity(req({ authorization }), "server")).toThrow(/Malformed bearer token/);
    }
  });

  it("falls back to the server's credentials in server mode only", () => {
    expect(requestIdentity(req({}), "server")).toEqual({ kind: "server" });
    expect(requestIdentity(req({ authorization: "Basic eDp5" }), "server")).toEqual({ kind: "server" });
    expect(requestIdentity(req({ "x-forwarded-user": "mallory" }), "server")).toEqual({ kind: "server" });
  });

  it("impersonates the proxy's user in proxy mode and refuses requests without one", () => {
    expect(requestIdentity(req({ "x-forwarded-user": "alice", "x-forwarded-groups": "dev" }), "proxy")).toEqual({ kind: "impersonate", user: "alice", groups: ["dev"] });
    expect(() => requestIdentity(req({}), "proxy")).toThrow(/X-Forwarded-User/);
  });

  it("refuses anonymous requests in bearer mode", () => {
    let caught: unknown;
    try {
      requestIdentity(req({}), "bearer");
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.status).toBe(403);
  });
});
