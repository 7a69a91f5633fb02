/** A ready-made lab for simulator tests: the lab workloads plus Bookinfo and the seeds. */
import { parseTrafficConfig } from "../config/load";
import type { TrafficConfig } from "../config/schema";
import { loadManifests } from "../model/manifests";
import { TrafficRuntime } from "../runtime";
import { materialize, withNamespace } from "./fake-cluster";
import { labWorkloads } from "./lab-workloads";
import { readScenario } from "./scenarios";

export const BOOKINFO_FILES = [
  "bookinfo/bookinfo.yaml",
  "bookinfo/networking/bookinfo-gateway.yaml",
  "bookinfo/networking/destination-rule-all.yaml",
  "bookinfo/networking/virtual-service-all-v1.yaml",
];

export function bookinfoObjects(extra: readonly string[] = []): unknown[] {
  return [...BOOKINFO_FILES, ...extra].flatMap((f) => withNamespace(readScenario(f), "bookinfo"));
}

export const BOOKINFO_CALLS = `
calls:
  - from: {namespace: bookinfo, app: productpage}
    to: {host: details, port: 9080, path: /details/0}
  - from: {namespace: bookinfo, app: productpage}
    to: {host: reviews, port: 9080, path: /reviews/0}
  - from: {namespace: bookinfo, app: reviews, version: [v2, v3]}
    to: {host: ratings, port: 9080, path: /ratings/0}
`;

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
