import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LabKube } from "../../lab/core/kube-client.js";
import { readState, type LabState } from "../../lab/core/state.js";

/** The lab the integration and e2e tests run against (its own ports, beside a demo lab). */
export const testLab = {
  name: process.env.MESHDECK_TEST_LAB ?? "test",
  basePort: Number(process.env.MESHDECK_TEST_LAB_BASE_PORT ?? 26400),
};

export function labState(): LabState {
  const s = readState(testLab.name);
  if (!s || s.phase !== "ready") throw new Error(`test lab ${testLab.name} is not ready`);
  return s;
}

function tokenOf(kubeconfig: string): string {
  const t = /token: (\S+)/.exec(fs.readFileSync(kubeconfig, "utf8"))?.[1];
  if (!t) throw new Error(`no token in ${kubeconfig}`);
  return t;
}

export function kubeAs(user: "admin" | "viewer"): LabKube {
  const s = labState();
  return new LabKube(s.apiserver.url, s.apiserver.caFile, tokenOf(s.kubeconfigs[user]));
}

/** A fresh namespace name, so a test never depends on what an earlier run left behind. */
export function uniqueNamespace(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
}

/**
 * A fresh namespace holding VirtualService "web" that splits host "web"
 * between the Services web-a and web-b (which need not exist).
 */
export async function applyWebSplit(namespace: string, a: number): Promise<void> {
  const admin = kubeAs("admin");
  await admin.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: namespace } });
  await admin.apply({
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: "web", namespace },
    spec: { hosts: ["web"], http: [{ route: [{ destination: { host: "web-a" }, weight: a }, { destination: { host: "web-b" }, weight: 100 - a }] }] },
  });
}

export async function eventually<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 60_000, intervalMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function adminToken(): string {
  return tokenOf(labState().kubeconfigs.admin);
}

/**
 * A kubeconfig with two contexts on the lab's API server, "lab-admin"
 * (current) and "lab-viewer" (namespace default), in a fresh temp directory.
 * Returns its path and a cleanup function.
 */
export function twoContextKubeconfig(): { file: string; remove: () => void } {
  const s = labState();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshdeck-contexts-"));
  const file = path.join(dir, "kubeconfig.yaml");
  fs.writeFileSync(
    file,
    [
      "apiVersion: v1",
      "kind: Config",
      "clusters:",
      "- name: lab",
      `  cluster: {server: ${s.apiserver.url}, certificate-authority: ${s.apiserver.caFile}}`,
      "users:",
      "- name: admin",
      `  user: {token: ${tokenOf(s.kubeconfigs.admin)}}`,
      "- name: viewer",
      `  user: {token: ${tokenOf(s.kubeconfigs.viewer)}}`,
      "contexts:",
      "- name: lab-admin",
      "  context: {cluster: lab, user: admin}",
      "- name: lab-viewer",
      "  context: {cluster: lab, user: viewer, namespace: default}",
      "current-context: lab-admin",
      "",
    ].join("\n"),
    { mode: 0o600 },
  );
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
