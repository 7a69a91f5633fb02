import "server-only";
import { ApiException } from "@kubernetes/client-node";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { demoObject } from "@/lib/testing/demo-fixtures";

const getAPIVersions = vi.fn();
const listCustomObjectForAllNamespaces = vi.fn();
const listNamespacedCustomObject = vi.fn();
vi.mock("./client-set", () => ({
  getClientSet: () => ({ apis: { getAPIVersions }, customObjects: { listCustomObjectForAllNamespaces, listNamespacedCustomObject } }),
  withTimeout: () => ({}),
}));

const { invalidateIstioNetworkingVersion } = await import("./discovery");
const { listVirtualServices } = await import("./virtual-services");

const served = (...versions: string[]) => ({ groups: [{ name: "networking.istio.io", versions: versions.map((version) => ({ version })) }] });
const notFound = () => new ApiException(404, "Unknown API Status Code!", JSON.stringify({ kind: "Status", code: 404, message: "the server could not find the requested resource" }), {});

describe("listVirtualServices", () => {
  beforeEach(() => {
    invalidateIstioNetworkingVersion();
    vi.resetAllMocks();
  });

  it("lists all namespaces with the preferred version, sorted by namespace/name", async () => {
    getAPIVersions.mockResolvedValue(served("v1alpha3", "v1"));
    listCustomObjectForAllNamespaces.mockResolvedValue({
      items: [
        demoObject("world/hosts.yaml", "VirtualService", "greeter"),
        demoObject("world/canary.yaml", "VirtualService", "payments"),
      ],
    });
    const list = await listVirtualServices();
    expect(listCustomObjectForAllNamespaces).toHaveBeenCalledWith(
      { group: "networking.istio.io", version: "v1", resourcePlural: "virtualservices" },
      {},
    );
    expect(list.servedVersion).toBe("v1");
    expect(list.items.map((vs) => `${vs.namespace}/${vs.name}`)).toEqual(["demo-canary/payments", "demo-hosts/greeter"]);
  });

  it("lists one namespace when asked", async () => {
    getAPIVersions.mockResolvedValue(served("v1"));
    listNamespacedCustomObject.mockResolvedValue({ items: [] });
    await expect(listVirtualServices("bookinfo")).resolves.toEqual({ servedVersion: "v1", items: [] });
    expect(listNamespacedCustomObject).toHaveBeenCalledWith(
      { group: "networking.istio.io", version: "v1", namespace: "bookinfo", plural: "virtualservices" },
      {},
    );
  });

  it("rediscovers once on 404 and retries with the new version", async () => {
    getAPIVersions.mockResolvedValueOnce(served("v1")).mockResolvedValueOnce(served("v1beta1"));
    listCustomObjectForAllNamespaces.mockRejectedValueOnce(notFound()).mockResolvedValueOnce({ items: [] });
    await expect(listVirtualServices()).resolves.toEqual({ servedVersion: "v1beta1", items: [] });
    expect(getAPIVersions).toHaveBeenCalledTimes(2);
  });

  it("reports CrdMissing when the group is not served", async () => {
    getAPIVersions.mockResolvedValue({ groups: [] });
    await expect(listVirtualServices()).rejects.toMatchObject({ detail: { code: "CrdMissing", resource: "virtualservices.networking.istio.io" } });
  });

  it("reports CrdMissing when the list still 404s after rediscovery", async () => {
    getAPIVersions.mockResolvedValue(served("v1"));
    listCustomObjectForAllNamespaces.mockRejectedValue(notFound());
    await expect(listVirtualServices()).rejects.toMatchObject({ status: 503, detail: { code: "CrdMissing" } });
  });

  it("reports Forbidden with verb, resource and namespace", async () => {
    getAPIVersions.mockResolvedValue(served("v1"));
    listNamespacedCustomObject.mockRejectedValue(new ApiException(403, "x", JSON.stringify({ kind: "Status", message: "forbidden" }), {}));
    await expect(listVirtualServices("bookinfo")).rejects.toMatchObject({
      detail: { code: "Forbidden", verb: "list", resource: "virtualservices.networking.istio.io", namespace: "bookinfo" },
    });
  });
});
