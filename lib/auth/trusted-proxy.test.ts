import { describe, expect, it } from "vitest";
import { proxyTrust } from "./trusted-proxy";

const KEY = "k".repeat(32);
const h = (entries: Record<string, string>) => new Headers(entries);

describe("proxyTrust", () => {
  it("trusts nothing when neither CIDRs nor a secret are configured", () => {
    expect(proxyTrust(h({ "x-meshdeck-peer": "127.0.0.1", "x-meshdeck-peer-key": KEY }), { trustedProxies: [], proxySecret: "" }, KEY).trusted).toBe(false);
  });

  it("checks the peer address stamped by the preload, proven by its key", () => {
    const env = { trustedProxies: ["10.0.0.0/8"], proxySecret: "" };
    expect(proxyTrust(h({ "x-meshdeck-peer": "10.1.1.1", "x-meshdeck-peer-key": KEY }), env, KEY).trusted).toBe(true);
    expect(proxyTrust(h({ "x-meshdeck-peer": "192.168.1.1", "x-meshdeck-peer-key": KEY }), env, KEY).trusted).toBe(false);
    // A client forging the peer header cannot know the key.
    expect(proxyTrust(h({ "x-meshdeck-peer": "10.1.1.1", "x-meshdeck-peer-key": "guess" }), env, KEY).trusted).toBe(false);
    // Without the preload there is no key: fail closed.
    expect(proxyTrust(h({ "x-meshdeck-peer": "10.1.1.1", "x-meshdeck-peer-key": KEY }), env, undefined).trusted).toBe(false);
    // X-Forwarded-For is never looked at.
    expect(proxyTrust(h({ "x-forwarded-for": "10.1.1.1" }), env, KEY).trusted).toBe(false);
  });

  it("checks the shared secret, and both when both are configured", () => {
    expect(proxyTrust(h({ "x-meshdeck-proxy-secret": "s3cret" }), { trustedProxies: [], proxySecret: "s3cret" }).trusted).toBe(true);
    expect(proxyTrust(h({ "x-meshdeck-proxy-secret": "nope" }), { trustedProxies: [], proxySecret: "s3cret" }).trusted).toBe(false);
    const both = { trustedProxies: ["127.0.0.1"], proxySecret: "s3cret" };
    expect(proxyTrust(h({ "x-meshdeck-peer": "127.0.0.1", "x-meshdeck-peer-key": KEY }), both, KEY).trusted).toBe(false);
    expect(proxyTrust(h({ "x-meshdeck-peer": "127.0.0.1", "x-meshdeck-peer-key": KEY, "x-meshdeck-proxy-secret": "s3cret" }), both, KEY).trusted).toBe(true);
  });
});
