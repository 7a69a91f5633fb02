import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { versions } from "./binaries.js";
import { sharedDir } from "./paths.js";

/**
 * The Go modules (and the folder or file in each) that hold the CRDs the lab
 * installs without ../shared/crds, at lab/versions.json's CRD versions
 * (argo-rollouts v1.9.3's go directive asks for a newer Go than the lab needs;
 * its CRDs are v1.9.1's).
 */
export const crdModules = [
  { module: `istio.io/api@v${versions.crds.istio}`, sub: "kubernetes/customresourcedefinitions.gen.yaml" },
  { module: `github.com/argoproj/argo-rollouts@${versions.crds.argoRollouts}`, sub: "manifests/crds" },
  { module: `sigs.k8s.io/gateway-api@${versions.crds.gatewayApi}`, sub: "config/crd/standard" },
] as const;

export type CrdSource = { kind: "shared"; dir: string } | { kind: "modules"; modules: typeof crdModules };

/** Where the CRDs come from: `<shared>/crds` when it is there, else the projects' Go modules. */
export function crdSource(shared = sharedDir): CrdSource {
  const dir = path.join(shared, "crds");
  return fs.existsSync(dir) ? { kind: "shared", dir } : { kind: "modules", modules: crdModules };
}

/**
 * The real CRDs of Istio, Argo Rollouts and Gateway API (standard channel).
 * Read from ../shared/crds when it is there, else from the projects' own Go
 * modules (downloaded through the module proxy into the Go module cache).
 */
export function crdFiles(shared = sharedDir): string[] {
  const source = crdSource(shared);
  if (source.kind === "shared") return listYaml(source.dir);
  return source.modules.flatMap((m) => moduleFiles(m.module, m.sub));
}

/** YAML files under `dir`, recursively and sorted, without kustomization files. */
export function listYaml(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listYaml(p));
    else if (/\.ya?ml$/.test(e.name) && e.name !== "kustomization.yaml") out.push(p);
  }
  return out.sort();
}

function moduleFiles(mod: string, sub: string): string[] {
  const out = execFileSync("go", ["mod", "download", "-json", mod], { encoding: "utf8", env: { ...process.env, GOFLAGS: "-mod=mod" } });
  const dir = (JSON.parse(out) as { Dir: string }).Dir;
  const p = path.join(dir, sub);
  return fs.statSync(p).isDirectory() ? listYaml(p) : [p];
}
