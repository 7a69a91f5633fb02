import { describe, expect, it } from "vitest";
import { hostAllowed, hostName, hostPolicy } from "./allowed-hosts";

describe("hostName", () => {
  it.each([
    ["localhost:3000", "localhost"],
    ["Meshdeck.Example.COM.", "meshdeck.example.com"],
    ["[::1]:16410", "::1"],
    ["127.0.0.1", "127.0.0.1"],
  ])("%s → %s", (header, name) => expect(hostName(header)).toBe(name));

  it.each([null, "", "a b", "evil.example:99999", "user@evil.example", "evil.example/x", "[zz]", "[::1", "a:1:2"])("refuses %s", (header) => {
    expect(hostName(header)).toBeNull();
  });
});

describe("hostAllowed", () => {
  const loopbackOnly = hostPolicy([], []);

  it("allows the loopback names and addresses on any port by default", () => {
    for (const h of ["localhost", "localhost:16410", "127.0.0.1:16410", "127.3.2.1", "[::1]:3000"]) expect(hostAllowed(h, loopbackOnly)).toBe(true);
  });

  it("refuses a DNS-rebound name, other addresses and missing or malformed hosts", () => {
    for (const h of ["evil.example:16410", "localhost.evil.example", "10.0.0.5:3000", "[fd00::1]", "", null, "evil.example:16410 "])
      expect(hostAllowed(h, loopbackOnly), String(h)).toBe(false);
  });

  it("allows configured names, wildcards, addresses, CIDRs and public origins; ports are not compared", () => {
    const p = hostPolicy(["meshdeck.meshdeck.svc", "*.apps.example", "10.0.0.0/8", "[fd00::1]", "meshdeck.internal:8080"], ["https://meshdeck.example.com"]);
    for (const h of ["meshdeck.meshdeck.svc:80", "a.apps.example", "b.a.apps.example", "10.1.2.3:3000", "[fd00::1]:3000", "meshdeck.internal:9999", "meshdeck.example.com", "MESHDECK.EXAMPLE.COM:443"])
      expect(hostAllowed(h, p), h).toBe(true);
    for (const h of ["apps.example", "evilapps.example", "11.0.0.1", "[fd00::2]", "meshdeck.example.com.evil.example"]) expect(hostAllowed(h, p), h).toBe(false);
  });
});
