import { describe, expect, it } from "vitest";
import { applyObjects } from "../../lab/core/manifests.js";
import { kubeAs, uniqueNamespace } from "./test-lab.js";

interface Namespace {
  metadata: { name: string; labels?: Record<string, string> };
}

describe("lab manifest loader", () => {
  it("keeps the labels of a namespace that a later apply only lands objects in", async () => {
    const kube = kubeAs("admin");
    const ns = uniqueNamespace("labels");
    try {
      await applyObjects(kube, [{ apiVersion: "v1", kind: "Namespace", metadata: { name: ns, labels: { "istio-injection": "enabled" } } }]);
      await applyObjects(kube, [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: ns }, data: { a: "1" } }]);
      const got = await kube.json<Namespace>("GET", `/api/v1/namespaces/${ns}`);
      expect(got.metadata.labels?.["istio-injection"]).toBe("enabled");
    } finally {
      await kube.delete("v1", "Namespace", undefined, ns);
    }
  });

  it("creates the namespaces objects land in, and labels them when asked", async () => {
    const kube = kubeAs("admin");
    const ns = uniqueNamespace("implicit");
    try {
      await applyObjects(kube, [{ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c" }, data: { a: "1" } }], { namespace: ns, namespaceLabels: { team: "mesh" } });
      const got = await kube.json<Namespace>("GET", `/api/v1/namespaces/${ns}`);
      expect(got.metadata.labels?.team).toBe("mesh");
    } finally {
      await kube.delete("v1", "Namespace", undefined, ns);
    }
  });
});
