import { describe, expect, it } from "vitest";
import { isWriteRequest, routeLabel } from "./route-label";

describe("routeLabel", () => {
  it("maps paths to bounded route templates", () => {
    expect(routeLabel("/api/traffic")).toBe("/api/traffic");
    expect(routeLabel("/api/auth/login")).toBe("/api/auth/login");
    expect(routeLabel("/api/namespaces/prod/virtualservices/web/http/0/weights")).toBe("/api/namespaces/:ns/virtualservices/:name/http/:route/weights");
    expect(routeLabel("/api/namespaces/prod/httproutes/web/rules/1/weights")).toBe("/api/namespaces/:ns/httproutes/:name/rules/:rule/weights");
    expect(routeLabel("/api/namespaces/prod/virtualservices/web/test-routes/canary")).toBe("/api/namespaces/:ns/virtualservices/:name/test-routes/:routeName");
    expect(routeLabel("/api/rollouts/argo/demo/promote")).toBe("/api/rollouts/:ns/:name/promote");
    expect(routeLabel("/api/services/a/b/metrics")).toBe("/api/services/:ns/:name/metrics");
    expect(routeLabel("/api/x/y/z/secret-name")).toBe("/api/other");
    expect(routeLabel("/rollouts/argo/demo")).toBe("page");
    expect(routeLabel("/_next/static/chunk.js")).toBe("/_next");
  });

  it("counts cluster writes only", () => {
    expect(isWriteRequest("PUT", "/api/namespaces/a/virtualservices/b/http/0/weights")).toBe(true);
    expect(isWriteRequest("POST", "/api/rollouts/a/b/promote")).toBe(true);
    expect(isWriteRequest("GET", "/api/traffic")).toBe(false);
    expect(isWriteRequest("POST", "/api/auth/login")).toBe(false);
  });
});
