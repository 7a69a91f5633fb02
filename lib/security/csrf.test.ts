import { describe, expect, it } from "vitest";
import { isAppError } from "@/lib/errors/app-error";
import { assertCsrf, csrfVerdict } from "./csrf";

const URL_ = "http://127.0.0.1:3000/api/namespaces/default/virtualservices/web/undo";
const req = (method: string, headers: Record<string, string>) => new Request(URL_, { method, headers });
const ok = { ok: true };

describe("csrfVerdict", () => {
  it("lets safe methods through without the header", () => {
    expect(csrfVerdict(req("GET", {}))).toEqual(ok);
    expect(csrfVerdict(req("HEAD", { origin: "https://evil.example" }))).toEqual(ok);
  });

  it.each(["POST", "PUT", "PATCH", "DELETE"])("requires the custom header on %s", (method) => {
    expect(csrfVerdict(req(method, {})).ok).toBe(false);
    expect(csrfVerdict(req(method, { "x-meshdeck-csrf": "0" })).ok).toBe(false);
    expect(csrfVerdict(req(method, { "x-meshdeck-csrf": "1" }))).toEqual(ok);
  });

  it("accepts same-origin browser requests", () => {
    expect(csrfVerdict(req("POST", { "x-meshdeck-csrf": "1", origin: "http://127.0.0.1:3000", "sec-fetch-site": "same-origin" }))).toEqual(ok);
    const internal = req("POST", { "x-meshdeck-csrf": "1", host: "meshdeck.internal:8080", origin: "http://meshdeck.internal:8080" });
    expect(csrfVerdict(internal, { MESHDECK_ALLOWED_HOSTS: "meshdeck.internal" })).toEqual(ok);
  });

  it("does not trust a Host header that is not allowed (DNS rebinding)", () => {
    const rebound = { "x-meshdeck-csrf": "1", host: "evil.example:16410", origin: "http://evil.example:16410" };
    expect(csrfVerdict(new Request("http://evil.example:16410/api/x", { method: "PUT", headers: rebound }), {}).ok).toBe(false);
    expect(csrfVerdict(req("PUT", rebound), {}).ok).toBe(false);
    expect(csrfVerdict(req("PUT", { ...rebound, host: "meshdeck.internal:8080", origin: "http://meshdeck.internal:8080" }), {}).ok).toBe(false);
  });

  it("refuses cross-site signals even with the header", () => {
    const h = { "x-meshdeck-csrf": "1" };
    expect(csrfVerdict(req("POST", { ...h, origin: "https://evil.example" })).ok).toBe(false);
    expect(csrfVerdict(req("POST", { ...h, origin: "null" })).ok).toBe(false);
    expect(csrfVerdict(req("POST", { ...h, origin: "http://127.0.0.1:3001" })).ok).toBe(false);
    expect(csrfVerdict(req("POST", { ...h, "sec-fetch-site": "cross-site" })).ok).toBe(false);
    expect(csrfVerdict(req("POST", { ...h, "sec-fetch-site": "same-site" })).ok).toBe(false);
  });

  it("trusts configured public origins", () => {
    const r = req("PUT", { "x-meshdeck-csrf": "1", origin: "https://meshdeck.example" });
    expect(csrfVerdict(r, {}).ok).toBe(false);
    expect(csrfVerdict(r, { MESHDECK_PUBLIC_ORIGIN: "https://other.example, https://meshdeck.example/" })).toEqual(ok);
  });
});

describe("assertCsrf", () => {
  it("throws Forbidden with the documented message", () => {
    let caught: unknown;
    try {
      assertCsrf(req("DELETE", {}));
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught) && caught.status).toBe(403);
    expect(isAppError(caught) && caught.detail).toEqual({ code: "Forbidden", message: "CSRF check failed" });
  });
});
