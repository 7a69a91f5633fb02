import { describe, expect, it } from "vitest";
import { resolveKubeSource } from "./kube-source";

describe("resolveKubeSource", () => {
  it("prefers MESHDECK_KUBECONFIG over everything", () => {
    expect(
      resolveKubeSource({ MESHDECK_KUBECONFIG: "/a.yaml", KUBECONFIG: "/b.yaml", KUBERNETES_SERVICE_HOST: "10.0.0.1" }, "/home/u"),
    ).toEqual({ kind: "file", paths: ["/a.yaml"], from: "MESHDECK_KUBECONFIG" });
  });

  it("uses KUBECONFIG as a path list", () => {
    expect(resolveKubeSource({ KUBECONFIG: "/b.yaml::/c.yaml" }, "/home/u")).toEqual({
      kind: "file",
      paths: ["/b.yaml", "/c.yaml"],
      from: "KUBECONFIG",
    });
  });

  it("uses the service account in a pod", () => {
    expect(resolveKubeSource({ KUBERNETES_SERVICE_HOST: "10.0.0.1" }, "/home/u")).toEqual({ kind: "in-cluster" });
  });

  it("falls back to ~/.kube/config, ignoring blank values", () => {
    expect(resolveKubeSource({ MESHDECK_KUBECONFIG: "  ", KUBECONFIG: "" }, "/home/u")).toEqual({
      kind: "file",
      paths: ["/home/u/.kube/config"],
      from: "default",
    });
  });
});
