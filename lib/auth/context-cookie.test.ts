import { describe, expect, it } from "vitest";
import { clearContextCookieHeaders, contextCookieHeader, contextFromCookies } from "./context-cookie";

describe("context cookie", () => {
  it("round-trips a context name with any characters, as a session cookie", () => {
    const header = contextCookieHeader("kind-prod/eu west@1", false);
    expect(header).toBe("meshdeck_context=kind-prod%2Feu%20west%401; Path=/; HttpOnly; SameSite=Strict");
    expect(header).not.toMatch(/Max-Age|Expires/);
    expect(contextFromCookies(`a=b; ${header.split(";")[0]}; c=d`)).toBe("kind-prod/eu west@1");
  });

  it("uses the __Host- name over HTTPS, and it wins over the plain one", () => {
    const header = contextCookieHeader("viewer", true);
    expect(header).toMatch(/^__Host-meshdeck_context=viewer; .*Secure$/);
    expect(contextFromCookies("meshdeck_context=admin; __Host-meshdeck_context=viewer")).toBe("viewer");
  });

  it("ignores absent, empty or undecodable values", () => {
    expect(contextFromCookies(null)).toBeUndefined();
    expect(contextFromCookies("meshdeck_context=")).toBeUndefined();
    expect(contextFromCookies("meshdeck_context=%E0%A4%A")).toBeUndefined();
  });

  it("clears both variants", () => {
    expect(clearContextCookieHeaders().every((h) => h.includes("Max-Age=0"))).toBe(true);
  });
});
