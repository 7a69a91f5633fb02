import { describe, expect, it } from "vitest";
import { isGrpcError, requestHealth, worstHealth } from "./health";

describe("health", () => {
  it("follows Kiali's default tolerances", () => {
    expect(requestHealth(0, 0, 0)).toBe("idle");
    expect(requestHealth(1, 0, 0)).toBe("healthy");
    expect(requestHealth(1, 0.01, 0)).toBe("degraded");
    expect(requestHealth(1, 10, 0)).toBe("failing");
    expect(requestHealth(1, 0, 10)).toBe("healthy");
    expect(requestHealth(1, 0, 15)).toBe("degraded");
    expect(requestHealth(1, 0.5, 25)).toBe("failing");
    expect(requestHealth(1, 3, 0, { serverErrors: { degraded: 5, failing: 20 }, clientErrors: { degraded: 100, failing: 100 } })).toBe("healthy");
  });

  it("orders states and recognises gRPC errors", () => {
    expect(worstHealth("healthy", "degraded")).toBe("degraded");
    expect(worstHealth("failing", "idle")).toBe("failing");
    expect(worstHealth("na", "idle")).toBe("idle");
    expect(["0", "1", "14", "16", "17", "", "OK"].map(isGrpcError)).toEqual([false, true, true, true, false, false, false]);
  });
});
