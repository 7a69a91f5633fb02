import { describe, expect, it } from "vitest";
import { SessionStore } from "./session-store";

describe("SessionStore", () => {
  it("creates unguessable ids and returns the session until it expires", () => {
    let now = 1_000;
    const store = new SessionStore({ ttlMs: 60_000, maxSessions: 10, now: () => now });
    const a = store.create({ token: "t1", user: "alice", groups: ["dev"] });
    const b = store.create({ token: "t2", user: "bob", groups: [] });
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.id).not.toBe(b.id);
    expect(store.get(a.id)?.user).toBe("alice");
    now += 60_000;
    expect(store.get(a.id)).toBeUndefined();
  });

  it("ignores malformed ids and supports logout", () => {
    const store = new SessionStore({ ttlMs: 60_000, maxSessions: 10 });
    const { id } = store.create({ token: "t", user: "u", groups: [] });
    expect(store.get("../etc")).toBeUndefined();
    expect(store.get(undefined)).toBeUndefined();
    expect(store.delete(id)).toBe(true);
    expect(store.get(id)).toBeUndefined();
  });

  it("evicts the oldest session when full", () => {
    const store = new SessionStore({ ttlMs: 60_000, maxSessions: 2 });
    const first = store.create({ token: "1", user: "a", groups: [] });
    store.create({ token: "2", user: "b", groups: [] });
    store.create({ token: "3", user: "c", groups: [] });
    expect(store.size).toBe(2);
    expect(store.get(first.id)).toBeUndefined();
  });
});
