import { describe, expect, it } from "vitest";
import { SnapshotStore, toCachedObject, replaceObjects, type CachedObject } from "@/lib/k8s/cache/store";
import { clusterSummarySchema } from "./cluster-summary";
import { renderSummary, summaryParts } from "./cluster-producer";

function obj(namespace: string | undefined, name: string): CachedObject {
  const o = toCachedObject({ metadata: { name, namespace, uid: name, resourceVersion: "1" } });
  if (!o) throw new Error("invalid");
  return o;
}

describe("cluster summary", () => {
  const store = new SnapshotStore("c", [
    { key: "namespaces", group: "", versions: ["v1"], resource: "namespaces", namespaced: false },
    { key: "pods", group: "", versions: ["v1"], resource: "pods", namespaced: true },
  ]);
  store.update("namespaces", (p) => replaceObjects(p, [obj(undefined, "a"), obj(undefined, "b")], "1"));
  store.update("pods", (p) => replaceObjects(p, [obj("a", "p1"), obj("a", "p2"), obj("b", "p3")], "1"));
  store.setStatus("pods", { status: "synced" });
  const snapshot = store.snapshot();
  const parts = summaryParts(snapshot, [{ kind: "pods", namespace: "b" }]);

  it("renders everything for a client that sees all parts", () => {
    const summary = clusterSummarySchema.parse(renderSummary(parts.map((p) => p.value)));
    expect(summary).toEqual({
      revision: snapshot.revision,
      at: snapshot.at,
      kinds: { namespaces: { status: "syncing", count: 2 }, pods: { status: "synced", count: 3 } },
      changed: [{ kind: "pods", namespace: "b" }],
    });
  });

  it("scopes counts and changes by namespace (cluster-scoped kinds need cluster access)", () => {
    expect(parts.map((p) => (p.scope.kind === "namespace" ? `${p.scope.resource}/${p.scope.namespace}` : p.scope.kind))).toEqual([
      "public",
      "cluster",
      "pods/a",
      "pods/b",
      "pods/b",
    ]);
    const visible = parts.filter((p) => p.scope.kind === "public" || (p.scope.kind === "namespace" && p.scope.namespace === "a"));
    expect(renderSummary(visible.map((p) => p.value))).toMatchObject({
      kinds: { namespaces: { count: 0 }, pods: { count: 2 } },
      changed: [],
    });
  });

  it("renders nothing for a client that sees none of the changes, unless statuses changed", () => {
    const onlyA = (ps: typeof parts) => ps.filter((p) => p.scope.kind === "public" || (p.scope.kind === "namespace" && p.scope.namespace === "a")).map((p) => p.value);
    expect(renderSummary(onlyA(summaryParts(snapshot, [{ kind: "pods", namespace: "b" }], false)))).toBeUndefined();
    expect(renderSummary(onlyA(summaryParts(snapshot, [{ kind: "pods", namespace: "a" }], false)))?.changed).toEqual([{ kind: "pods", namespace: "a" }]);
    expect(renderSummary(onlyA(summaryParts(snapshot, [], true)))?.kinds.pods?.count).toBe(2);
  });
});
