/** Sends simulated requests through a routing table and tallies the outcomes (tests only). */
import { createRng } from "../sim/random";
import type { RoutingTable } from "../routing/table";
import type { Headers, RouteResult } from "../routing/types";

export interface SendOptions {
  /** Source workload: `ns/name` or a bare name. */
  readonly from: string;
  readonly host: string;
  readonly port: number;
  readonly path?: string;
  readonly method?: string;
  readonly headers?: Headers;
  readonly n?: number;
  readonly seed?: number;
}

export function send(table: RoutingTable, opts: SendOptions): RouteResult[] {
  const source = table.endpoints.workload(opts.from)[0];
  if (!source) throw new Error(`no ready pod of workload ${opts.from}`);
  const host = source.gateway ? opts.host : table.resolveMeshHost(opts.host, source.namespace);
  const rng = createRng(opts.seed ?? 42);
  const out: RouteResult[] = [];
  for (let i = 0; i < (opts.n ?? 1); i++) {
    out.push(
      table.route(
        { source, host, port: opts.port, path: opts.path ?? "/", method: opts.method ?? "GET", headers: opts.headers ?? {} },
        rng,
      ),
    );
  }
  return out;
}

/** Destination workload, or "<code> <flags>" for local replies. */
export function outcome(r: RouteResult): string {
  if (r.endpoint) return r.endpoint.identity?.workload ?? r.endpoint.name;
  return `${r.code} ${r.flags}`;
}

export function tally(results: readonly RouteResult[], key: (r: RouteResult) => string = outcome): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) {
    const k = key(r);
    out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}
