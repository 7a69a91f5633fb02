import { describe, expect, it } from "vitest";
import { LoginRateLimit } from "./login-rate-limit";

describe("LoginRateLimit", () => {
  it("allows perMinute attempts per client, then answers the seconds left in the window", () => {
    let now = 0;
    const limit = new LoginRateLimit({ perMinute: 3, maxClients: 10, now: () => now });
    expect([limit.hit("a"), limit.hit("a"), limit.hit("a")]).toEqual([undefined, undefined, undefined]);
    expect(limit.hit("a")).toBe(60);
    expect(limit.hit("b")).toBeUndefined();
    now = 45_500;
    expect(limit.hit("a")).toBe(15);
    now = 60_000;
    expect(limit.hit("a")).toBeUndefined();
  });

  it("keeps at most maxClients addresses", () => {
    const limit = new LoginRateLimit({ perMinute: 1, maxClients: 5, now: () => 0 });
    for (let i = 0; i < 1000; i++) limit.hit(`10.0.${i >> 8}.${i & 255}`);
    expect((limit as unknown as { windows: { size: number } }).windows.size).toBeLessThanOrEqual(5);
  });
});
