import { describe, expect, it } from "vitest";
import { parsePod, parseService } from "./parse";

const running = { phase: "Running", conditions: [{ type: "Ready", status: "True" }] };

describe("parse (built-in kinds as the API serves them)", () => {
  it("reads metadata, readiness (a deletionTimestamp is not ready) and Service ports", () => {
    const created = "2026-01-02T03:04:05Z";
    const pod = parsePod({ metadata: { name: "p", namespace: "ns", creationTimestamp: created }, spec: { containers: [{ name: "app" }] }, status: running });
    expect(pod.ok && pod.value).toMatchObject({ ready: true, sidecar: false, meta: { creationTimestamp: created } });
    const leaving = parsePod({ metadata: { name: "p", namespace: "ns", deletionTimestamp: created }, spec: { containers: [{ name: "app" }] }, status: running });
    expect(leaving.ok && leaving.value.ready).toBe(false);
    const svc = parseService({ metadata: { name: "s", namespace: "ns", creationTimestamp: created }, spec: { selector: { app: "a" }, ports: [{ port: 80 }] } });
    expect(svc.ok && svc.value).toMatchObject({ selector: { app: "a" }, ports: [{ name: "", port: 80, protocol: "TCP" }] });
  });

  it("counts a native sidecar (an istio-proxy init container) as a sidecar", () => {
    const pod = parsePod({ metadata: { name: "p", namespace: "ns" }, spec: { containers: [{ name: "app" }], initContainers: [{ name: "istio-proxy", restartPolicy: "Always" }] }, status: running });
    expect(pod.ok && pod.value.sidecar).toBe(true);
  });
});
