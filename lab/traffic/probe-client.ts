/**
 * Client of the simulator's GET /probe, used by `npm run lab:probe`.
 * Kept free of simulator imports so the CLI loads fast.
 */
import type { ProbeResult } from "./probe-types";

export type { ProbeResult } from "./probe-types";

export interface ProbeOptions {
  readonly host: string;
  /** http (default), tcp or tls: TCP / TLS connections routed by the VirtualService's tcp / tls rules. */
  readonly protocol?: "http" | "tcp" | "tls" | undefined;
  /** TLS: the server name to send (default the host). */
  readonly sni?: string | undefined;
  readonly port?: number | undefined;
  readonly path?: string | undefined;
  readonly method?: string | undefined;
  /** `name=value` or `name:value` strings, or a map. */
  readonly headers?: readonly string[] | Readonly<Record<string, string>> | undefined;
  readonly n?: number | undefined;
  /** Mesh source workload `ns/name`. */
  readonly from?: string | undefined;
  /** Gateway source workload (default istio-ingressgateway). */
  readonly gateway?: string | undefined;
}

export function probeUrl(baseUrl: string, opts: ProbeOptions): string {
  const url = new URL("/probe", baseUrl);
  const p = url.searchParams;
  p.set("host", opts.host);
  if (opts.port !== undefined) p.set("port", String(opts.port));
  if (opts.protocol !== undefined) p.set("protocol", opts.protocol);
  if (opts.sni !== undefined) p.set("sni", opts.sni);
  if (opts.path !== undefined) p.set("path", opts.path);
  if (opts.method !== undefined) p.set("method", opts.method);
  if (opts.n !== undefined) p.set("n", String(opts.n));
  if (opts.from !== undefined) p.set("from", opts.from);
  if (opts.gateway !== undefined) p.set("gateway", opts.gateway);
  const headers = opts.headers ?? [];
  const list = Array.isArray(headers)
    ? (headers as readonly string[])
    : Object.entries(headers as Readonly<Record<string, string>>).map(([k, v]) => `${k}:${v}`);
  for (const h of list) p.append("header", h);
  return url.toString();
}

export async function runProbe(baseUrl: string, opts: ProbeOptions): Promise<ProbeResult> {
  if (!opts.host) throw new Error("probe needs --host");
  const res = await fetch(probeUrl(baseUrl, opts), { signal: AbortSignal.timeout(120_000) });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const msg = typeof body === "object" && body !== null && "error" in body ? String((body as { error: unknown }).error) : res.statusText;
    throw new Error(`probe failed: HTTP ${res.status}: ${msg}`);
  }
  return body as ProbeResult;
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join("  ").trimEnd()).join("\n");
}

function pct(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

export function formatProbe(r: ProbeResult): string {
  const headers = Object.entries(r.headers).map(([k, v]) => `${k}: ${v}`);
  const lines = [
    r.protocol === "http"
      ? `${r.n} × ${r.method} ${r.host}:${r.port}${r.path} from ${r.source}${headers.length ? ` [${headers.join(", ")}]` : ""}`
      : `${r.n} × ${r.protocol.toUpperCase()} connection to ${r.host}:${r.port}${r.sni ? ` (SNI ${r.sni})` : ""} from ${r.source}`,
    `route: ${r.route}`,
    "",
    table([
      ["SERVICE", "SUBSET", "WORKLOAD", "VERSION", "POD-HASH", "RESULT", "COUNT", "SHARE"],
      ...r.destinations.map((d) => [
        d.serviceName ? `${d.serviceName}.${d.namespace}` : "-",
        d.subset || "-",
        d.workload || "-",
        d.version && d.version !== "unknown" ? d.version : d.revision || "-",
        d.podTemplateHash || "-",
        d.outcome,
        String(d.count),
        pct(d.share),
      ]),
    ]),
    "",
    `codes: ${Object.entries(r.codes).map(([c, n]) => `${c}=${n}`).join(" ")}   flags: ${Object.entries(r.flags).map(([f, n]) => `${f}=${n}`).join(" ")}`,
    `latency: p50 ${r.latencyMs.p50} ms  p95 ${r.latencyMs.p95} ms  mean ${r.latencyMs.mean} ms`,
  ];
  return lines.join("\n");
}

/** Keeps `perSecond` probe requests a second flowing through the simulator at `baseUrl` until stopped (failures are skipped). */
export function runProbeLoop(baseUrl: string, opts: ProbeOptions, perSecond: number): { stop: () => Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = Date.now();
      await runProbe(baseUrl, { ...opts, n: perSecond }).catch(() => undefined);
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - t0))));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
