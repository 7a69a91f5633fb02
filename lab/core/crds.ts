import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { cacheDir, sharedDir } from "./paths.js";

/** The Go modules (and the folder or file in each) that hold the CRDs the lab installs. */
export const crdModules = [
  { module: "istio.io/api@v1.30.3", sub: "kubernetes/customresourcedefinitions.gen.yaml" },
  { module: "github.com/argoproj/argo-rollouts@v1.9.3", sub: "manifests/crds" },
  { module: "sigs.k8s.io/gateway-api@v1.6.1", sub: "config/crd/standard" },
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
  const r = spawnSync("go", ["mod", "download", "-json", mod], { encoding: "utf8", env: { ...process.env, GOFLAGS: "-mod=mod" } });
  const dir = moduleDir(mod, r.stdout, path.join(cacheDir, "src"));
  const p = path.join(dir, sub);
  return fs.statSync(p).isDirectory() ? listYaml(p) : [p];
}

/**
 * The module's source folder from `go mod download -json`: its Dir, or, when go
 * refuses to extract it (a module whose go directive is newer than the local
 * toolchain, as argo-rollouts v1.9.3's), the copy lab/scripts/build-binaries.sh
 * extracted from the same verified zip into <srcRoot>/<name>-<version>.
 */
export function moduleDir(mod: string, goJson: string, srcRoot: string): string {
  let parsed: { Dir?: string; Error?: string } = {};
  try {
    parsed = JSON.parse(goJson) as typeof parsed;
  } catch {
    // no JSON: go itself failed; reported below
  }
  if (parsed.Dir && fs.existsSync(parsed.Dir)) return parsed.Dir;
  const [modPath = mod, version = ""] = mod.split("@");
  const copy = path.join(srcRoot, `${path.basename(modPath)}-${version}`);
  if (fs.existsSync(path.join(copy, ".meshdeck-src-complete"))) return copy;
  throw new Error(`go mod download ${mod} failed: ${parsed.Error ?? (goJson.trim() || "no output")}`);
}
