import { describe, expect, it } from "vitest";
import { diffObjects } from "./diff";
import { emptyKind, applyEvents, replaceObjects, toCachedObject, type CachedObject } from "./store";

const spec = { key: "services", group: "", versions: ["v1"], resource: "services", namespaced: true };

function svc(ns: string, name: string, rv: string): CachedObject {
  const object = toCachedObject({ metadata: { namespace: ns, name, uid: `${ns}/${name}`, resourceVersion: rv } });
  if (!object) throw new Error("invalid");
  return object;
}

const names = (objects: readonly CachedObject[]) => objects.map((o) => `${o.metadata.namespace}/${o.metadata.name}`).sort();

describe("diffObjects", () => {
  const listed = replaceObjects(emptyKind(spec), [svc("a", "x", "1"), svc("a", "y", "2"), svc("b", "z", "3")], "3").next;

  it("reports every object of a first list as upserted", () => {
    const diff = diffObjects(emptyKind(spec).objects, listed.objects);
    expect(names(diff.upserted)).toEqual(["a/x", "a/y", "b/z"]);
    expect(diff.deleted).toEqual([]);
  });

  it("reports only what watch events changed", () => {
    const next = applyEvents(listed, [
      { type: "MODIFIED", object: svc("a", "x", "4") },
      { type: "DELETED", object: svc("b", "z", "5") },
      { type: "ADDED", object: svc("c", "w", "6") },
    ]).next;
    const diff = diffObjects(listed.objects, next.objects);
    expect(names(diff.upserted)).toEqual(["a/x", "c/w"]);
    expect(names(diff.deleted)).toEqual(["b/z"]);
  });

  it("finds nothing after a relist that changed nothing", () => {
    const relisted = replaceObjects(listed, [svc("a", "x", "1"), svc("a", "y", "2"), svc("b", "z", "3")], "9").next;
    expect(diffObjects(listed.objects, relisted.objects)).toEqual({ upserted: [], deleted: [] });
  });

  it("reports objects a relist no longer returns as deleted", () => {
    const relisted = replaceObjects(listed, [svc("a", "y", "2")], "9").next;
    const diff = diffObjects(listed.objects, relisted.objects);
    expect(diff.upserted).toEqual([]);
    expect(names(diff.deleted)).toEqual(["a/x", "b/z"]);
  });
});
