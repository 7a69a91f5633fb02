import { describe, expect, it } from "vitest";
import { buildMeshModel } from "./build-model";
import { emptySnapshot, parseMeshSnapshot } from "./snapshot";

describe("httpRouteModel (Gateway API)", () => {
  const model = buildMeshModel(
    parseMeshSnapshot({
      ...emptySnapshot(),
      services: [
        { metadata: { name: "web", namespace: "a" }, spec: { selector: { app: "web" } } },
        { metadata: { name: "web-canary", namespace: "a" }, spec: { selector: { app: "web", track: "canary" } } },
      ],
      pods: [{ metadata: { name: "w1", namespace: "a", labels: { app: "web", track: "canary" } }, spec: { containers: [{ name: "c" }] }, status: { conditions: [{ type: "Ready", status: "True" }] } }],
      gatewayApiGateways: [{ metadata: { name: "gw", namespace: "infra" }, spec: { gatewayClassName: "istio", listeners: [{ name: "http", port: 80, protocol: "HTTP" }] } }],
      httpRoutes: [
        {
          metadata: { name: "web", namespace: "a" },
          spec: {
            parentRefs: [{ name: "gw", namespace: "infra", sectionName: "http" }, { name: "gw", namespace: "infra", sectionName: "https" }, { name: "missing" }, { group: "", kind: "Service", name: "web" }],
            hostnames: ["web.example.com"],
            rules: [
              { matches: [{ path: { type: "Exact", value: "/login" }, headers: [{ name: "X-Test", value: "1" }], method: "POST" }], backendRefs: [{ name: "web-canary", port: 80 }] },
              { backendRefs: [{ name: "web", port: 80, weight: 90 }, { name: "web-canary", port: 80, weight: 10 }, { name: "gone", port: 80, weight: 0 }] },
            ],
          },
        },
      ],
    }),
  );
  const route = model.httpRoutes[0];

  it("resolves parentRefs with Gateway API defaults, listeners and GAMMA Service parents", () => {
    expect(route?.parentRefs.map((p) => [p.kind, `${p.namespace}/${p.name}`, p.resolution, p.sectionFound])).toEqual([
      ["Gateway", "infra/gw", "found", true],
      ["Gateway", "infra/gw", "found", false],
      ["Gateway", "a/missing", "notFound", null],
      ["Service", "a/web", "found", null],
    ]);
  });

  it("types matches and resolves weighted backends", () => {
    const [r0, r1] = route?.rules ?? [];
    expect(r0?.matches[0]?.conditions).toEqual([
      { kind: "uri", op: "exact", value: "/login", ignoreCase: false },
      { kind: "header", name: "x-test", op: "exact", value: "1", negated: false },
      { kind: "method", op: "exact", value: "POST" },
    ]);
    expect(r0?.catchAll).toBe(false);
    expect(r0?.backendRefs[0]).toMatchObject({ share: 1, effectiveWeight: 1, resolution: "found", backends: { total: 1, ready: 1 } });
    expect(r1?.catchAll).toBe(true);
    expect(r1?.backendRefs.map((b) => [b.name, b.share, b.resolution])).toEqual([
      ["web", 0.9, "found"],
      ["web-canary", 0.1, "found"],
      ["gone", 0, "notFound"],
    ]);
  });
});
