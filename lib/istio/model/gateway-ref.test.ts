import { describe, expect, it } from "vitest";
import { gatewayKey } from "@/lib/istio/semantics/gateway-ref";
import { resolveGatewayBinding } from "./gateway-ref";

describe("gatewayKey", () => {
  it("resolves every form Istio accepts", () => {
    expect(gatewayKey("mesh", "a")).toBe("mesh");
    expect(gatewayKey("gw", "a")).toBe("a/gw");
    expect(gatewayKey("./gw", "a")).toBe("a/gw");
    expect(gatewayKey("istio-system/gw", "a")).toBe("istio-system/gw");
    expect(gatewayKey("gw.istio-system.svc.cluster.local", "a")).toBe("istio-system/gw");
    expect(gatewayKey("gw.istio-system", "a")).toBe("istio-system/gw");
  });
});

describe("resolveGatewayBinding", () => {
  it("reports mesh, found and notFound", () => {
    const exists = (k: string) => k === "a/gw";
    expect(resolveGatewayBinding("mesh", "a", exists).resolution).toBe("mesh");
    expect(resolveGatewayBinding("gw", "a", exists)).toEqual({ raw: "gw", key: "a/gw", resolution: "found", namespace: "a", name: "gw" });
    expect(resolveGatewayBinding("b/gw", "a", exists).resolution).toBe("notFound");
  });
});
