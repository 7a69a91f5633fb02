import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors/app-error";
import { SessionStore } from "./session-store";

describe("SessionStore", () => {
  it("creates unguessable ids and returns the session until it expires", () => {
    let now = 1_000;
    const store = new SessionStore({ ttlMs: 60_000, maxSessions: 10, maxPerUser: 5, now: () => now });
    const a = store.create({ token: "t1", user: "alice", groups: ["dev"] });
    const b = store.create({ token: "t2", user: "bob", groups: [] });
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a.id).not.toBe(b.id);
    expect(store.get(a.id)?.user).toBe("alice");
    now += 60_000;
    expect(store.get(a.id)).toBeUndefined();
  });

  it("ignores malformed ids and supports logout", () => {
    const store = new SessionStore({ ttlMs: 60_000, maxSessions: 10, maxPerUser: 5 });
    const { id } = store.create({ token: "t", user: "u", groups: [] });
    expect(store.get("../etc")).toBeUndefined();
    expect(store.get(undefined)).toBeUndefined();
    expect(store.delete(id)).toBe(true);
    expect(store.get(id)).toBeUndefined();
    expect(store.countOf("u")).toBe(0);
  });

  it("one user signing in over and over ends only their own oldest sessions", () => {
    const store = new SessionStore({ ttlMs: 60_000, maxSessions: 100, maxPerUser: 3 });
    const bob = store.create({ token: "b", user: "bob", groups: [] });
    const mallory = Array.from({ length: 1000 }, (_, i) => store.create({ token: `m${i}`, user: "mallory", groups: [] }));
    expect(store.get(bob.id)?.user).toBe("bob");
    expect(store.countOf("mallory")).toBe(3);
    expect(store.size).toBe(4);
    expect(mallory.slice(-3).every((s) => store.get(s.id))).toBe(true);
    expect(store.get(mallory[0]?.id)).toBeUndefined();
  });

  it("when full, refuses a new sign-in (503 with Retry-After) instead of ending someone else's session", () => {
    let now = 0;
    const store = new SessionStore({ ttlMs: 60_000, maxSessions: 2, maxPerUser: 1, now: () => now });
    const a = store.create({ token: "1", user: "a", groups: [] });
    now = 10_000;
    const b = store.create({ token: "2", user: "b", groups: [] });
    let refused: unknown;
    try {
      store.create({ token: "3", user: "c", groups: [] });
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(503);
    expect((refused as AppError).retryAfterSeconds).toBe(50);
    expect(store.get(a.id) && store.get(b.id)).toBeTruthy();
    expect(store.size).toBe(2);
    // A user at their own cap replaces their own oldest.
    expect(store.create({ token: "4", user: "a", groups: [] }).session.user).toBe("a");
    expect(store.get(a.id)).toBeUndefined();
    now = 70_000;
    expect(store.create({ token: "5", user: "c", groups: [] }).session.user).toBe("c");
  });
});
