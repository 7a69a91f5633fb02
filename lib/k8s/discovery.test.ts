import "server-only";
import { beforeEach, describe, expect, it, vi } from "vitest";

const getAPIVersions = vi.fn();
vi.mock("./client-set", () => ({
  getClientSet: () => ({ apis: { getAPIVersions } }),
  withTimeout: () => ({}),
}));

const { getIstioNetworkingVersion, invalidateIstioNetworkingVersion, pickIstioVersion, servedVersions } = await import("./discovery");

function groups(...versions: string[]) {
  return {
    groups: [
      { name: "apps", versions: [{ groupVersion: "apps/v1", version: "v1" }] },
      { name: "networking.istio.io", versions: versions.map((version) => ({ groupVersion: `networking.istio.io/${version}`, version })) },
    ],
  };
}

describe("pickIstioVersion", () => {
  it("prefers v1, then v1beta1, then v1alpha3", () => {
    expect(pickIstioVersion(["v1alpha3", "v1beta1", "v1"])).toBe("v1");
    expect(pickIstioVersion(["v1alpha3", "v1beta1"])).toBe("v1beta1");
    expect(pickIstioVersion(["v1alpha3"])).toBe("v1alpha3");
  });

  it("ignores unknown versions", () => {
    expect(pickIstioVersion(["v2", "v1alpha1"])).toBeNull();
    expect(pickIstioVersion([])).toBeNull();
  });
});

describe("servedVersions", () => {
  it("reads the group's versions from an APIGroupList", () => {
    expect(servedVersions(groups("v1", "v1beta1", "v1alpha3"), "networking.istio.io")).toEqual(["v1", "v1beta1", "v1alpha3"]);
    expect(servedVersions(groups(), "security.istio.io")).toEqual([]);
    expect(servedVersions({}, "networking.istio.io")).toEqual([]);
  });
});

describe("getIstioNetworkingVersion", () => {
  beforeEach(() => {
    invalidateIstioNetworkingVersion();
    getAPIVersions.mockReset();
  });

  it("discovers once and caches", async () => {
    getAPIVersions.mockResolvedValue(groups("v1alpha3", "v1beta1"));
    await expect(getIstioNetworkingVersion()).resolves.toBe("v1beta1");
    await expect(getIstioNetworkingVersion()).resolves.toBe("v1beta1");
    expect(getAPIVersions).toHaveBeenCalledTimes(1);
  });

  it("recomputes on refresh", async () => {
    getAPIVersions.mockResolvedValueOnce(groups("v1alpha3")).mockResolvedValueOnce(groups("v1", "v1alpha3"));
    await expect(getIstioNetworkingVersion()).resolves.toBe("v1alpha3");
    await expect(getIstioNetworkingVersion({ refresh: true })).resolves.toBe("v1");
  });

  it("throws CrdMissing when the group is not served", async () => {
    getAPIVersions.mockResolvedValue({ groups: [] });
    await expect(getIstioNetworkingVersion({ resource: "virtualservices.networking.istio.io" })).rejects.toMatchObject({
      detail: { code: "CrdMissing", resource: "virtualservices.networking.istio.io" },
    });
  });
});
