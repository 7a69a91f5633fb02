/** JSON shapes of GET /probe, shared by the server and probe-client.ts. */

export interface ProbeDestination {
  /** Service FQDN, or "" for local replies. */
  readonly service: string;
  readonly serviceName: string;
  readonly namespace: string;
  readonly subset: string;
  readonly workload: string;
  readonly version: string;
  readonly revision: string;
  readonly podTemplateHash: string;
  /** Status the caller saw for these requests, e.g. "200" or "503 UH"; TCP / TLS: "connected" or the flags ("NR"). */
  readonly outcome: string;
  readonly count: number;
  readonly share: number;
}

/** What a probe sends: HTTP requests, or TCP / TLS connections (routed by the VirtualService's tcp / tls rules). */
export type ProbeProtocol = "http" | "tcp" | "tls";
export const PROBE_PROTOCOLS: readonly ProbeProtocol[] = ["http", "tcp", "tls"];

export interface ProbeResult {
  readonly source: string;
  readonly protocol: ProbeProtocol;
  /** TLS: the server name the connections sent. */
  readonly sni?: string;
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Which config routed the requests (first request). */
  readonly route: string;
  readonly n: number;
  readonly destinations: readonly ProbeDestination[];
  readonly codes: Readonly<Record<string, number>>;
  readonly flags: Readonly<Record<string, number>>;
  readonly latencyMs: { readonly p50: number; readonly p95: number; readonly mean: number };
}

export interface ProbeQuery {
  /** Default http. */
  readonly protocol?: ProbeProtocol;
  /** TLS: the server name (SNI) to send; default the host as given. */
  readonly sni?: string;
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly n: number;
  /** Gateway workload (`name` or `ns/name`); used when `from` is absent. */
  readonly gateway?: string;
  /** Mesh workload `ns/name`. */
  readonly from?: string;
}

export const DEFAULT_PROBE_GATEWAY = "istio-ingressgateway";
export const MAX_PROBE_REQUESTS = 100_000;
