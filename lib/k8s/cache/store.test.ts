import { afterEach, describe, expect, it, vi } from "vitest";
import { isSealed } from "./immutable";
import type { KindSpec } from "./kinds";
import {
  applyEvents,
  emptyKind,
  getObject,
  objectsOf,
  replaceObjects,
  SnapshotStore,
  toCachedObject,
  type CacheChange,
  type CachedObject,
  type KindSnapshot,
} from "./store";

const spec: KindSpec = { key: "virtualservices", group: "networking.istio.io", versions: ["v1"], resource: "virtualservices", namespaced: true };
const nsSpec: KindSpec = { key: "namespaces", group: "", versions: ["v1"], resource: "namespaces", namespaced: false };

function vs(namespace: string, name: string, rv: string, extra: Record<string, unknown> = {}): CachedObject {
  const object = toCachedObject({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name, namespace, uid: `${namespace}/${name}`, resourceVersion: rv }, spec: { hosts: [name] }, ...extra });
  if (!object) throw new Error("invalid");
  return object;
}

/** Plain-data copy of a kind's objects, for before/after comparisons. */
function dump(kind: KindSnapshot): Record<string, Record<string, string | undefined>> {
  const out: Record<string, Record<string, string | undefined>> = {};
  for (const [ns, inner] of kind.objects) {
    out[ns] = {};
    for (const [name, o] of inner) out[ns][name] = o.metadata.resourceVersion;
  }
  return out;
}

describe("toCachedObject", () => {
  it("keeps only manager, operation and time of managedFields and deep-freezes", () => {
    const raw = {
      metadata: {
        name: "a",
        namespace: "n",
        managedFields: [{ manager: "argo-rollouts", operation: "Update", time: "t", fieldsType: "FieldsV1", fieldsV1: { "f:spec": {} } }, { manager: "helm", operation: "Apply" }],
      },
      spec: { http: [{ route: [{ weight: 100 }] }] },
    };
    const object = toCachedObject(raw, { apiVersion: "v1", kind: "Thing" });
    expect(object?.metadata.managedFields).toEqual([{ manager: "argo-rollouts", operation: "Update", time: "t" }, { manager: "helm", operation: "Apply" }]);
    expect(object?.apiVersion).toBe("v1");
    expect(object?.kind).toBe("Thing");
    expect(Object.isFrozen(object)).toBe(true);
    expect(Object.isFrozen((object?.spec as { http: unknown[] }).http[0])).toBe(true);
    expect(() => {
      (object as { metadata: { name: string } }).metadata.name = "b";
    }).toThrow(TypeError);
  });

  it("rejects objects without a name", () => {
    expect(toCachedObject({ metadata: {} })).toBeNull();
    expect(toCachedObject(null)).toBeNull();
  });
});

describe("applyEvents", () => {
  it("never mutates the previous snapshot and shares untouched namespaces", () => {
    const base = replaceObjects(emptyKind(spec), [vs("a", "x", "1"), vs("a", "y", "2"), vs("b", "z", "3")], "3").next;
    const before = dump(base);
    const { next, namespaces } = applyEvents(base, [
      { type: "MODIFIED", object: vs("a", "x", "4") },
      { type: "ADDED", object: vs("c", "w", "5") },
      { type: "DELETED", object: vs("a", "y", "6") },
    ]);
    expect(dump(base)).toEqual(before);
    expect(base.count).toBe(3);
    expect(dump(next)).toEqual({ a: { x: "4" }, b: { z: "3" }, c: { w: "5" } });
    expect(next.count).toBe(3);
    expect(next.resourceVersion).toBe("6");
    expect([...namespaces].sort()).toEqual(["a", "c"]);
    expect(next.objects.get("b")).toBe(base.objects.get("b"));
    expect(next.objects).not.toBe(base.objects);
    expect(Object.isFrozen(next)).toBe(true);
    expect(isSealed(next.objects) && isSealed(next.objects.get("a") as ReadonlyMap<string, CachedObject>)).toBe(true);
  });

  it("drops a namespace that becomes empty and seals maps against writes", () => {
    const base = replaceObjects(emptyKind(spec), [vs("a", "x", "1")], "1").next;
    const { next } = applyEvents(base, [{ type: "DELETED", object: vs("a", "x", "2") }]);
    expect(next.objects.has("a")).toBe(false);
    expect(next.count).toBe(0);
    expect(() => (base.objects as Map<string, unknown>).set("q", new Map())).toThrow(TypeError);
    expect(() => (base.objects.get("a") as Map<string, unknown>).delete("x")).toThrow(TypeError);
    expect(base.objects.get("a")?.get("x")?.metadata.resourceVersion).toBe("1");
  });

  it("counts a re-ADD of an existing object once", () => {
    const base = replaceObjects(emptyKind(spec), [vs("a", "x", "1")], "1").next;
    expect(applyEvents(base, [{ type: "ADDED", object: vs("a", "x", "2") }]).next.count).toBe(1);
  });
});

