import { describe, expect, it } from "vitest";
import { buildMeshModel } from "./build-model";
import { emptySnapshot, parseMeshSnapshot, type MeshSnapshot } from "./snapshot";

function snapshot(over: Record<string, unknown[]>): MeshSnapshot {
  return parseMeshSnapshot({ ...emptySnapshot(), ...over });
}

const svc = (ns: string, name: string, selector: Record<string, string>) => ({ metadata: { name, namespace: ns }, spec: { selector, ports: [{ port: 80 }] } });
const pod = (ns: string, name: string, labels: Record<string, string>, ready = true) => ({
  metadata: { name, namespace: ns, labels },
  spec: { containers: [{ name: "app" }] },
  status: { phase: "Running", conditions: [{ type: "Ready", status: ready ? "True" : "False" }] },
});
const vs = (ns: string, name: string, spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) => ({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name, namespace: ns, ...metadata }, spec });

describe("virtualServiceModel details", () => {
  it("resolves mirrors with Istio's percentage defaults, retries, timeout, redirect and delegate", () => {
    const m = buildMeshModel(
      snapshot({
        services: [svc("a", "web", { app: "web" }), svc("a", "shadow", { app: "shadow" })],
        pods: [pod("a", "web-1", { app: "web" }), pod("a", "shadow-1", { app: "shadow" })],
        virtualServices: [
          vs("a", "web", {
            hosts: ["web"],
            http: [
              { name: "mirrored", match: [{ uri: { prefix: "/m" } }], route: [{ destination: { host: "web" } }], mirror: { host: "shadow" }, timeout: "2s", retries: { attempts: 3, perTryTimeout: "1s" } },
              { match: [{ uri: { prefix: "/p" } }], route: [{ destination: { host: "web" } }], mirror: { host: "shadow" }, mirrorPercentage: { value: 12.5 }, mirrors: [{ destination: { host: "shadow" } }] },
              { match: [{ uri: { exact: "/old" } }], redirect: { uri: "/new" } },
              { match: [{ uri: { prefix: "/d" } }], delegate: { name: "child", namespace: "b" } },
            ],
          }),
        ],
      }),
    );
    const [r0, r1, r2, r3] = m.virtualServices[0]?.http ?? [];
    expect(r0?.mirrors.map((x) => [x.source, x.host.service?.name, x.percent, x.backends?.total])).toEqual([["mirror", "shadow", 100, 1]]);
    expect(r0).toMatchObject({ timeout: "2s", retries: { attempts: 3, perTryTimeout: "1s", retryOn: null }, action: "route" });
    expect(r1?.mirrors.map((x) => [x.source, x.percent])).toEqual([
      ["mirror", 12.5],
      ["mirrors", 100],
    ]);
    expect(r2).toMatchObject({ action: "redirect", destinations: [], weightTotal: 0, allWeightsZero: false });
    expect(r3).toMatchObject({ action: "delegate", delegate: { namespace: "b", name: "child", found: false } });
  });

  it("does not expand name.namespace hosts (Istio semantics) but remembers the Service they look like", () => {
    const m = buildMeshModel(
      snapshot({
        services: [svc("b", "api", { app: "api" })],
        virtualServices: [vs("a", "x", { hosts: ["api.b"], http: [{ route: [{ destination: { host: "api.b" } }, { destination: { host: "api.b.svc.cluster.local" }, weight: 10 }] }] })],
      }),
    );
    const v = m.virtualServices[0];
    expect(v?.hosts[0]).toMatchObject({ kind: "external", fqdn: "api.b", aliasOf: { namespace: "b", name: "api" } });
    expect(v?.http[0]?.destinations.map((d) => [d.host.kind, d.weight, d.effectiveWeight, d.share])).toEqual([
      ["external", null, 0, 0],
      ["service", 10, 10, 1],
    ]);
  });

  it("models tcp and tls routes, and all-zero weights", () => {
    const m = buildMeshModel(
      snapshot({
        services: [svc("a", "db", { app: "db" }), svc("a", "db2", { app: "db2" })],
        virtualServices: [
          vs("a", "db", {
            hosts: ["db"],
            tcp: [{ match: [{ port: 5432 }], route: [{ destination: { host: "db" }, weight: 0 }, { destination: { host: "db2" }, weight: 0 }] }],
            tls: [{ match: [{ port: 443, sniHosts: ["db.example.com"] }], route: [{ destination: { host: "db2" } }] }],
          }),
        ],
      }),
    );
    const v = m.virtualServices[0];
    expect(v?.tcp[0]).toMatchObject({ allWeightsZero: true, weightTotal: 0, catchAll: false });
    expect(v?.tls[0]?.matches[0]?.conditions).toEqual([
      { kind: "port", port: 443 },
      { kind: "sniHosts", hosts: ["db.example.com"] },
    ]);
    expect(v?.tls[0]?.destinations[0]?.share).toBe(1);
  });

  it("detects Helm and Flagger owners", () => {
    const m = buildMeshModel(
      snapshot({
        virtualServices: [
          vs("a", "helm", { hosts: ["x"] }, { labels: { "app.kubernetes.io/managed-by": "Helm" }, annotations: { "meta.helm.sh/release-name": "shop" } }),
          vs("a", "podinfo", { hosts: ["podinfo"] }, { ownerReferences: [{ apiVersion: "flagger.app/v1beta1", kind: "Canary", name: "podinfo", controller: true }] }),
        ],
      }),
    );
    expect(m.virtualServices.map((v) => [v.name, v.owner.kind, v.owner.name, v.owner.weightsLocked])).toEqual([
      ["helm", "helm", "shop", false],
      ["podinfo", "flagger", "podinfo", true],
    ]);
  });

  it("counts not-ready and sidecar-less pods", () => {
    const m = buildMeshModel(
      snapshot({
        namespaces: [{ metadata: { name: "a", labels: { "istio.io/rev": "canary" } } }],
        services: [svc("a", "web", { app: "web" })],
        pods: [pod("a", "web-1", { app: "web" }), pod("a", "web-2", { app: "web" }, false)],
        virtualServices: [vs("a", "web", { hosts: ["web"], http: [{ route: [{ destination: { host: "web" } }] }] })],
      }),
    );
    expect(m.virtualServices[0]?.http[0]?.destinations[0]?.backends).toMatchObject({ total: 2, ready: 1, withSidecar: 0 });
    expect(m.namespaces[0]).toEqual({ name: "a", injection: "revision", revision: "canary", ambient: false, pods: 2, podsWithoutSidecar: 2 });
  });
});
