import "server-only";
import { describe, expect, it } from "vitest";
import { loadDemoObjects } from "@/lib/testing/demo-fixtures";
import { injectionState, mapNamespace } from "./map-namespace";

describe("mapNamespace", () => {
  it("reads istio-injection and istio.io/rev labels", () => {
    expect(mapNamespace({ metadata: { name: "a", labels: { "istio-injection": "enabled" } } })).toEqual({ name: "a", injection: "enabled", revision: null });
    expect(mapNamespace({ metadata: { name: "b", labels: { "istio-injection": "disabled" } } })).toEqual({ name: "b", injection: "disabled", revision: null });
    expect(mapNamespace({ metadata: { name: "c", labels: { "istio.io/rev": "canary" } } })).toEqual({ name: "c", injection: "unset", revision: "canary" });
    expect(mapNamespace({ metadata: { name: "d" } })).toEqual({ name: "d", injection: "unset", revision: null });
  });

  it("treats unknown label values as unset", () => {
    expect(injectionState("true")).toBe("unset");
    expect(injectionState(undefined)).toBe("unset");
  });

  it("maps the demo world's namespaces, each labelled for injection", () => {
    const byName = Object.fromEntries(loadDemoObjects("Namespace").map(({ object }) => [object.metadata?.name, mapNamespace(object)]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(["demo-bluegreen", "demo-canary", "demo-shop"]));
    for (const [name, ns] of Object.entries(byName)) expect(ns, name).toEqual({ name, injection: "enabled", revision: null });
  });
});
