import { describe, expect, it, vi } from "vitest";
import { virtualServiceQuerySchema } from "@/lib/api/virtual-services";
import { queryObject } from "@/lib/api/query";
import { apiErrorBodySchema } from "./api-error";
import { AppError } from "./app-error";
import { badRequestFromZod, errorResponse } from "./to-response";

describe("errorResponse", () => {
  it("serialises an AppError with its status", async () => {
    const response = errorResponse(new AppError({ code: "Forbidden", message: "no", verb: "list", resource: "namespaces" }));
    expect(response.status).toBe(403);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toEqual({ error: { code: "Forbidden", message: "no", verb: "list", resource: "namespaces" } });
  });

  it("puts extras beside the error (409 with the fresh object, 423 with the owner)", async () => {
    const conflict = errorResponse(new AppError({ code: "Conflict", message: "changed" }, { extras: { current: { kind: "VirtualService" } } }));
    expect(conflict.status).toBe(409);
    expect(await conflict.json()).toEqual({ current: { kind: "VirtualService" }, error: { code: "Conflict", message: "changed" } });
    const locked = errorResponse(new AppError({ code: "Locked", message: "owned" }, { extras: { error: "ignored", owner: { name: "r" } } }));
    expect(locked.status).toBe(423);
    expect(await locked.json()).toEqual({ owner: { name: "r" }, error: { code: "Locked", message: "owned" } });
  });

  it("hides unexpected errors behind Internal", async () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(new Error("token=abc123"));
    const body = apiErrorBodySchema.parse(await response.json());
    expect(response.status).toBe(500);
    expect(body.error).toEqual({ code: "Internal", message: "Unexpected server error" });
    spy.mockRestore();
  });
});

describe("virtualservices query validation", () => {
  const parse = (qs: string) => virtualServiceQuerySchema.safeParse(queryObject(new URLSearchParams(qs)));

  it("accepts no namespace or a valid one", () => {
    expect(parse("").success).toBe(true);
    expect(parse("namespace=default-265db573")).toMatchObject({ success: true, data: { namespace: "default-265db573" } });
  });

  it.each(["namespace=Bad_NS", "namespace=", "namespace=a&namespace=b", "nmspace=x", `namespace=${"a".repeat(64)}`])(
    "rejects %s as BadRequest",
    async (qs) => {
      const result = parse(qs);
      expect(result.success).toBe(false);
      if (result.success) return;
      const response = errorResponse(badRequestFromZod(result.error));
      expect(response.status).toBe(400);
      const body = apiErrorBodySchema.parse(await response.json());
      expect(body.error.code).toBe("BadRequest");
      expect(body.error.issues?.length).toBeGreaterThan(0);
    },
  );
});
