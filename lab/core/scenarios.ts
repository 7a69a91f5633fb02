import fs from "node:fs";
import path from "node:path";
import type { LabKube } from "./kube-client.js";
import { applyObjects, readManifests } from "./manifests.js";
import { sharedDir } from "./paths.js";

export interface ScenarioFile {
  /** Path relative to ../shared/scenarios. */
  file: string;
  /** Namespace for objects that name none. */
  namespace: string;
}

const injected = { "istio-injection": "enabled" };

/** Namespaces of the walkthroughs; each is sidecar-injected, as the walkthroughs assume an Istio mesh. */
export const scenarioNamespaces = ["default", "sample-ns", "argo-apl", "default-265db573", "bookinfo", "argo-subset", "argo-mirror"];

/**
 * The set the demo and the tests start from: every seed, Bookinfo with its
 * gateway, subsets and an 80/20 reviews split, and the two Argo Rollouts Istio
 * examples, each in its own namespace.
 */
export const baseScenario: ScenarioFile[] = [
  { file: "seeds/helm-canary.yaml", namespace: "default" },
  { file: "seeds/blue-green.yaml", namespace: "sample-ns" },
  { file: "seeds/rollouts-demo.yaml", namespace: "argo-apl" },
  { file: "seeds/rio-staged.yaml", namespace: "default-265db573" },
  { file: "bookinfo/bookinfo.yaml", namespace: "bookinfo" },
  { file: "bookinfo/networking/bookinfo-gateway.yaml", namespace: "bookinfo" },
  { file: "bookinfo/networking/destination-rule-all.yaml", namespace: "bookinfo" },
  { file: "bookinfo/networking/virtual-service-all-v1.yaml", namespace: "bookinfo" },
  { file: "bookinfo/networking/virtual-service-reviews-80-20.yaml", namespace: "bookinfo" },
  { file: "argo-rollouts-istio/istio-subset-split.yaml", namespace: "argo-subset" },
  { file: "argo-rollouts-istio/istio-mirror.yaml", namespace: "argo-mirror" },
];

export function scenarioPath(file: string): string {
  return path.join(sharedDir, "scenarios", file);
}

/** Every YAML file under ../shared/scenarios, with the namespace it belongs in. */
export function allScenarioFiles(): ScenarioFile[] {
  const root = path.join(sharedDir, "scenarios");
  const out: ScenarioFile[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(e.name)) out.push({ file: path.relative(root, p), namespace: namespaceFor(path.relative(root, p)) });
    }
  };
  walk(root);
  return out.sort((a, b) => a.file.localeCompare(b.file));
}

function namespaceFor(file: string): string {
  const known = baseScenario.find((s) => s.file === file);
  if (known) return known.namespace;
  if (file.startsWith("bookinfo/")) return "bookinfo";
  if (file.includes("mirror")) return "argo-mirror";
  if (file.startsWith("argo-rollouts-istio/")) return "argo-subset";
  return "default";
}

export async function labelScenarioNamespaces(kube: LabKube): Promise<void> {
  await applyObjects(
    kube,
    scenarioNamespaces.map((name) => ({ apiVersion: "v1", kind: "Namespace", metadata: { name, labels: injected } })),
    { fieldManager: "meshdeck-lab-namespaces" },
  );
}

export async function applyScenarioFiles(kube: LabKube, files: ScenarioFile[]): Promise<number> {
  await labelScenarioNamespaces(kube);
  let n = 0;
  for (const s of files) n += (await applyObjects(kube, readManifests(scenarioPath(s.file)), { namespace: s.namespace })).length;
  return n;
}
