import os from "node:os";
import path from "node:path";

/** Where the kubeconfig comes from, in order of precedence. */
export type KubeSource =
  | { kind: "file"; paths: string[]; from: "MESHDECK_KUBECONFIG" | "KUBECONFIG" | "default" }
  | { kind: "in-cluster" };

type Env = Record<string, string | undefined>;

function splitPaths(value: string): string[] {
  return value
    .split(path.delimiter)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/**
 * MESHDECK_KUBECONFIG (one path), else KUBECONFIG (path list), else the
 * service account when running in a pod, else ~/.kube/config.
 */
export function resolveKubeSource(env: Env = process.env, homeDir: string = os.homedir()): KubeSource {
  const own = env.MESHDECK_KUBECONFIG?.trim();
  if (own) return { kind: "file", paths: [own], from: "MESHDECK_KUBECONFIG" };
  const standard = splitPaths(env.KUBECONFIG ?? "");
  if (standard.length > 0) return { kind: "file", paths: standard, from: "KUBECONFIG" };
  if (env.KUBERNETES_SERVICE_HOST?.trim()) return { kind: "in-cluster" };
  return { kind: "file", paths: [path.join(homeDir, ".kube", "config")], from: "default" };
}
