import { describe, expect, it } from "vitest";
import { apiErrorBodySchema } from "@/lib/errors/api-error";
import { apiOptions, canonicalPath, decodedPath, methodRefusal, requestRefusal } from "./request-guard";

const env = { allowedHosts: [], publicOrigins: [] };
const req = (method: string, path: string, host = "127.0.0.1:16410") => new Request(`http://127.0.0.1:16410${path}`, { method, headers: { host } });

describe("requestRefusal", () => {
  it("lets a well-formed request to a loopback host through", () => {
    expect(requestRefusal(req("GET", "/api/traffic"), env)).toBeNull();
    expect(requestRefusal(req("PUT", "/api/namespaces/a/virtualservices/b/http/0/weights"), env)).toBeNull();
    expect(requestRefusal(req("GET", "/services/a/b"), env)).toBeNull();
  });

  it("refuses a DNS-rebinding Host with 421 before anything else", () => {
    const refusal = requestRefusal(req("PUT", "/api/namespaces/a/virtualservices/b/http/0/weights", "evil.example:16410"), env);
    expect(refusal?.error.status).toBe(421);
    expect(apiErrorBodySchema.parse({ error: refusal?.error.detail }).error.code).toBe("MisdirectedRequest");
    expect(requestRefusal(req("GET", "/", "meshdeck.example.com"), { allowedHosts: [], publicOrigins: ["https://meshdeck.example.com"] })).toBeNull();
  });

  it.each(["%zz", "%", "%ff", "%c0%ae", "a%e2%82"])("refuses the undecodable segment %s with 400", (segment) => {
    const refusal = requestRefusal(req("GET", `/api/namespaces/${segment}/virtualservices/x/history`), env);
    expect(refusal?.error.status).toBe(400);
    expect(refusal?.error.code).toBe("BadRequest");
  });
});

describe("methodRefusal", () => {
  it("answers 405 with Allow for a method a documented /api path does not serve", () => {
    const r = methodRefusal("DELETE", "/api/traffic");
    expect(r?.error.status).toBe(405);
    expect(r?.headers.Allow).toBe("GET, HEAD, OPTIONS");
    expect(methodRefusal("PATCH", "/api/namespaces/a/virtualservices/b/http/0/fault")?.headers.Allow).toBe("DELETE, OPTIONS, PUT");
  });

  it("leaves served methods alone and answers undocumented /api paths with a typed 404", () => {
    for (const m of ["GET", "HEAD", "OPTIONS"]) expect(methodRefusal(m, "/api/traffic")).toBeNull();
    expect(methodRefusal("POST", "/api/rollouts/a/b/promote")).toBeNull();
    for (const [m, p] of [["DELETE", "/api/no/such/path"], ["GET", "/api/rollouts/a/b/bogus"], ["GET", "/api"]] as const) expect(methodRefusal(m, p)?.error.code).toBe("NotFound");
  });

  it("refuses unserved methods everywhere and writes to pages", () => {
    expect(methodRefusal("TRACE", "/api/traffic")?.headers.Allow).toBe("DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
    expect(methodRefusal("PROPFIND", "/")?.error.code).toBe("MethodNotAllowed");
    expect(methodRefusal("POST", "/services/a/b")?.headers.Allow).toBe("GET, HEAD, OPTIONS");
  });
});

describe("decodedPath", () => {
  it("decodes each segment on its own", () => {
    expect(decodedPath("/api/tr%61ffic")).toBe("/api/traffic");
    expect(decodedPath("/api/namespaces/a%2Fb/x")).toBe("/api/namespaces/a%2Fb/x");
    expect(decodedPath("/api/%zz")).toBeNull();
  });
});

describe("canonicalPath", () => {
  it("drops trailing and doubled slashes", () => {
    expect(canonicalPath("/api/traffic/")).toBe("/api/traffic");
    expect(canonicalPath("/api//traffic")).toBe("/api/traffic");
    expect(canonicalPath("//")).toBe("/");
    expect(canonicalPath("/")).toBeNull();
    expect(canonicalPath("/api/traffic")).toBeNull();
  });
});

describe("apiOptions", () => {
  it("lists the methods of a documented /api path for OPTIONS only", () => {
    expect(apiOptions("OPTIONS", "/api/openapi.json")).toBe("GET, HEAD, OPTIONS");
    expect(apiOptions("OPTIONS", "/api/namespaces/a/virtualservices/b/test-routes")).toBe("GET, HEAD, OPTIONS, POST");
    expect(apiOptions("GET", "/api/openapi.json")).toBeNull();
    expect(apiOptions("OPTIONS", "/services/a/b")).toBeNull();
  });
});
