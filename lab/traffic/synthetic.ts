/**
 * Synthetic meshes for benchmarks: N workloads (Deployments with version
 * labels) behind Services in M namespaces, with DestinationRules and weighted
 * VirtualServices for the services that run a canary, a layered call graph
 * and the matching traffic model.
 *
 *   node --import tsx lab/traffic/synthetic.ts --workloads 3000 --namespaces 30 --out DIR
 * writes DIR/objects.yaml (apply to the lab) and DIR/traffic.yaml (--config of main.ts).
 *
 * The lab's own istio-ingressgateway (istio-system) receives the entry traffic;
 * it is not part of the generated objects.
 */
import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { stringify } from "yaml";
import type { TrafficConfig } from "./config/schema";
import { trafficConfigSchema } from "./config/schema";
import { createRng, type Rng } from "./sim/random";

export interface SyntheticOptions {
  readonly workloads: number;
  readonly namespaces: number;
  /** Every k-th service runs a canary (two versions, subsets, 90/10 VirtualService). */
  readonly canaryEvery?: number;
  /** Average downstream services each non-leaf service calls. */
  readonly callsPerService?: number;
  /** Share of services that are frontends behind the ingress gateway. */
  readonly entryShare?: number;
  /** Entry requests per second per frontend. */
  readonly entryRps?: number;
  /** Every k-th canary version answers 5 % errors (0 = never). */
  readonly faultyCanaryEvery?: number;
  readonly seed?: number;
}

export interface SyntheticMesh {
  readonly objects: unknown[];
  /** Traffic model input (validates against trafficConfigSchema). */
  readonly traffic: Record<string, unknown>;
  readonly services: number;
  readonly edges: number;
  readonly entryRps: number;
}

export const SYNTHETIC_DOMAIN = "syn.local";
const PORT = 8080;
/** Call-graph layers: frontends (0), then the other services split 30 / 30 / 40 % into layers 1–3. */
const LAYER_CUTS = [0.3, 0.6];
const LAYER_COUNT = LAYER_CUTS.length + 2;

interface ServicePlan {
  readonly name: string;
  readonly namespace: string;
  readonly versions: readonly string[];
  readonly layer: number;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  const item = items[Math.floor(rng() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}

function namespaceObject(name: string): unknown {
  return { apiVersion: "v1", kind: "Namespace", metadata: { name, labels: { "istio-injection": "enabled" } } };
}

function deployment(s: ServicePlan, version: string, annotations: Record<string, string>): unknown {
  const labels = { app: s.name, version };
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: `${s.name}-${version}`, namespace: s.namespace, labels },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels, annotations },
        spec: { containers: [{ name: "app", image: "registry.k8s.io/pause:3.10", ports: [{ containerPort: PORT }] }] },
      },
    },
  };
}

function serviceObject(s: ServicePlan): unknown {
  return {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: s.name, namespace: s.namespace, labels: { app: s.name } },
    spec: { selector: { app: s.name }, ports: [{ name: "http", port: PORT, targetPort: PORT }] },
  };
}

function canaryObjects(s: ServicePlan, gatewayHost: string | null): unknown[] {
  const [stable, canary] = s.versions;
  if (!stable || !canary) return [];
  const route = [
    { destination: { host: s.name, subset: stable, port: { number: PORT } }, weight: 90 },
    { destination: { host: s.name, subset: canary, port: { number: PORT } }, weight: 10 },
  ];
  return [
    {
      apiVersion: "networking.istio.io/v1",
      kind: "DestinationRule",
      metadata: { name: s.name, namespace: s.namespace },
      spec: { host: s.name, subsets: s.versions.map((v) => ({ name: v, labels: { version: v } })) },
    },
    {
      apiVersion: "networking.istio.io/v1",
      kind: "VirtualService",
      metadata: { name: s.name, namespace: s.namespace },
      spec: {
        hosts: gatewayHost ? [s.name, gatewayHost] : [s.name],
        gateways: gatewayHost ? ["mesh", "istio-system/synthetic-gateway"] : ["mesh"],
        http: [{ name: "primary", route }],
      },
    },
  ];
}

function frontendVirtualService(s: ServicePlan, host: string): unknown {
  return {
    apiVersion: "networking.istio.io/v1",
    kind: "VirtualService",
    metadata: { name: `${s.name}-ingress`, namespace: s.namespace },
    spec: {
      hosts: [host],
      gateways: ["istio-system/synthetic-gateway"],
      http: [{ route: [{ destination: { host: s.name, port: { number: PORT } } }] }],
    },
  };
}

