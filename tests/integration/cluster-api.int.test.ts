import { describe, expect, it } from "vitest";
import { watchUntil } from "../../lab/core/watch.js";
import fs from "node:fs";
import { applyObjects } from "../../lab/core/manifests.js";
import { versions } from "../../lab/core/binaries.js";
import { adminToken, eventually, kubeAs, labState, uniqueNamespace } from "./test-lab.js";

interface Crd {
  status?: { conditions?: { type: string; status: string }[] };
  spec: { versions: { name: string; served: boolean }[] };
}

describe("the lab serves real Kubernetes API semantics", () => {
  it("reports the Kubernetes version it was built from", async () => {
    const v = await kubeAs("admin").json<{ gitVersion: string; major: string; minor: string }>("GET", "/version");
    expect(v.gitVersion).toBe(versions.kubernetes);
    expect(`v${v.major}.${v.minor}`).toBe(versions.kubernetes.split(".").slice(0, 2).join("."));
  });

  it.each([
    ["virtualservices.networking.istio.io", ["v1", "v1beta1", "v1alpha3"]],
    ["destinationrules.networking.istio.io", ["v1", "v1beta1", "v1alpha3"]],
    ["gateways.networking.istio.io", ["v1", "v1beta1", "v1alpha3"]],
    ["serviceentries.networking.istio.io", ["v1", "v1beta1", "v1alpha3"]],
    ["rollouts.argoproj.io", ["v1alpha1"]],
    ["httproutes.gateway.networking.k8s.io", ["v1"]],
  ])("CRD %s is Established and serves %j", async (name, served) => {
    const crd = await kubeAs("admin").get<Crd>("apiextensions.k8s.io/v1", "CustomResourceDefinition", undefined, name);
    expect(crd.status?.conditions?.find((c) => c.type === "Established")?.status).toBe("True");
    const servedNow = crd.spec.versions.filter((v) => v.served).map((v) => v.name);
    for (const v of served) expect(servedNow).toContain(v);
  });

  it("binds every component to the loopback address only", () => {
    const s = labState();
    expect(new URL(s.apiserver.url).hostname).toBe("127.0.0.1");
    const listening = fs.readFileSync("/proc/net/tcp", "utf8").split("\n").slice(1);
    const ports = new Set(Object.values(s.ports));
    for (const line of listening) {
      const f = line.trim().split(/\s+/);
      if (f[3] !== "0A" || !f[1]) continue; // LISTEN
      const [hexAddr, hexPort] = f[1].split(":");
      if (!ports.has(parseInt(hexPort ?? "0", 16))) continue;
      expect(hexAddr, `port ${parseInt(hexPort ?? "0", 16)}`).toBe("0100007F");
    }
  });

  describe("writes", () => {
    const ns = uniqueNamespace("api");
    const vs = (weight: unknown) => ({
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: "reviews", namespace: ns },
      spec: { hosts: ["reviews"], http: [{ route: [{ destination: { host: "reviews", subset: "v1" }, weight }] }] },
    });

    it("rejects an update with a stale resourceVersion with 409 Conflict", async () => {
      const kube = kubeAs("admin");
      const [created] = await applyObjects(kube, [vs(100)]);
      const stale = created?.metadata.resourceVersion;
      await kube.patch("networking.istio.io/v1", "VirtualService", ns, "reviews", { metadata: { labels: { touched: "yes" } } });
      const path = await kube.pathFor("networking.istio.io/v1", "VirtualService", ns, "reviews");
      const r = await kube.raw("PUT", path, { ...vs(100), metadata: { ...vs(100).metadata, resourceVersion: stale } });
      expect(r.status).toBe(409);
      expect(JSON.parse(r.body).reason).toBe("Conflict");
    });

    it("rejects a schema-invalid VirtualService (a weight given as a string)", async () => {
      const kube = kubeAs("admin");
      const path = await kube.pathFor("networking.istio.io/v1", "VirtualService", ns);
      const r = await kube.raw("POST", path, { ...vs("fifty"), metadata: { name: "bad", namespace: ns } });
      expect(r.status).toBe(422);
      const status = JSON.parse(r.body) as { reason: string; details: { causes: { field: string; message: string }[] } };
      expect(status.reason).toBe("Invalid");
      expect(status.details.causes.map((c) => c.field)).toContain("spec.http[0].route[0].weight");
      expect((await kube.raw("GET", `${path}/bad`)).status).toBe(404);
    });

    it("lets the viewer read (200) but not patch (403)", async () => {
      const viewer = kubeAs("viewer");
      const path = await viewer.pathFor("networking.istio.io/v1", "VirtualService", ns, "reviews");
      expect((await viewer.raw("GET", path)).status).toBe(200);
      const r = await viewer.raw("PATCH", path, { metadata: { labels: { viewer: "was-here" } } }, "application/merge-patch+json");
      expect(r.status).toBe(403);
      const admin = await kubeAs("admin").get<{ metadata: { labels?: Record<string, string> } }>("networking.istio.io/v1", "VirtualService", ns, "reviews");
      expect(admin.metadata.labels?.viewer).toBeUndefined();
    });

    it("delivers a watch event after a patch", async () => {
      const kube = kubeAs("admin");
      const s = labState();
      const list = await kube.list("networking.istio.io/v1", "VirtualService", ns);
      const path = (await kube.pathFor("networking.istio.io/v1", "VirtualService", ns)) + `?watch=1&resourceVersion=${list.metadata.resourceVersion}`;
      type Vs = { spec: { http: { route: { destination: { subset: string } }[] }[] } };
      const w = watchUntil<Vs>(s.apiserver.url + path, { ca: fs.readFileSync(s.apiserver.caFile), token: adminToken(), timeoutMs: 15_000 }, (e) => e.type === "MODIFIED" && e.object.spec.http[0]?.route[0]?.destination.subset === "v2");
      await w.opened;
      await kube.patch("networking.istio.io/v1", "VirtualService", ns, "reviews", { spec: { http: [{ route: [{ destination: { host: "reviews", subset: "v2" }, weight: 100 }] }] } });
      const ev = await w.result;
      // Its latency is a figure of bench/sse-fanout.ts (patch → raw watch event), not a bound here.
      expect(ev.type).toBe("MODIFIED");
    });

    it("cleans up", async () => {
      await kubeAs("admin").delete("v1", "Namespace", undefined, ns);
      await eventually("namespace terminating", async () => (await kubeAs("admin").get<{ status: { phase: string } }>("v1", "Namespace", undefined, ns).catch(() => ({ status: { phase: "Gone" } }))).status.phase !== "Active");
    });
  });
});
