import fs from "node:fs";
import path from "node:path";
import { cacheDir, repoRoot } from "./paths.js";

export const versions = JSON.parse(fs.readFileSync(path.join(repoRoot, "lab", "versions.json"), "utf8")) as {
  kubernetes: string;
  etcd: string;
  kwok: string;
  argoRollouts: string;
  /** Versions of the CRDs installed when ../shared/crds is absent. */
  crds: { istio: string; argoRollouts: string; gatewayApi: string };
};

export const binaryNames = ["etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler", "kwok", "rollouts-controller"] as const;
export type BinaryName = (typeof binaryNames)[number];

function versionOf(name: BinaryName): string {
  switch (name) {
    case "etcd":
      return versions.etcd;
    case "kwok":
      return versions.kwok;
    case "rollouts-controller":
      return versions.argoRollouts;
    default:
      return versions.kubernetes;
  }
}

/** Where lab/scripts/build-binaries.sh puts a binary: one folder per name and version. */
export function binaryPath(name: BinaryName): string {
  const v = versionOf(name);
  return path.join(cacheDir, "bin", `${name}-${v}`, name);
}

export function missingBinaries(): BinaryName[] {
  return binaryNames.filter((n) => !fs.existsSync(binaryPath(n)));
}

/** Identifies the binaries a lab was started with, so a rebuilt binary is not silently reused. */
export function binaryFingerprint(): string {
  return binaryNames
    .map((n) => {
      const p = binaryPath(n);
      const st = fs.existsSync(p) ? fs.statSync(p) : undefined;
      return `${n}:${st ? `${st.size}:${Math.round(st.mtimeMs)}` : "missing"}`;
    })
    .join(",");
}
