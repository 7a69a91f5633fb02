/** A ready-made lab for simulator tests: the lab workloads plus the demo world's shop (lab/demo). */
import path from "node:path";
import { parse, stringify } from "yaml";
import fs from "node:fs";
import { parseTrafficConfig } from "../config/load";
import type { TrafficConfig } from "../config/schema";
import { loadManifests } from "../model/manifests";
import { TrafficRuntime } from "../runtime";
import { materialize } from "./fake-cluster";
import { labWorkloads } from "./lab-workloads";
import { DEMO_DIR, readDemo } from "./demo-manifests";

/** The shop with every service routed to v1 (its all-v1 variant), as the shop's walkthrough starts. */
export const SHOP_FILES = ["world/shop.yaml", "shop-variants/all-v1.yaml"];

/** The shop's objects, then the given files of lab/demo on top (e.g. `shop-variants/user-route.yaml`). */
export function shopObjects(extra: readonly string[] = []): unknown[] {
  return [...SHOP_FILES, ...extra].flatMap((f) => readDemo(f));
}

/** The shop's call graph, as lab/demo/traffic.yaml declares it (YAML, to append to a test's model). */
export const SHOP_CALLS = stringify({ calls: (parse(fs.readFileSync(path.join(DEMO_DIR, "traffic.yaml"), "utf8")) as { calls: unknown[] }).calls });

export function config(yaml: string): TrafficConfig {
  const r = parseTrafficConfig(yaml);
  if (!r.ok) throw new Error(r.error);
  return r.config;
}

/** A runtime whose store holds the materialized objects (pods with sidecars unless `sidecar` says otherwise). */
export function runtimeWith(objects: readonly unknown[], cfg: TrafficConfig, sidecar?: (ns: string) => boolean): TrafficRuntime {
  const runtime = new TrafficRuntime(cfg);
  loadManifests(runtime.store, materialize([...labWorkloads(), ...objects], sidecar ? { sidecar } : {}));
  runtime.rebuildNow();
  return runtime;
}
