import "server-only";
import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { KubeHttpError } from "./identity/kube-http";
import { parseStatusBody, toAppError, type K8sOperation } from "./map-error";

const op: K8sOperation = { verb: "list", resource: "virtualservices.networking.istio.io", namespace: "bookinfo" };

function status(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message });
}

function apiException(code: number, body: unknown): ApiException<unknown> {
  // client-node's own message embeds response headers; it must never reach the client.
  return new ApiException(code, `HTTP-Code: ${code}\nMessage: Unknown API Status Code!\nHeaders: {"audit-id":"secret-ish"}`, body, {});
}

describe("toAppError", () => {
  it("maps 403 to Forbidden naming verb and resource, with the server's message", () => {
    const message = 'virtualservices.networking.istio.io is forbidden: User "viewer" cannot list resource "virtualservices" in API group "networking.istio.io" in the namespace "bookinfo"';
    const error = toAppError(apiException(403, status(403, "Forbidden", message)), op);
    expect(error).toBeInstanceOf(AppError);
    expect(error.status).toBe(403);
    expect(error.detail).toEqual({ code: "Forbidden", message, verb: "list", resource: "virtualservices.networking.istio.io", namespace: "bookinfo" });
  });

  it("maps 401 (no body, as client-node throws it) to Forbidden too", () => {
    const error = toAppError(new ApiException(401, "Unauthorized", undefined, {}), { verb: "list", resource: "namespaces" });
    expect(error.detail.code).toBe("Forbidden");
    expect(error.detail.verb).toBe("list");
    expect(error.detail.resource).toBe("namespaces");
    expect(error.detail.namespace).toBeUndefined();
    expect(error.message).toMatch(/cannot list namespaces/);
  });

  it("a 401 answered to the caller's credentials says so and is a 401; to Meshdeck's own, names Meshdeck's", () => {
    const body = status(401, "Unauthorized", "Unauthorized");
    const caller = toAppError(new KubeHttpError(401, body, "GET /apis", "caller"), op);
    expect(caller.status).toBe(401);
    expect(caller.detail.code).toBe("Forbidden");
    expect(caller.message).toMatch(/rejected the caller's credentials/);
    expect(caller.message).not.toMatch(/Meshdeck's credentials/);
    const own = toAppError(new KubeHttpError(401, body, "GET /apis"), op);
    expect(own.message).toMatch(/rejected Meshdeck's credentials/);
  });

  it.each([
    [400, "BadRequest", 400],
    [404, "NotFound", 404],
    [409, "Conflict", 409],
    [422, "Unprocessable", 422],
    [429, "Unavailable", 503],
    [500, "Unavailable", 503],
    [503, "Unavailable", 503],
    [418, "Internal", 500],
  ] as const)("maps HTTP %i to %s (HTTP %i)", (code, expected, httpStatus) => {
    const error = toAppError(apiException(code, status(code, "X", `server says ${code}`)), op);
    expect(error.detail.code).toBe(expected);
    expect(error.status).toBe(httpStatus);
    expect(error.message).toBe(`server says ${code}`);
  });

  it("never forwards client-node's own exception message", () => {
    const error = toAppError(apiException(500, "<html>oops</html>"), op);
    expect(error.message).not.toContain("Headers");
    expect(error.message).toMatch(/answered 500 to list virtualservices/);
  });

  it("maps connection failures and timeouts to Unavailable", () => {
    const refused = Object.assign(new TypeError("fetch failed"), { cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }) });
    expect(toAppError(refused, op).detail.code).toBe("Unavailable");
    expect(toAppError(new DOMException("The operation was aborted due to timeout", "TimeoutError"), op).detail.code).toBe("Unavailable");
    expect(toAppError(new DOMException("aborted", "AbortError"), op).detail.code).toBe("Unavailable");
  });

  it("maps anything else to Internal and passes AppErrors through", () => {
    expect(toAppError(new Error("boom"), op).detail.code).toBe("Internal");
    expect(toAppError("weird", op).detail.code).toBe("Internal");
    const original = new AppError({ code: "CrdMissing", message: "no CRDs" });
    expect(toAppError(original, op)).toBe(original);
  });
});

describe("parseStatusBody", () => {
  it("reads Status from a JSON string or an object, ignoring anything else", () => {
    expect(parseStatusBody(status(404, "NotFound", "not here"))).toEqual({ message: "not here", reason: "NotFound" });
    expect(parseStatusBody({ message: "m" })).toEqual({ message: "m", reason: undefined });
    expect(parseStatusBody("not json")).toEqual({});
    expect(parseStatusBody(undefined)).toEqual({});
  });
});
