import { describe, expect, it } from "vitest";
import { ApiRequestError } from "./fetch-json";
import { shouldRetry } from "./swr-options";

describe("shouldRetry", () => {
  it("never retries Forbidden or other definitive answers", () => {
    expect(shouldRetry(new ApiRequestError({ code: "Forbidden", message: "no", verb: "list", resource: "namespaces" }, 403))).toBe(false);
    expect(shouldRetry(new ApiRequestError({ code: "BadRequest", message: "bad" }, 400))).toBe(false);
    expect(shouldRetry(new ApiRequestError({ code: "CrdMissing", message: "none" }, 503))).toBe(false);
  });

  it("retries transient failures", () => {
    expect(shouldRetry(new ApiRequestError({ code: "Unavailable", message: "down" }, 503))).toBe(true);
    expect(shouldRetry(new ApiRequestError({ code: "Internal", message: "?" }, 500))).toBe(true);
    expect(shouldRetry(new Error("network"))).toBe(true);
  });
});
