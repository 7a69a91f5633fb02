import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { parseMeshdeckEnv } from "../../lib/config/meshdeck-env.js";
import { LabKube } from "../../lab/core/kube-client.js";
import { repoRoot } from "../../lab/core/paths.js";
import { kubeAs, labState, uniqueNamespace } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";

/**
 * deploy/: every overlay renders with `kubectl kustomize` and passes a
 * server-side dry-run on the lab's real API server; then the proxy overlay's
 * ServiceAccount and RBAC are created for real (in a fresh namespace, with a
 * unique name suffix) and a token minted for the service account shows what
 * the role allows: reads the dashboard needs, impersonation of users, and no
 * writes of its own.
 */
const ns = uniqueNamespace("deploy");
const suffix = `-${ns.slice(-6)}`;
const MODES = ["kubeconfig", "token", "proxy"] as const;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "meshdeck-deploy-"));

interface Obj {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec?: unknown;
}

/** Renders an overlay into the test namespace with unique cluster-scoped names (a kustomization on top). */
function render(mode: (typeof MODES)[number]): Obj[] {
  const dir = path.join(work, mode);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "kustomization.yaml"),
    [
      "apiVersion: kustomize.config.k8s.io/v1beta1",
      "kind: Kustomization",
      `namespace: ${ns}`,
      `nameSuffix: ${suffix}`,
      "resources:",
      `  - ${path.relative(dir, path.join(repoRoot, "deploy/overlays", mode))}`,
      "",
    ].join("\n"),
  );
  const text = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8" });
  return parseAllDocuments(text).map((d) => d.toJSON() as Obj);
}

function kubectl(args: string[], input?: string): string {
  return execFileSync("kubectl", ["--kubeconfig", labState().kubeconfigs.admin, ...args], { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] });
}

const rendered = new Map<string, Obj[]>();

beforeAll(async () => {
  for (const mode of MODES) rendered.set(mode, render(mode));
  await kubeAs("admin").apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
});

afterAll(async () => {
  const admin = kubeAs("admin");
  for (const o of rendered.get("proxy") ?? []) {
    if (o.kind === "ClusterRole" || o.kind === "ClusterRoleBinding") await admin.delete("rbac.authorization.k8s.io/v1", o.kind, undefined, o.metadata.name).catch(() => undefined);
  }
  await admin.delete("v1", "Namespace", undefined, ns).catch(() => undefined);
  fs.rmSync(work, { recursive: true, force: true });
});

