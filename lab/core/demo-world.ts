import fs from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { loadTrafficConfig } from "../traffic/config/load.js";
import type { TrafficConfig } from "../traffic/config/schema.js";
import { trafficConfigFile } from "./components.js";
import { adminKube } from "./control.js";
import { request } from "./http.js";
import type { KubeObject } from "./kube-client.js";
import { applyObjects, readManifests } from "./manifests.js";
import { repoRoot } from "./paths.js";
import { inMotion, releaseMotion, runMotion, readMotion } from "./demo-motion.js";
import type { LabState } from "./state.js";
import { waitWorkloadsReady } from "./workloads.js";

/** The demo world: lab/demo (see its README). */
export const demoDir = path.join(repoRoot, "lab", "demo");
export const demoTrafficFile = path.join(demoDir, "traffic.yaml");
const worldDir = path.join(demoDir, "world");
const injected = { "istio-injection": "enabled" };

/** What the world's manifests name as `${lab.…}`, known only once a lab runs (its Prometheus' URL). */
export type LabValues = Readonly<Record<string, string>>;

/** The values of a running lab the demo world refers to. */
export function labValues(state: Pick<LabState, "prometheus">): LabValues {
  if (!state.prometheus) throw new Error("the demo world's analysis queries the lab's Prometheus, and this lab runs none (started with --no-prometheus?)");
  return { "lab.prometheus.url": state.prometheus.url };
}

const LAB_VALUE = /\$\{(lab\.[a-z.]+)\}/g;

/** A copy of `objects` with every `${lab.…}` in a string replaced by its value; an unknown name throws. */
export function withLabValues(objects: readonly KubeObject[], values: LabValues): KubeObject[] {
  const fill = (v: unknown): unknown => {
    if (typeof v === "string")
      return v.replace(LAB_VALUE, (_, name: string) => {
        const value = values[name];
        if (value === undefined) throw new Error(`lab/demo/world: no lab value \${${name}}`);
        return value;
      });
    if (Array.isArray(v)) return v.map(fill);
    if (typeof v === "object" && v !== null) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]));
    return v;
  };
  return objects.map((o) => fill(o) as KubeObject);
}

/**
 * Every object of lab/demo/world/*.yaml, file by file in name order; with a
 * lab's values, ready to apply to that lab (`${lab.…}` filled in).
 */
export function demoWorldObjects(values?: LabValues): KubeObject[] {
  const objects = fs
    .readdirSync(worldDir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort()
    .flatMap((f) => readManifests(path.join(worldDir, f)));
  return values ? withLabValues(objects, values) : objects;
}

/** The namespaces of the demo world (each file declares its own). */
export function demoNamespaces(): string[] {
  return demoWorldObjects()
    .filter((o) => o.kind === "Namespace")
    .map((o) => o.metadata.name);
}

export interface DemoWorldOptions {
  /** Give the Rollouts their new versions (lab/demo/motion.yaml) and wait for their first pause; default true. */
  motion?: boolean;
  /** "replace": the simulator runs the demo world's model only; "add": the demo flows join the model the simulator started with. */
  traffic?: "replace" | "add";
  log?: (m: string) => void;
}

/**
 * Applies the demo world to a lab, every namespace labelled for injection,
 * waits for its workloads, installs its traffic model and (unless told not
 * to) sets the motion going. Idempotent: on a lab whose world is already in
 * motion (every canary waiting mid-way on its new version) only the traffic
 * model is installed again; otherwise a second run restores the world and
 * starts the motion afresh. Returns the number of objects applied.
 */
export async function applyDemoWorld(state: LabState, opts: DemoWorldOptions = {}): Promise<number> {
  const log = opts.log ?? (() => {});
  const kube = adminKube(state);
  if ((opts.motion ?? true) && (await inMotion(kube, readMotion()))) {
    log("the demo world is already in motion; reusing it");
    await waitWorkloadsReady(kube, demoNamespaces());
    if (state.traffic) await installDemoTraffic(state.traffic.url, opts.traffic ?? "replace");
    return 0;
  }
  const applied = await applyObjects(kube, demoWorldObjects(labValues(state)), { namespaceLabels: injected, fieldManager: "meshdeck-demo" });
  const motion = readMotion();
  await releaseMotion(kube, motion);
  log(`applied ${applied.length} objects of the demo world`);
  await waitWorkloadsReady(kube, demoNamespaces());
  if (state.traffic) await installDemoTraffic(state.traffic.url, opts.traffic ?? "replace");
  if (opts.motion ?? true) await runMotion(kube, motion, demoWorldObjects(), log);
  return applied.length;
}

/** The demo world's traffic model, alone or added to the one the simulator started with. */
export function demoTrafficConfig(mode: "replace" | "add"): TrafficConfig {
  const demo = loadTrafficConfig(demoTrafficFile);
  const baseFile = trafficConfigFile();
  if (mode === "replace" || path.resolve(baseFile) === demoTrafficFile) return demo;
  const base = loadTrafficConfig(baseFile);
  return { ...base, flows: [...base.flows, ...demo.flows], calls: [...base.calls, ...demo.calls] };
}

async function installDemoTraffic(url: string, mode: "replace" | "add"): Promise<void> {
  const r = await request(`${url}/config`, { method: "POST", headers: { "Content-Type": "application/yaml" }, body: stringify(demoTrafficConfig(mode)) });
  if (r.status !== 200) throw new Error(`the traffic simulator refused the demo world's model: ${r.status} ${r.body}`);
}
