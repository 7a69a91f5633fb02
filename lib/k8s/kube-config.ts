import "server-only";
import { KubeConfig } from "@kubernetes/client-node";
import { resolveKubeSource, type KubeSource } from "@/lib/config/kube-source";
import { AppError } from "@/lib/errors/app-error";

function errorCode(error: unknown): string {
  if (typeof error === "object" && error !== null) {
    const { code, name } = error as { code?: unknown; name?: unknown };
    if (typeof code === "string") return code;
    if (typeof name === "string") return name;
  }
  return "unknown error";
}

/** Builds a KubeConfig following {@link resolveKubeSource}. Throws "Unavailable" if none can be loaded. */
export function loadKubeConfig(source: KubeSource = resolveKubeSource()): KubeConfig {
  const kc = new KubeConfig();
  try {
    if (source.kind === "in-cluster") {
      kc.loadFromCluster();
      return kc;
    }
    const [first, ...rest] = source.paths;
    if (first === undefined) throw new Error("no kubeconfig path");
    kc.loadFromFile(first);
    for (const extra of rest) {
      const more = new KubeConfig();
      more.loadFromFile(extra);
      kc.mergeConfig(more, true);
    }
  } catch (error) {
    const where = source.kind === "in-cluster" ? "the in-cluster service account" : `${source.from} (${source.paths.join(", ")})`;
    // The file name is not a secret; its content never is logged or returned
    // (YAML parse errors quote lines of the file, so only the error code is logged).
    console.error(`[meshdeck] cannot load Kubernetes configuration from ${where}: ${errorCode(error)}`);
    throw new AppError(
      { code: "Unavailable", message: `No usable Kubernetes configuration from ${where}` },
      { cause: error },
    );
  }
  if (!kc.getCurrentCluster()) {
    throw new AppError({ code: "Unavailable", message: "Kubernetes configuration has no current cluster" });
  }
  return kc;
}