describe("deploy/ manifests", () => {
  it.each(MODES)("%s overlay: restrictive Deployment, and every object passes a server-side dry-run", (mode) => {
    const objs = rendered.get(mode)!;
    const kinds = objs.map((o) => o.kind).sort();
    expect(kinds).toEqual(expect.arrayContaining(["ClusterRole", "ClusterRoleBinding", "Deployment", "Namespace", "PodDisruptionBudget", "Service", "ServiceAccount"]));
    const deployment = objs.find((o) => o.kind === "Deployment") as Obj & { spec: { replicas: number; template: { spec: PodSpec } } };
    const pod = deployment.spec.template.spec;
    const c = pod.containers[0]!;
    expect(deployment.spec.replicas).toBe(2);
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
    expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } });
    expect(c.livenessProbe.httpGet.path).toBe("/api/healthz");
    expect(c.readinessProbe.httpGet.path).toBe("/api/readyz");
    expect(c.resources.requests).toBeDefined();
    expect(c.env.find((e) => e.name === "MESHDECK_AUTH_MODE")?.value).toBe(mode);
    // The kubelet would send the pod IP as Host, which Meshdeck refuses (421): probes name localhost.
    for (const probe of [c.livenessProbe, c.readinessProbe]) expect(probe.httpGet.httpHeaders).toEqual([{ name: "Host", value: "localhost" }]);
    const settings = parseMeshdeckEnv(Object.fromEntries(c.env.map((e) => [e.name, e.value])));
    expect(settings.allowedHosts).toContain("meshdeck.meshdeck.svc");
    // Namespaced objects go to the test namespace (the Namespace object itself is skipped: it exists).
    const docs = objs.filter((o) => o.kind !== "Namespace");
    const out = kubectl(["apply", "--dry-run=server", "-o", "name", "-f", "-"], docs.map((o) => JSON.stringify(o)).join("\n"));
    expect(out.trim().split("\n")).toHaveLength(docs.length);
  });

  describe("the proxy overlay's service account, for real", () => {
    let sa: LabKube;
    let token = "";
    const user = "viewer";

    beforeAll(async () => {
      const objs = rendered.get("proxy")!.filter((o) => ["ServiceAccount", "ClusterRole", "ClusterRoleBinding"].includes(o.kind));
      kubectl(["apply", "-f", "-"], objs.map((o) => JSON.stringify(o)).join("\n"));
      const name = objs.find((o) => o.kind === "ServiceAccount")!.metadata.name;
      const minted = await kubeAs("admin").json<{ status: { token: string } }>("POST", `/api/v1/namespaces/${ns}/serviceaccounts/${name}/token`, {
        apiVersion: "authentication.k8s.io/v1",
        kind: "TokenRequest",
        spec: { expirationSeconds: 600 },
      });
      const s = labState();
      token = minted.status.token;
      sa = new LabKube(s.apiserver.url, s.apiserver.caFile, token);
      // RBAC is evaluated from the informer cache of the apiserver: wait until the binding counts.
      const deadline = Date.now() + 20_000;
      while ((await sa.raw("GET", "/api/v1/pods?limit=1")).status !== 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    });

    it.each([
      ["/api/v1/namespaces", 200],
      ["/api/v1/pods?limit=1", 200],
      ["/api/v1/services?limit=1", 200],
      ["/apis/apps/v1/deployments?limit=1", 200],
      ["/apis/apps/v1/replicasets?limit=1", 200],
      ["/apis/networking.istio.io/v1/virtualservices?limit=1", 200],
      ["/apis/networking.istio.io/v1/destinationrules?limit=1", 200],
      ["/apis/gateway.networking.k8s.io/v1/httproutes?limit=1", 200],
      ["/apis/argoproj.io/v1alpha1/rollouts?limit=1", 200],
      ["/apis/networking.istio.io/v1/virtualservices?watch=1&timeoutSeconds=1", 200],
      ["/api/v1/pods?watch=1&timeoutSeconds=1", 200],
      ["/api/v1/secrets?limit=1", 403],
      ["/api/v1/configmaps?limit=1", 403],
    ] as const)("GET %s → %i", async (p, status) => {
      expect((await sa.raw("GET", p)).status).toBe(status);
    });

    it("cannot write anything itself", async () => {
      const vs = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "x", namespace: ns }, spec: { hosts: ["x"], http: [{ route: [{ destination: { host: "x" } }] }] } };
      expect((await sa.raw("POST", `/apis/networking.istio.io/v1/namespaces/${ns}/virtualservices`, vs)).status).toBe(403);
      expect((await sa.raw("PATCH", `/apis/networking.istio.io/v1/namespaces/${demoWorld.shop.namespace}/virtualservices/${demoWorld.shop.reviews.service}`, { metadata: { labels: { x: "y" } } }, "application/merge-patch+json")).status).toBe(403);
      expect((await sa.raw("DELETE", `/api/v1/namespaces/${ns}/pods/nope`)).status).toBe(403);
      expect((await sa.raw("POST", `/api/v1/namespaces/${ns}/configmaps`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "x" } })).status).toBe(403);
    });

    it("impersonates users and groups, and then the user's own RBAC decides", async () => {
      const s = labState();
      const kubeconfig = path.join(work, "sa-kubeconfig.yaml");
      fs.writeFileSync(
        kubeconfig,
        [
          "apiVersion: v1",
          "kind: Config",
          "clusters: [{name: lab, cluster: {server: " + JSON.stringify(s.apiserver.url) + ", certificate-authority: " + JSON.stringify(s.apiserver.caFile) + "}}]",
          "users: [{name: sa, user: {token: " + JSON.stringify(token) + "}}]",
          "contexts: [{name: sa, context: {cluster: lab, user: sa}}]",
          "current-context: sa",
          "",
        ].join("\n"),
      );
      const run = (args: string[]) => {
        try {
          return { ok: true, out: execFileSync("kubectl", ["--kubeconfig", kubeconfig, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }) };
        } catch (error) {
          return { ok: false, out: String((error as { stderr?: unknown }).stderr ?? error) };
        }
      };
      const as = ["--as", user, "--as-group", "meshdeck:viewers"];
      expect(run(["auth", "whoami", "-o", "jsonpath={.status.userInfo.username}", ...as])).toMatchObject({ ok: true, out: user });
      expect(run(["get", "virtualservices.networking.istio.io", "-A", "-o", "name", ...as]).ok).toBe(true);
      const write = run(["create", "configmap", "x", "-n", ns, ...as]);
      expect(write.ok).toBe(false);
      expect(write.out).toMatch(/forbidden/i);
      // Impersonating a service account is not granted.
      const sa2 = run(["get", "pods", "-n", ns, "--as", `system:serviceaccount:${ns}:default`]);
      expect(sa2.ok).toBe(false);
      expect(sa2.out).toMatch(/cannot impersonate/i);
    });
  });
});

interface PodSpec {
  securityContext: unknown;
  containers: Array<{
    securityContext: unknown;
    livenessProbe: { httpGet: { path: string; httpHeaders?: { name: string; value: string }[] } };
    readinessProbe: { httpGet: { path: string; httpHeaders?: { name: string; value: string }[] } };
    resources: { requests?: unknown };
    env: Array<{ name: string; value?: string }>;
  }>;
}
