/**
 * GET /probe: N real simulated requests (counted in the metrics too) from a
 * gateway or mesh workload, summarised per destination, code and latency.
 */
import { DEFAULT_PROBE_GATEWAY, type ProbeDestination, type ProbeProtocol, type ProbeQuery, type ProbeResult } from "../probe-types";
import type { RequestOutcome } from "./engine";
import type { Simulator } from "./simulator";

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return round(sorted[i] ?? 0);
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}

function outcomeOf(o: RequestOutcome, protocol: ProbeProtocol): string {
  if (protocol !== "http") return o.flags === "-" ? "connected" : o.flags;
  return o.flags === "-" ? String(o.code) : `${o.code} ${o.flags}`;
}

function destinationOf(o: RequestOutcome, protocol: ProbeProtocol): Omit<ProbeDestination, "count" | "share"> {
  const { route } = o;
  const id = route.endpoint?.identity;
  return {
    service: route.service?.fqdn ?? "",
    serviceName: route.service?.name ?? "",
    namespace: route.service?.namespace ?? "",
    subset: route.cluster?.subset ?? "",
    workload: id?.workload ?? route.endpoint?.name ?? "",
    version: id?.version ?? "",
    revision: id?.canonicalRevision ?? "",
    podTemplateHash: id?.podTemplateHash ?? "",
    outcome: outcomeOf(o, protocol),
  };
}

export function runProbe(sim: Simulator, q: ProbeQuery): ProbeResult {
  const plan = sim.currentPlan;
  const ref = q.from !== undefined ? { from: q.from } : { gateway: q.gateway ?? DEFAULT_PROBE_GATEWAY };
  const { sources, problem } = plan.sourcesFor(ref);
  const source = sources[0];
  if (!source) throw new ProbeError(problem ?? "no source");
  const host = source.gateway ? q.host.toLowerCase() : plan.meshHost(q.host, source.namespace);
  const headers = Object.fromEntries(Object.entries(q.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const engine = sim.currentEngine;
  const protocol = q.protocol ?? "http";
  const sni = protocol === "tls" ? (q.sni ?? q.host).toLowerCase() : null;
  if (protocol !== "http" && source.gateway) throw new ProbeError("tcp and tls probes are sent from a mesh workload: give from=ns/name");
  const groups = new Map<string, { d: Omit<ProbeDestination, "count" | "share">; count: number }>();
  const codes: Record<string, number> = {};
  const flags: Record<string, number> = {};
  const latencies: number[] = [];
  for (let i = 0; i < q.n; i++) {
    const s = sources[i % sources.length] ?? source;
    const o =
      protocol === "http"
        ? engine.send({ source: s, host, port: q.port, path: q.path, method: q.method, headers, requestBytes: plan.config.requestBytes })
        : engine.connect({ source: s, host, port: q.port, sni, requestBytes: plan.config.requestBytes });
    const d = destinationOf(o, protocol);
    const key = JSON.stringify(d);
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { d, count: 1 });
    if (protocol === "http") codes[String(o.code)] = (codes[String(o.code)] ?? 0) + 1;
    flags[o.flags] = (flags[o.flags] ?? 0) + 1;
    latencies.push(o.latencyMs);
  }
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length);
  return {
    source: `${source.namespace}/${source.identity?.workload ?? source.name}`,
    protocol,
    ...(sni !== null ? { sni } : {}),
    host,
    port: q.port,
    path: q.path,
    method: q.method,
    headers,
    route: plan.table.describeRoute(source, host, q.port),
    n: q.n,
    destinations: [...groups.values()]
      .sort((a, b) => b.count - a.count)
      .map(({ d, count }) => ({ ...d, count, share: Math.round((count / Math.max(1, q.n)) * 10_000) / 10_000 })),
    codes,
    flags,
    latencyMs: { p50: quantile(latencies, 0.5), p95: quantile(latencies, 0.95), mean: round(mean) },
  };
}

export class ProbeError extends Error {}