export function generateSyntheticMesh(opts: SyntheticOptions): SyntheticMesh {
  const rng = createRng(opts.seed ?? 1);
  const canaryEvery = Math.max(1, opts.canaryEvery ?? 4);
  const faultyEvery = opts.faultyCanaryEvery ?? 5;
  const callsPerService = opts.callsPerService ?? 1.5;
  const entryShare = opts.entryShare ?? 0.1;
  const entryRps = opts.entryRps ?? 1;
  const namespaces = Array.from({ length: Math.max(1, opts.namespaces) }, (_, i) => `syn-${pad(i, 2)}`);

  // Services until the workload budget is spent (canary services take two).
  const services: ServicePlan[] = [];
  for (let workloads = 0, i = 0; workloads < opts.workloads; i++) {
    const canary = i % canaryEvery === canaryEvery - 1 && opts.workloads - workloads >= 2;
    const versions = canary ? ["v1", "v2"] : ["v1"];
    workloads += versions.length;
    services.push({ name: `s${pad(i, 4)}`, namespace: namespaces[i % namespaces.length] ?? "syn-00", versions, layer: 0 });
  }
  const frontends = Math.max(1, Math.round(services.length * entryShare));
  const layered = services.map((s, i) => {
    if (i < frontends) return s;
    const rest = (i - frontends) / Math.max(1, services.length - frontends);
    return { ...s, layer: 1 + LAYER_CUTS.filter((c) => rest >= c).length };
  });
  const byLayer = Array.from({ length: LAYER_COUNT }, (_, l) => layered.filter((s) => s.layer === l));

  const objects: unknown[] = namespaces.map(namespaceObject);
  objects.push({
    apiVersion: "networking.istio.io/v1",
    kind: "Gateway",
    metadata: { name: "synthetic-gateway", namespace: "istio-system" },
    spec: { selector: { istio: "ingressgateway" }, servers: [{ port: { number: 80, name: "http", protocol: "HTTP" }, hosts: [`*.${SYNTHETIC_DOMAIN}`] }] },
  });
  let canaries = 0;
  for (const s of layered) {
    const gatewayHost = s.layer === 0 ? `${s.name}.${SYNTHETIC_DOMAIN}` : null;
    objects.push(serviceObject(s));
    for (const v of s.versions) {
      const faulty = v === "v2" && faultyEvery > 0 && canaries % faultyEvery === 0;
      const annotations: Record<string, string> = {
        "meshdeck.dev/latency-ms": String(2 + Math.floor(rng() * 20)),
        ...(faulty ? { "meshdeck.dev/error-rate": "0.05" } : {}),
      };
      objects.push(deployment(s, v, annotations));
    }
    if (s.versions.length > 1) {
      canaries++;
      objects.push(...canaryObjects(s, gatewayHost));
    } else if (gatewayHost) {
      objects.push(frontendVirtualService(s, gatewayHost));
    }
  }

  const calls: Record<string, unknown>[] = [];
  for (const s of layered) {
    const next = byLayer[s.layer + 1];
    if (!next || next.length === 0) continue;
    const n = Math.floor(callsPerService) + (rng() < callsPerService % 1 ? 1 : 0);
    const targets = new Set<ServicePlan>();
    for (let k = 0; k < n; k++) targets.add(pick(rng, next));
    for (const t of targets) {
      calls.push({ from: { namespace: s.namespace, app: s.name }, to: { host: `${t.name}.${t.namespace}`, port: PORT, path: "/" } });
    }
  }
  const flows = (byLayer[0] ?? []).map((s) => ({
    name: s.name,
    gateway: "istio-ingressgateway",
    host: `${s.name}.${SYNTHETIC_DOMAIN}`,
    port: 80,
    rps: entryRps,
  }));
  const traffic = { tickMs: 250, maxDepth: LAYER_COUNT + 1, flows, calls };
  return { objects, traffic, services: services.length, edges: calls.length, entryRps: flows.length * entryRps };
}

/** The generated traffic model, validated. */
export function syntheticTrafficConfig(mesh: SyntheticMesh): TrafficConfig {
  return trafficConfigSchema.parse(mesh.traffic);
}

function main(argv: readonly string[]): void {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      workloads: { type: "string", default: "100" },
      namespaces: { type: "string", default: "10" },
      out: { type: "string" },
      seed: { type: "string", default: "1" },
      "entry-rps": { type: "string" },
    },
  });
  if (!values.out) throw new Error("usage: synthetic.ts --workloads N --namespaces M --out DIR [--seed S] [--entry-rps R]");
  const workloads = Number(values.workloads);
  if (!Number.isInteger(workloads) || workloads < 1 || workloads > 20_000) throw new Error("--workloads must be 1..20000");
  const mesh = generateSyntheticMesh({
    workloads,
    namespaces: Number(values.namespaces),
    seed: Number(values.seed),
    ...(values["entry-rps"] ? { entryRps: Number(values["entry-rps"]) } : {}),
  });
  syntheticTrafficConfig(mesh);
  fs.mkdirSync(values.out, { recursive: true });
  fs.writeFileSync(path.join(values.out, "objects.yaml"), mesh.objects.map((o) => stringify(o)).join("---\n"));
  fs.writeFileSync(path.join(values.out, "traffic.yaml"), stringify(mesh.traffic));
  process.stdout.write(
    `${mesh.objects.length} objects (${mesh.services} services, ${workloads} workloads), ${mesh.edges} call edges, ${mesh.entryRps} entry rps → ${values.out}\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
