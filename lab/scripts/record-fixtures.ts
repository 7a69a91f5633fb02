/**
 * Records the unit tests' fixtures (lib/testing/fixtures) from the demo world
 * on a lab: starts (or reuses) lab "fixtures", applies the demo world, then
 * sends every manifest file under lab/demo (the base world and its
 * ready-to-apply variants) to the API server as a server-side apply dry run
 * and writes back what the server would store: defaulted and validated by the
 * real CRDs, without server-assigned identity, status or random fields, so a
 * re-recording changes the files only when the demo world changes.
 *
 *   node --import tsx lab/scripts/record-fixtures.ts [--name fixtures] [--base-port 27600]
 *
 * The lab stops when this script exits (unless it was already running).
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { adminKube, labUp } from "../core/control.js";
import type { KubeObject, LabKube } from "../core/kube-client.js";
import { readManifests } from "../core/manifests.js";
import { repoRoot } from "../core/paths.js";
import { demoWorld } from "../../tests/integration/worlds/demo.js";

const demoDir = path.join(repoRoot, "lab", "demo");
const fixturesDir = path.join(repoRoot, "lib", "testing", "fixtures");

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** What the server stored minus what differs between recordings (identity, times, allocated IPs, status). */
export function stableCopy(o: KubeObject): KubeObject {
  const { managedFields: _m, uid: _u, resourceVersion: _r, creationTimestamp: _c, generation: _g, selfLink: _s, ...metadata } = o.metadata;
  const annotations = { ...(metadata.annotations ?? {}) };
  delete annotations["kubectl.kubernetes.io/last-applied-configuration"];
  const out: KubeObject = { ...o, metadata: { ...metadata, ...(Object.keys(annotations).length ? { annotations } : {}) } };
  if (Object.keys(annotations).length === 0) delete out.metadata.annotations;
  delete out.status;
  if (o.kind === "Service" && out.spec && typeof out.spec === "object") {
    const { clusterIP: _ip, clusterIPs: _ips, ...spec } = out.spec as Record<string, unknown>;
    out.spec = spec;
  }
  return out;
}

async function dryRunApply(kube: LabKube, o: KubeObject): Promise<KubeObject> {
  const url = await kube.pathFor(o.apiVersion, o.kind, o.metadata.namespace, o.metadata.name);
  return kube.json<KubeObject>("PATCH", `${url}?fieldManager=meshdeck-fixtures&force=true&dryRun=All`, o, "application/apply-patch+yaml");
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: "string" }, "base-port": { type: "string" } } });
  const state = await labUp({ name: values.name ?? "fixtures", basePort: Number(values["base-port"] ?? 27600), parentPid: process.pid, ttlSeconds: 3600 }, (m) => console.log(`[lab] ${m}`));
  const kube = adminKube(state);
  await demoWorld.apply(kube);
  fs.rmSync(fixturesDir, { recursive: true, force: true });
  for (const file of yamlFiles(demoDir)) {
    const source = path.relative(demoDir, file);
    const objects: KubeObject[] = [];
    for (const o of readManifests(file)) objects.push(stableCopy(await dryRunApply(kube, o)));
    const out = path.join(fixturesDir, source.replace(/\.ya?ml$/, ".json"));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify({ source, objects }, null, 2)}\n`);
    console.log(`${path.relative(repoRoot, out)}: ${objects.length} objects`);
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
