import { describe, expect, it } from "vitest";
import type { PodWire } from "@/lib/istio/wire";
import { containerReadiness, hasSidecar, isPodReady } from "./pod";

function pod(over: Partial<PodWire> & { containers?: string[] } = {}): PodWire {
  const { containers = ["app"], ...rest } = over;
  return { metadata: { name: "p", namespace: "ns" }, spec: { containers: containers.map((name) => ({ name })) }, ...rest };
}

describe("hasSidecar", () => {
  it("detects the istio-proxy container, native sidecar or status annotation", () => {
    expect(hasSidecar(pod({ containers: ["app", "istio-proxy"] }))).toBe(true);
    expect(hasSidecar({ ...pod(), spec: { containers: [{ name: "app" }], initContainers: [{ name: "istio-proxy" }] } })).toBe(true);
    expect(hasSidecar(pod({ metadata: { name: "p", annotations: { "sidecar.istio.io/status": "{}" } } }))).toBe(true);
    expect(hasSidecar(pod())).toBe(false);
  });
});

describe("isPodReady", () => {
  it("uses the Ready condition", () => {
    expect(isPodReady(pod({ status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } }))).toBe(true);
    expect(isPodReady(pod({ status: { phase: "Running", conditions: [{ type: "Ready", status: "False" }] } }))).toBe(false);
  });
  it("falls back to container statuses, and never counts terminating or finished pods", () => {
    expect(isPodReady(pod({ status: { phase: "Running", containerStatuses: [{ name: "app", ready: true }] } }))).toBe(true);
    expect(isPodReady(pod({ status: { phase: "Pending" } }))).toBe(false);
    expect(isPodReady(pod({ metadata: { name: "p", deletionTimestamp: "2024-01-01T00:00:00Z" }, status: { phase: "Running", conditions: [{ type: "Ready", status: "True" }] } }))).toBe(false);
    expect(isPodReady(pod({ status: { phase: "Succeeded", conditions: [{ type: "Ready", status: "True" }] } }))).toBe(false);
  });
});

describe("containerReadiness", () => {
  it("counts containers like kubectl's READY column", () => {
    const injected = pod({ containers: ["app", "istio-proxy"], status: { containerStatuses: [{ name: "app", ready: true }, { name: "istio-proxy", ready: false }] } });
    expect(containerReadiness(injected)).toEqual({ ready: 1, total: 2 });
    expect(containerReadiness(pod())).toEqual({ ready: 0, total: 1 });
  });
  it("counts native sidecars (restartPolicy Always init containers) but not plain init containers", () => {
    const p: PodWire = {
      metadata: { name: "p", namespace: "ns" },
      spec: { containers: [{ name: "app" }], initContainers: [{ name: "istio-init" }, { name: "istio-proxy", restartPolicy: "Always" }] },
      status: {
        containerStatuses: [{ name: "app", ready: true }],
        initContainerStatuses: [
          { name: "istio-init", ready: false },
          { name: "istio-proxy", ready: true },
        ],
      },
    };
    expect(containerReadiness(p)).toEqual({ ready: 2, total: 2 });
  });
});
