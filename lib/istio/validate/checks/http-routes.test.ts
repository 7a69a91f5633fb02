import { describe, expect, it } from "vitest";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import { emptySnapshot, parseMeshSnapshot } from "@/lib/istio/model/snapshot";
import { checkHttpRoutes } from "./http-routes";

describe("checkHttpRoutes", () => {
  it("reports missing parents and listeners, missing backends, zero weights and backends without ready pods", () => {
    const model = buildMeshModel(
      parseMeshSnapshot({
        ...emptySnapshot(),
        services: [{ metadata: { name: "web", namespace: "a" }, spec: { selector: { app: "web" } } }],
        gatewayApiGateways: [{ metadata: { name: "gw", namespace: "a" }, spec: { gatewayClassName: "istio", listeners: [{ name: "http", port: 80, protocol: "HTTP" }] } }],
        httpRoutes: [
          {
            metadata: { name: "r", namespace: "a" },
            spec: {
              parentRefs: [{ name: "gw", sectionName: "https" }, { name: "nope" }],
              rules: [{ backendRefs: [{ name: "web", weight: 1 }, { name: "gone", weight: 1 }] }, { backendRefs: [{ name: "web", weight: 0 }, { name: "web", weight: 0 }] }],
            },
          },
        ],
      }),
    );
    expect(checkHttpRoutes(model).map((v) => `${v.severity} ${v.code} ${v.kialiCode ?? "-"} ${v.path}`)).toEqual([
      "error HTTPROUTE_PARENT_NOT_FOUND KIA1401 spec.parentRefs[0].sectionName",
      "error HTTPROUTE_PARENT_NOT_FOUND KIA1401 spec.parentRefs[1]",
      "error HTTPROUTE_BACKEND_NO_READY_PODS - spec.rules[0].backendRefs[0]",
      "error HTTPROUTE_BACKEND_NOT_FOUND KIA1402 spec.rules[0].backendRefs[1]",
      "error HTTPROUTE_ALL_WEIGHTS_ZERO - spec.rules[1].backendRefs",
    ]);
  });
});
