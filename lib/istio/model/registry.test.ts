import { describe, expect, it } from "vitest";
import { buildIndex } from "./mesh-index";
import { defaultModelOptions } from "./options";
import { destinationRulesFor, resolveHost } from "./registry";
import { emptySnapshot, parseMeshSnapshot } from "./snapshot";

const dr = (ns: string, name: string, host: string, extra: Record<string, unknown> = {}, created = "2024-01-01T00:00:00Z") => ({
  apiVersion: "networking.istio.io/v1",
  kind: "DestinationRule",
  metadata: { name, namespace: ns, creationTimestamp: created },
  spec: { host, ...extra },
});

function index(destinationRules: unknown[], extra: Record<string, unknown[]> = {}) {
  const snapshot = parseMeshSnapshot({
    ...emptySnapshot(),
    services: [{ metadata: { name: "reviews", namespace: "bookinfo" }, spec: { selector: { app: "reviews" } } }],
    destinationRules,
    ...extra,
  });
  return buildIndex(snapshot, defaultModelOptions);
}

const fqdn = "reviews.bookinfo.svc.cluster.local";
const names = (r: ReturnType<typeof destinationRulesFor>) => r?.rules.map((d) => `${d.metadata.namespace}/${d.metadata.name}`);

describe("destinationRulesFor", () => {
  it("prefers the client's namespace, then the service's, then the root namespace", () => {
    const all = [dr("istio-system", "root", "*.local"), dr("bookinfo", "svc-ns", "reviews"), dr("front", "client-ns", fqdn)];
    expect(names(destinationRulesFor(index(all), fqdn, "front", "bookinfo"))).toEqual(["front/client-ns"]);
    expect(names(destinationRulesFor(index(all), fqdn, "other", "bookinfo"))).toEqual(["bookinfo/svc-ns"]);
    expect(destinationRulesFor(index([all[0]]), fqdn, "other", "bookinfo")).toMatchObject({ hostMatch: "wildcard" });
    expect(destinationRulesFor(index([]), fqdn, "other", "bookinfo")).toBeNull();
  });
  it("picks the most specific host and merges same-host rules in creation order", () => {
    const rules = [dr("bookinfo", "wild", "*.bookinfo.svc.cluster.local"), dr("bookinfo", "b", "reviews", {}, "2024-02-01T00:00:00Z"), dr("bookinfo", "a", "reviews", {}, "2024-03-01T00:00:00Z")];
    expect(names(destinationRulesFor(index(rules), fqdn, "bookinfo", "bookinfo"))).toEqual(["bookinfo/b", "bookinfo/a"]);
  });
  it("honours exportTo and ignores workloadSelector rules", () => {
    const rules = [dr("bookinfo", "private", "reviews", { exportTo: ["."] }), dr("bookinfo", "selected", "reviews", { workloadSelector: { matchLabels: { app: "x" } } })];
    expect(destinationRulesFor(index(rules), fqdn, "front", "bookinfo")).toBeNull();
    expect(names(destinationRulesFor(index(rules), fqdn, "bookinfo", "bookinfo"))).toEqual(["bookinfo/private"]);
  });
});

describe("resolveHost", () => {
  it("classifies service, serviceEntry (wildcard-aware), wildcard and external hosts", () => {
    const i = index([], { serviceEntries: [{ metadata: { name: "google", namespace: "egress" }, spec: { hosts: ["*.googleapis.com"] } }] });
    expect(resolveHost(i, "reviews", "bookinfo")).toMatchObject({ kind: "service", fqdn });
    expect(resolveHost(i, "reviews", "other").kind).toBe("external");
    expect(resolveHost(i, "www.googleapis.com", "bookinfo")).toMatchObject({ kind: "serviceEntry", serviceEntry: { namespace: "egress", name: "google" } });
    expect(resolveHost(i, "*.example.com", "bookinfo").kind).toBe("wildcard");
    expect(resolveHost(i, "reviews.bookinfo", "x")).toMatchObject({ kind: "external", aliasOf: { namespace: "bookinfo", name: "reviews" } });
  });
  it("hides Services and ServiceEntries not exported to the namespace", () => {
    const i = index([], {
      services: [{ metadata: { name: "p", namespace: "n", annotations: { "networking.istio.io/exportTo": "." } }, spec: {} }],
      serviceEntries: [{ metadata: { name: "se", namespace: "n" }, spec: { hosts: ["x.example.com"], exportTo: ["."] } }],
    });
    expect(resolveHost(i, "p.n.svc.cluster.local", "n").kind).toBe("service");
    expect(resolveHost(i, "p.n.svc.cluster.local", "m").kind).toBe("external");
    expect(resolveHost(i, "x.example.com", "m").kind).toBe("external");
  });
});
