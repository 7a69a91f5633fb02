import { afterEach, describe, expect, it, vi } from "vitest";
import { namespaceListSchema } from "@/lib/api/namespaces";
import { ApiRequestError, fetchJson } from "./fetch-json";

function respond(status: number, body: unknown) {
  vi.stubGlobal("fetch", vi.fn(async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status })));
}

async function failure(promise: Promise<unknown>): Promise<ApiRequestError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ApiRequestError);
  return error as ApiRequestError;
}

describe("fetchJson", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("returns the validated body", async () => {
    respond(200, { items: [{ name: "bookinfo", injection: "enabled", revision: null }] });
    await expect(fetchJson("/api/namespaces", namespaceListSchema)).resolves.toEqual({
      items: [{ name: "bookinfo", injection: "enabled", revision: null }],
    });
  });

  it("surfaces the typed error of the route", async () => {
    respond(403, { error: { code: "Forbidden", message: "no", verb: "list", resource: "namespaces" } });
    const error = await failure(fetchJson("/api/namespaces", namespaceListSchema));
    expect(error.status).toBe(403);
    expect(error.detail).toEqual({ code: "Forbidden", message: "no", verb: "list", resource: "namespaces" });
  });

  it("turns untyped failures and unexpected shapes into Internal", async () => {
    respond(502, "<html>bad gateway</html>");
    expect((await failure(fetchJson("/api/namespaces", namespaceListSchema))).detail.code).toBe("Internal");
    respond(200, { items: "nope" });
    expect((await failure(fetchJson("/api/namespaces", namespaceListSchema))).detail.code).toBe("Internal");
  });

  it("reports an unreachable server as Unavailable", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    expect((await failure(fetchJson("/api/namespaces", namespaceListSchema))).detail.code).toBe("Unavailable");
  });
});
