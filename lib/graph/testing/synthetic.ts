/**
 * Synthetic Prometheus results of the graph queries for benchmarks, the dev
 * preview and property tests: a mesh of `workloads` workloads (apps with one
 * to three versions) in namespaces of about 100, called in tiers from an
 * ingress gateway, with a few errors, a no-route and a no-sidecar service.
 * Deterministic for a given seed.
 */
import type { PromSample, PromVectorResponse } from "../prom";

export interface SyntheticOptions {
  readonly workloads: number;
  readonly seed?: number;
  /** Average outgoing calls per app (default 2). */
  readonly fanOut?: number;
  /** Evaluation time written into the samples (default 1.7e9). */
  readonly timestamp?: number;
  /** Multiplies every rate (default 1): vary it to make refreshes differ. */
  readonly rateScale?: number;
}

export interface SyntheticResults {
  readonly requests: PromVectorResponse;
  readonly latency: PromVectorResponse;
  readonly namespaces: readonly string[];
}

/** mulberry32: small, fast, deterministic. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface App {
  readonly ns: string;
  readonly name: string;
  readonly versions: readonly string[];
  readonly tier: number;
}

const vector = (result: PromSample[]): PromVectorResponse => ({ status: "success", data: { resultType: "vector", result } });

export function syntheticPromResults(opts: SyntheticOptions): SyntheticResults {
  const rand = prng(opts.seed ?? 1);
  const ts = opts.timestamp ?? 1_700_000_000;
  const scale = opts.rateScale ?? 1;
  const fanOut = opts.fanOut ?? 2;
  const nsCount = Math.max(1, Math.round(opts.workloads / 100));
  const namespaces = Array.from({ length: nsCount }, (_, i) => `ns-${i}`);

  const apps: App[] = [];
  let made = 0;
  while (made < opts.workloads) {
    const i = apps.length;
    const versions = Math.min(opts.workloads - made, 1 + Math.floor(rand() * rand() * 3));
    const ns = namespaces[i % nsCount] ?? "ns-0";
    apps.push({ ns, name: `app-${i}`, versions: Array.from({ length: versions }, (_, v) => `v${v + 1}`), tier: Math.floor(rand() * 5) });
    made += versions;
  }

  const requests: PromSample[] = [];
  const latency: PromSample[] = [];
  const push = (src: { ns: string; wl: string; app: string; ver: string }, dst: App, ver: string | null, rps: number, code: string, flags: string, reporter: "source" | "destination") => {
    const metric: Record<string, string> = {
      source_workload_namespace: src.ns,
      source_workload: src.wl,
      source_canonical_service: src.app,
      source_canonical_revision: src.ver,
      destination_service_namespace: dst.ns,
      destination_service_name: dst.name,
      destination_workload_namespace: ver ? dst.ns : "unknown",
      destination_workload: ver ? `${dst.name}-${ver}` : "unknown",
      destination_canonical_service: ver ? dst.name : "unknown",
      destination_canonical_revision: ver ?? "unknown",
      request_protocol: "http",
      response_code: code,
      grpc_response_status: "",
      response_flags: flags,
      reporter,
    };
    requests.push({ metric, value: [ts, String(rps * scale)] });
    if (code === "200") {
      const { request_protocol: _p, response_code: _c, grpc_response_status: _g, response_flags: _f, ...ids } = metric;
      latency.push({ metric: ids, value: [ts, String(5 + rand() * 200)] });
    }
  };

  const byTier = (t: number) => apps.filter((a) => a.tier === t);
  const gateway = { ns: "istio-system", wl: "istio-ingressgateway", app: "istio-ingressgateway", ver: "latest" };
  const roots = byTier(0).length > 0 ? byTier(0) : apps.slice(0, 1);
  for (const app of roots) callApp(gateway, app, 10 + rand() * 40);

  function callApp(src: { ns: string; wl: string; app: string; ver: string }, dst: App, rps: number): void {
    const weights = dst.versions.map(() => 0.2 + rand());
    const total = weights.reduce((a, b) => a + b, 0);
    dst.versions.forEach((ver, i) => {
      const share = (rps * (weights[i] ?? 0)) / total;
      const errRate = rand() < 0.08 ? rand() * 0.2 : 0;
      push(src, dst, ver, share * (1 - errRate), "200", "-", "destination");
      if (errRate > 0) push(src, dst, ver, share * errRate, "503", "-", "destination");
    });
    if (rand() < 0.03) push(src, dst, null, rps * 0.05, "503", "UH", "source");
  }

  for (const app of apps) {
    const later = apps.filter((a) => a.tier > app.tier);
    if (later.length === 0) continue;
    for (const ver of app.versions) {
      const calls = Math.max(1, Math.round(fanOut * rand() * 1.5));
      for (let c = 0; c < calls; c++) {
        const dst = later[Math.floor(rand() * later.length)];
        if (dst) callApp({ ns: app.ns, wl: `${app.name}-${ver}`, app: app.name, ver }, dst, 0.5 + rand() * 20);
      }
    }
  }
  // A request for an unknown host at the gateway (404 NR).
  requests.push({
    metric: {
      source_workload_namespace: "istio-system",
      source_workload: "istio-ingressgateway",
      source_canonical_service: "istio-ingressgateway",
      source_canonical_revision: "latest",
      destination_service_namespace: "unknown",
      destination_service_name: "unknown",
      destination_workload_namespace: "unknown",
      destination_workload: "unknown",
      destination_canonical_service: "unknown",
      destination_canonical_revision: "unknown",
      request_protocol: "http",
      response_code: "404",
      grpc_response_status: "",
      response_flags: "NR",
      reporter: "source",
    },
    value: [ts, String(0.5 * scale)],
  });
  return { requests: vector(requests), latency: vector(latency), namespaces };
}
