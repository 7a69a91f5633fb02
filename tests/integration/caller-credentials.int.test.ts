import { beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { call, useLabAdminKubeconfig, vsPath } from "./actions-client.js";

/**
 * A caller's token the API server refuses (expired, revoked between the check
 * in proxy.ts and the call): the answer is a 401 saying the caller's
 * credentials were rejected, not Meshdeck's. Handlers are called in-process
 * without proxy.ts, as a token revoked after it was verified would reach them.
 */
const REVOKED = "Bearer revoked-or-unknown-token";

beforeAll(() => {
  useLabAdminKubeconfig();
  process.env.MESHDECK_AUTH_MODE = "token";
});

function expectCallersFault(status: number, body: { error: { code: string; message: string } }): void {
  expect(status).toBe(401);
  expect(body.error.code).toBe("Forbidden");
  expect(body.error.message).toMatch(/rejected the caller's credentials/);
  expect(body.error.message).not.toMatch(/Meshdeck's credentials/);
}

describe("a rejected caller token", () => {
  it("GET /api/access (a SelfSubjectAccessReview as the caller)", async () => {
    const { GET } = await import("@/app/api/access/route");
    const response = await GET(new NextRequest("http://127.0.0.1:3000/api/access?verb=list&resource=pods&namespace=default", { headers: { authorization: REVOKED } }));
    expectCallersFault(response.status, (await response.json()) as { error: { code: string; message: string } });
  });

  it("a traffic action's read (the VirtualService's history, read as the caller)", async () => {
    const r = await call("GET", `${vsPath("sample-ns", "sample-vs")}/history`, { bearer: "revoked-or-unknown-token" });
    expectCallersFault(r.status, r.body as { error: { code: string; message: string } });
  });
});
