import { describe, expect, it } from "vitest";
import { abortable, SingleFlight } from "./single-flight";

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe("SingleFlight", () => {
  it("runs identical concurrent calls once", async () => {
    const sf = new SingleFlight<number>({ ttlMs: 0 });
    const d = deferred<number>();
    let calls = 0;
    const fn = () => {
      calls++;
      return d.promise;
    };
    const a = sf.run("q", fn);
    const b = sf.run("q", fn);
    const c = sf.run("other", () => Promise.resolve(7));
    expect([a.outcome, b.outcome, c.outcome]).toEqual(["sent", "coalesced", "sent"]);
    d.resolve(42);
    expect(await Promise.all([a.promise, b.promise, c.promise])).toEqual([42, 42, 7]);
    expect(calls).toBe(1);
    expect(sf.inFlight).toBe(0);
    expect(sf.run("q", fn).outcome).toBe("sent"); // ttl 0: no cache
  });

  it("caches successes for the TTL only", async () => {
    let t = 1000;
    const sf = new SingleFlight<number>({ ttlMs: 2000, now: () => t });
    await sf.run("q", () => Promise.resolve(1)).promise;
    t += 1999;
    const hit = sf.run("q", () => Promise.resolve(2));
    expect(hit.outcome).toBe("cached");
    expect(await hit.promise).toBe(1);
    t += 1;
    const miss = sf.run("q", () => Promise.resolve(3));
    expect(miss.outcome).toBe("sent");
    expect(await miss.promise).toBe(3);
  });

  it("shares a failure with the waiting callers but never caches it", async () => {
    const sf = new SingleFlight<number>({ ttlMs: 60_000 });
    const d = deferred<number>();
    const a = sf.run("q", () => d.promise);
    const b = sf.run("q", () => d.promise);
    d.reject(new Error("down"));
    await expect(a.promise).rejects.toThrow("down");
    await expect(b.promise).rejects.toThrow("down");
    const next = sf.run("q", () => Promise.resolve(5));
    expect(next.outcome).toBe("sent");
    expect(await next.promise).toBe(5);
  });

  it("bounds the cache", async () => {
    const sf = new SingleFlight<number>({ ttlMs: 60_000, maxEntries: 2 });
    for (const k of ["a", "b", "c"]) await sf.run(k, () => Promise.resolve(1)).promise;
    expect(sf.run("a", () => Promise.resolve(2)).outcome).toBe("sent");
    expect(sf.run("c", () => Promise.resolve(2)).outcome).toBe("cached");
  });
});

describe("abortable", () => {
  it("rejects one caller on abort while the shared work completes for others", async () => {
    const sf = new SingleFlight<number>({ ttlMs: 0 });
    const d = deferred<number>();
    const ac = new AbortController();
    const a = abortable(sf.run("q", () => d.promise).promise, ac.signal);
    const b = sf.run("q", () => d.promise).promise;
    ac.abort(new DOMException("gone", "AbortError"));
    await expect(a).rejects.toThrow("gone");
    d.resolve(9);
    expect(await b).toBe(9);
  });

  it("rejects at once for an already aborted signal and passes through without one", async () => {
    await expect(abortable(Promise.resolve(1), AbortSignal.abort(new Error("x")))).rejects.toThrow("x");
    expect(await abortable(Promise.resolve(1), undefined)).toBe(1);
  });
});
