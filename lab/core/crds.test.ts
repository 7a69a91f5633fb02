import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { crdFiles, crdModules, crdSource } from "./crds";

const made: string[] = [];
function tempShared(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshdeck-crds-"));
  made.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of made.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe("CRD source selection", () => {
  it("reads <shared>/crds when it exists: every YAML file, recursively and sorted, without kustomization.yaml", () => {
    const shared = tempShared();
    const crds = path.join(shared, "crds");
    fs.mkdirSync(path.join(crds, "istio"), { recursive: true });
    fs.mkdirSync(path.join(crds, "argo"), { recursive: true });
    for (const f of ["istio/b.yaml", "istio/kustomization.yaml", "argo/a.yml", "README.md", "z.yaml"]) fs.writeFileSync(path.join(crds, f), "");
    expect(crdSource(shared)).toEqual({ kind: "shared", dir: crds });
    expect(crdFiles(shared).map((f) => path.relative(crds, f))).toEqual(["argo/a.yml", "istio/b.yaml", "z.yaml"]);
  });

  it("falls back to the Istio, Argo Rollouts and Gateway API Go modules when <shared>/crds is absent", () => {
    const shared = tempShared();
    expect(crdSource(shared)).toEqual({ kind: "modules", modules: crdModules });
    expect(crdSource(path.join(shared, "nothing-here")).kind).toBe("modules");
    expect(crdModules.map((m) => m.module)).toEqual(["istio.io/api@v1.30.3", "github.com/argoproj/argo-rollouts@v1.9.1", "sigs.k8s.io/gateway-api@v1.6.1"]);
  });
});
