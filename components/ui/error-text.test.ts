import { describe, expect, it } from "vitest";
import { errorTitle } from "./error-text";

describe("errorTitle", () => {
  it("names Prometheus when a metrics panel lost it, the Kubernetes API otherwise", () => {
    expect(errorTitle({ code: "Unavailable", message: "Prometheus is unavailable at http://127.0.0.1:9090: no answer within 5000 ms" })).toBe("Prometheus unavailable");
    expect(errorTitle({ code: "Unavailable", message: "connect ECONNREFUSED 127.0.0.1:6443", verb: "list", resource: "pods" })).toBe("Kubernetes API unavailable");
  });

  it("names the refused verb and resource", () => {
    expect(errorTitle({ code: "Forbidden", message: "no", verb: "patch", resource: "virtualservices.networking.istio.io", namespace: "shop" })).toBe("Not allowed to patch virtualservices.networking.istio.io in shop");
  });
});
