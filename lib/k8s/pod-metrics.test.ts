import "server-only";
import { beforeEach, describe, expect, it, vi } from "vitest";

const getAPIVersions = vi.fn();
const readNamespacedService = vi.fn();
const listNamespacedCustomObject = vi.fn();
vi.mock("./client-set", () => ({
  getClientSet: () => ({ apis: { getAPIVersions }, core: { readNamespacedService }, customObjects: { listNamespacedCustomObject } }),
  withTimeout: () => ({}),
}));

const { getServicePodMetrics, invalidatePodMetricsDiscovery, labelSelector, metricsApiServed, parseQuantity, podVersion, summarizePodMetrics } = await import("./pod-metrics");

const groups = (...names: string[]) => ({ groups: names.map((name) => ({ name, versions: [{ groupVersion: `${name}/v1beta1`, version: "v1beta1" }] })) });

const podMetricsList = {
  kind: "PodMetricsList",
  apiVersion: "metrics.k8s.io/v1beta1",
  items: [
    {
      metadata: { name: "reviews-v2-abc", namespace: "bookinfo", labels: { app: "reviews", version: "v2" } },
      timestamp: "2026-11-24T08:00:00Z",
      window: "30s",
      containers: [
        { name: "reviews", usage: { cpu: "2500000n", memory: "64Mi" } },
        { name: "istio-proxy", usage: { cpu: "1m", memory: "40960Ki" } },
      ],
    },
    { metadata: { name: "reviews-v1-xyz", labels: { app: "reviews", version: "v1" } }, window: "15.5s", containers: [{ name: "reviews", usage: { cpu: "250m", memory: "128Mi" } }] },
    { metadata: { name: "reviews-v1-def", labels: { app: "reviews", version: "v1" } }, containers: [{ name: "reviews", usage: { cpu: "0.5", memory: "1G" } }] },
  ],
};

describe("parseQuantity", () => {
  it.each([
    ["250m", 0.25],
    ["2500000n", 0.0025],
    ["5u", 0.000005],
    ["1", 1],
    ["0.5", 0.5],
    ["64Mi", 64 * 2 ** 20],
    ["40960Ki", 40960 * 1024],
    ["1G", 1e9],
    ["2Gi", 2 * 2 ** 30],
    ["1e3", 1000],
    ["1E", 1e18],
    ["12345", 12345],
  ])("%s = %f", (text, value) => expect(parseQuantity(text)).toBeCloseTo(value, 12));

  it.each(["", "abc", "1Xi", "1.2.3", "m"])("rejects %j", (text) => expect(parseQuantity(text)).toBeNull());
});

describe("podVersion", () => {
  it("uses the version label, else the canonical revision chain, as Istio's metrics do", () => {
    expect(podVersion({ version: "v1", "service.istio.io/canonical-revision": "r" })).toBe("v1");
    expect(podVersion({ "service.istio.io/canonical-revision": "canary" })).toBe("canary");
    expect(podVersion({ "app.kubernetes.io/version": "1.2" })).toBe("1.2");
    expect(podVersion({})).toBe("latest");
    expect(podVersion(undefined)).toBe("latest");
  });
});

describe("summarizePodMetrics", () => {
  it("sums containers per pod and pods per version", () => {
    const s = summarizePodMetrics(podMetricsList);
    expect(s.pods.map((p) => p.pod)).toEqual(["reviews-v1-def", "reviews-v1-xyz", "reviews-v2-abc"]);
    const v2 = s.pods.find((p) => p.pod === "reviews-v2-abc");
    expect(v2?.cpuCores).toBeCloseTo(0.0035, 12);
    expect(v2?.memoryBytes).toBe(64 * 2 ** 20 + 40960 * 1024);
    expect(v2?.windowSeconds).toBe(30);
    expect(v2?.timestamp).toBe("2026-11-24T08:00:00Z");
    expect(s.pods.find((p) => p.pod === "reviews-v1-xyz")?.windowSeconds).toBe(15.5);
    expect(s.versions).toEqual([
      { version: "v1", pods: 2, cpuCores: 0.75, memoryBytes: 128 * 2 ** 20 + 1e9 },
      { version: "v2", pods: 1, cpuCores: expect.closeTo(0.0035, 12), memoryBytes: 64 * 2 ** 20 + 40960 * 1024 },
    ]);
  });

  it("treats a malformed list as no pods", () => {
    expect(summarizePodMetrics({ items: "nope" })).toEqual({ available: true, pods: [], versions: [] });
  });
});