describe("replaceObjects", () => {
  it("reports only namespaces that differ and reuses unchanged maps and objects", () => {
    const x1 = vs("a", "x", "1");
    const base = replaceObjects(emptyKind(spec), [x1, vs("b", "z", "3")], "3").next;
    const same = replaceObjects(base, [vs("a", "x", "1"), vs("b", "z", "3")], "9");
    expect(same.namespaces.size).toBe(0);
    expect(same.next.objects).toBe(base.objects);
    const changed = replaceObjects(base, [vs("a", "x", "1"), vs("a", "n", "5")], "10");
    expect([...changed.namespaces].sort()).toEqual(["a", "b"]);
    expect(changed.next.objects.get("a")?.get("x")).toBe(x1);
    expect(changed.next.count).toBe(2);
    expect(dump(base)).toEqual({ a: { x: "1" }, b: { z: "3" } });
  });

  it("files cluster-scoped objects under the empty namespace", () => {
    const ns = toCachedObject({ metadata: { name: "default" } });
    if (!ns) throw new Error("invalid");
    const next = replaceObjects(emptyKind(nsSpec), [ns], "1").next;
    expect(next.objects.get("")?.get("default")).toBe(ns);
  });
});

describe("SnapshotStore", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("publishes a new frozen snapshot per commit and leaves earlier ones unchanged", () => {
    const store = new SnapshotStore("c", [spec, nsSpec], 50);
    const s0 = store.snapshot();
    store.update("virtualservices", (prev) => replaceObjects(prev, [vs("a", "x", "1")], "1"));
    const s1 = store.snapshot();
    store.update("virtualservices", (prev) => applyEvents(prev, [{ type: "MODIFIED", object: vs("a", "x", "2") }]));
    const s2 = store.snapshot();
    expect([s0.revision, s1.revision, s2.revision]).toEqual([0, 1, 2]);
    expect(Object.isFrozen(s1)).toBe(true);
    expect(getObject(s1, "virtualservices", "a", "x")?.metadata.resourceVersion).toBe("1");
    expect(getObject(s2, "virtualservices", "a", "x")?.metadata.resourceVersion).toBe("2");
    expect(objectsOf(s0, "virtualservices")).toEqual([]);
    expect(s2.kinds.get("namespaces")).toBe(s0.kinds.get("namespaces"));
    expect(() => (s2.kinds as Map<string, unknown>).delete("namespaces")).toThrow(TypeError);
  });

  it("coalesces a burst of changes into one notification", () => {
    vi.useFakeTimers();
    const store = new SnapshotStore("c", [spec, nsSpec], 50);
    const seen: CacheChange[] = [];
    store.subscribe((change) => seen.push(change));
    for (let i = 0; i < 100; i++) {
      store.update("virtualservices", (prev) => applyEvents(prev, [{ type: "MODIFIED", object: vs(i % 2 ? "a" : "b", "x", String(i + 1)) }]));
    }
    store.setStatus("namespaces", { status: "missing" });
    expect(seen).toHaveLength(0);
    vi.advanceTimersByTime(50);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.revision).toBe(101);
    expect(seen[0]?.kinds).toEqual(["virtualservices", "namespaces"]);
    expect(seen[0]?.changed).toEqual([
      { kind: "virtualservices", namespace: "b" },
      { kind: "virtualservices", namespace: "a" },
    ]);
    expect(seen[0]?.statusChanged).toEqual(["namespaces"]);
    vi.advanceTimersByTime(500);
    expect(seen).toHaveLength(1);
  });

  it("skips commits that change nothing", () => {
    const store = new SnapshotStore("c", [spec], 50);
    store.setStatus("virtualservices", { status: "syncing" });
    expect(store.snapshot().revision).toBe(0);
  });
});
