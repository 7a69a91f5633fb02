import { describe, expect, it } from "vitest";
import { ipInCidrs, parseCidr } from "./cidr";

describe("ipInCidrs", () => {
  it("matches IPv4 ranges and single addresses", () => {
    expect(ipInCidrs("10.1.2.3", ["10.0.0.0/8"])).toBe(true);
    expect(ipInCidrs("11.1.2.3", ["10.0.0.0/8"])).toBe(false);
    expect(ipInCidrs("192.168.1.130", ["192.168.1.128/25"])).toBe(true);
    expect(ipInCidrs("192.168.1.127", ["192.168.1.128/25"])).toBe(false);
    expect(ipInCidrs("127.0.0.1", ["127.0.0.1"])).toBe(true);
    expect(ipInCidrs("127.0.0.2", ["127.0.0.1"])).toBe(false);
  });

  it("treats IPv4-mapped IPv6 peers as IPv4", () => {
    expect(ipInCidrs("::ffff:127.0.0.1", ["127.0.0.0/8"])).toBe(true);
    expect(ipInCidrs("::ffff:10.0.0.1", ["127.0.0.0/8"])).toBe(false);
  });

  it("matches IPv6", () => {
    expect(ipInCidrs("::1", ["::1/128"])).toBe(true);
    expect(ipInCidrs("fd00::abcd", ["fd00::/8"])).toBe(true);
    expect(ipInCidrs("fe80::1", ["fd00::/8"])).toBe(false);
    expect(ipInCidrs("::1", ["127.0.0.1/8"])).toBe(false);
  });

  it("never trusts garbage", () => {
    expect(ipInCidrs("", ["0.0.0.0/0"])).toBe(false);
    expect(ipInCidrs("evil, 10.0.0.1", ["0.0.0.0/0"])).toBe(false);
    expect(ipInCidrs("10.0.0.1", ["not-a-cidr"])).toBe(false);
    expect(() => parseCidr("10.0.0.0/33")).toThrow();
  });
});