describe("helpers", () => {
  it("detects metrics.k8s.io/v1beta1 in discovery", () => {
    expect(metricsApiServed(groups("apps", "metrics.k8s.io"))).toBe(true);
    expect(metricsApiServed(groups("apps", "custom.metrics.k8s.io"))).toBe(false);
  });

  it("renders a Service selector as a label selector", () => {
    expect(labelSelector({ app: "reviews", tier: "web" })).toBe("app=reviews,tier=web");
  });
});

describe("getServicePodMetrics", () => {
  beforeEach(() => {
    invalidatePodMetricsDiscovery();
    getAPIVersions.mockReset();
    readNamespacedService.mockReset();
    listNamespacedCustomObject.mockReset();
  });

  it("answers honestly when the cluster does not serve metrics.k8s.io, without further calls", async () => {
    getAPIVersions.mockResolvedValue(groups("apps", "networking.istio.io"));
    expect(await getServicePodMetrics("bookinfo", "reviews")).toEqual({ available: false, reason: "metrics.k8s.io is not served by this cluster" });
    expect(await getServicePodMetrics("bookinfo", "reviews")).toMatchObject({ available: false });
    expect(getAPIVersions).toHaveBeenCalledTimes(1);
    expect(readNamespacedService).not.toHaveBeenCalled();
    expect(listNamespacedCustomObject).not.toHaveBeenCalled();
  });

  it("lists the PodMetrics of the Service's pods when served", async () => {
    getAPIVersions.mockResolvedValue(groups("metrics.k8s.io"));
    readNamespacedService.mockResolvedValue({ spec: { selector: { app: "reviews" } } });
    listNamespacedCustomObject.mockResolvedValue(podMetricsList);
    const m = await getServicePodMetrics("bookinfo", "reviews");
    expect(m.available).toBe(true);
    expect(listNamespacedCustomObject).toHaveBeenCalledWith(
      { group: "metrics.k8s.io", version: "v1beta1", namespace: "bookinfo", plural: "pods", labelSelector: "app=reviews" },
      {},
    );
  });

  it("reports a registered but failing metrics API (503) as not available", async () => {
    getAPIVersions.mockResolvedValue(groups("metrics.k8s.io"));
    readNamespacedService.mockResolvedValue({ spec: { selector: { app: "reviews" } } });
    listNamespacedCustomObject.mockRejectedValue({ code: 503, body: JSON.stringify({ message: "the server is currently unable to handle the request" }) });
    const m = await getServicePodMetrics("bookinfo", "reviews");
    expect(m).toEqual({ available: false, reason: "metrics.k8s.io is registered but not answering: the server is currently unable to handle the request" });
  });

  it("throws Forbidden as a typed error", async () => {
    getAPIVersions.mockResolvedValue(groups("metrics.k8s.io"));
    readNamespacedService.mockResolvedValue({ spec: { selector: { app: "reviews" } } });
    listNamespacedCustomObject.mockRejectedValue({ code: 403, body: { message: 'pods.metrics.k8s.io is forbidden: User "x" cannot list' } });
    await expect(getServicePodMetrics("bookinfo", "reviews")).rejects.toMatchObject({ code: "Forbidden" });
  });

  it("answers no pods for a Service without a selector", async () => {
    getAPIVersions.mockResolvedValue(groups("metrics.k8s.io"));
    readNamespacedService.mockResolvedValue({ spec: {} });
    expect(await getServicePodMetrics("bookinfo", "external")).toEqual({ available: true, pods: [], versions: [] });
  });
});
