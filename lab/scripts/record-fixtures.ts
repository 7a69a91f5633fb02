/**
 * Records the unit tests' fixtures (lib/testing/fixtures) from the demo world
 * on a lab: starts (or reuses) lab "fixtures" and sends every manifest file
 * under lab/demo (the world and the shop's ready-to-apply variants) to its API
 * server as a server-side apply dry run, each object in a scratch copy of its
 * namespace (so what the lab already holds does not leak in), and writes back
 * what the server would store: defaulted and validated against the real CRDs,
 * without server-assigned identity, status or random fields. Re-recording
 * changes the files only when the demo world (or the API server) changes.
 *
 *   node --import tsx lab/scripts/record-fixtures.ts [--name fixtures] [--base-port 27600]
 *
 * A lab started here stops when this script exits.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { adminKube, labUp } from "../core/control.js";
import type { KubeObject, LabKube } from "../core/kube-client.js";
import { readManifests } from "../core/manifests.js";
import { repoRoot } from "../core/paths.js";

const demoDir = path.join(repoRoot, "lab", "demo");
const fixturesDir = path.join(repoRoot, "lib", "testing", "fixtures");
/** The folders of lab/demo that hold Kubernetes manifests (the world and the shop's variants). */
const manifestDirs = ["world", "shop-variants"];

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

/** A scratch copy of a namespace, fresh for each run (an earlier run's may still be terminating). */
const run = Date.now().toString(36);
const scratch = (namespace: string) => `fx${run}-${namespace}`.slice(0, 63);

/** What the API server would store for `o`, as if it were created afresh in its namespace. */
async function dryRunApply(kube: LabKube, o: KubeObject, created: Set<string>): Promise<KubeObject> {
  const namespace = o.metadata.namespace;
  const target = o.kind === "Namespace" ? { ...o, metadata: { ...o.metadata, name: scratch(o.metadata.name) } } : namespace ? { ...o, metadata: { ...o.metadata, namespace: scratch(namespace) } } : o;
  if (namespace && !created.has(namespace)) {
    await kube.apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: scratch(namespace) } }, "meshdeck-fixtures");
    created.add(namespace);
  }
  const url = await kube.pathFor(target.apiVersion, target.kind, target.metadata.namespace, target.metadata.name);
  const stored = await kube.json<KubeObject>("PATCH", `${url}?fieldManager=meshdeck-fixtures&force=true&dryRun=All`, target, "application/apply-patch+yaml");
  if (o.kind === "Namespace") return { ...stored, metadata: { ...stored.metadata, name: o.metadata.name, labels: { ...stored.metadata.labels, "kubernetes.io/metadata.name": o.metadata.name } } };
  return namespace ? { ...stored, metadata: { ...stored.metadata, namespace } } : stored;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: "string" }, "base-port": { type: "string" } } });
  // The options `npm run lab:up` uses, so a lab already running is reused as it is.
  const state = await labUp({ name: values.name ?? "fixtures", basePort: Number(values["base-port"] ?? 27600), parentPid: process.pid, ttlSeconds: 3600, withTraffic: true, withPrometheus: true }, (m) => console.log(`[lab] ${m}`));
  const kube = adminKube(state);
  const created = new Set<string>();
  fs.rmSync(fixturesDir, { recursive: true, force: true });
  for (const file of manifestDirs.flatMap((d) => yamlFiles(path.join(demoDir, d)))) {
    const source = path.relative(demoDir, file);
    const manifests = readManifests(file);
    const objects: KubeObject[] = [];
    for (const o of manifests) objects.push(stableCopy(await dryRunApply(kube, o, created)));
    const out = path.join(fixturesDir, source.replace(/\.ya?ml$/, ".json"));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, `${JSON.stringify({ source, objects }, null, 2)}\n`);
    console.log(`${path.relative(repoRoot, out)}: ${objects.length} objects`);
  }
  for (const namespace of created) await kube.delete("v1", "Namespace", undefined, scratch(namespace));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
