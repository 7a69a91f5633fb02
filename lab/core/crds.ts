import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { versions } from "./binaries.js";
import { sharedDir } from "./paths.js";

/**
 * The real CRDs of Istio, Argo Rollouts and Gateway API (standard channel).
 * Read from ../shared/crds when it is there, else from the projects' own Go
 * modules (downloaded through the module proxy into the Go module cache).
 */
export function crdFiles(): string[] {
  const shared = path.join(sharedDir, "crds");
  if (fs.existsSync(shared)) return listYaml(shared);
  // lab/versions.json: the CRDs' own versions (argo-rollouts v1.9.3's go directive asks for a newer Go than the lab needs; its CRDs are v1.9.1's).
  const v = versions.crds;
  return [
    ...moduleFiles(`istio.io/api@v${v.istio}`, "kubernetes/customresourcedefinitions.gen.yaml"),
    ...moduleFiles(`github.com/argoproj/argo-rollouts@${v.argoRollouts}`, "manifests/crds"),
    ...moduleFiles(`sigs.k8s.io/gateway-api@${v.gatewayApi}`, "config/crd/standard"),
  ];
}

function listYaml(dir: string): string[] {
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
