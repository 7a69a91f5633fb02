/**
 * The traffic model compiled against one routing table: flows with their
 * sending pods and pre-built header variants, and per-pod call lists.
 * Rebuilt whenever the table or the model changes.
 */
import type { CallConfig, FlowConfig, TrafficConfig, WorkloadSelector } from "../config/schema";
import { splitHostPort } from "@/lib/istio/semantics/host";
import { matchesLabels } from "@/lib/istio/semantics/labels";
import type { RoutingTable } from "../routing/table";
import type { Endpoint, Headers } from "../routing/types";

export interface HeaderVariant {
  /** Upper bound of the variant's slice of [0, 1). */
  readonly until: number;
  readonly headers: Headers;
}

export interface FlowPlan {
  readonly config: FlowConfig;
  readonly sources: readonly Endpoint[];
  /** Host as routed: literal authority for gateways, resolved FQDN for mesh callers (per source namespace). */
  readonly hostFor: (source: Endpoint) => string;
  readonly port: number;
  readonly baseHeaders: Headers;
  readonly variants: readonly HeaderVariant[];
  readonly requestBytes: number;
  /** Why the flow sends nothing (no ready source pod), else null. */
  readonly problem: string | null;
  next: number;
}

export interface CallPlan {
  readonly config: CallConfig;
  readonly host: string;
  readonly requestBytes: number;
}

export function selectorMatches(sel: WorkloadSelector, e: Endpoint): boolean {
  if (sel.namespace !== undefined && sel.namespace !== e.namespace) return false;
  if (sel.workload !== undefined && sel.workload !== e.identity?.workload) return false;
  if (sel.app !== undefined && sel.app !== e.labels["app"]) return false;
  if (sel.version !== undefined) {
    const v = e.labels["version"];
    if (v === undefined || (typeof sel.version === "string" ? sel.version !== v : !sel.version.includes(v))) return false;
  }
  return !sel.labels || matchesLabels(sel.labels, e.labels);
}

function lowerKeys(h: Headers): Headers {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

export class TrafficPlan {
  readonly flows: FlowPlan[];
  private readonly calls = new Map<number, readonly CallPlan[]>();
  private readonly meshHosts = new Map<string, string>();
  /** Calls by `from` namespace|app (most call graphs name both); the rest are checked for every pod. */
  private readonly callIndex = new Map<string, CallConfig[]>();
  private readonly unindexedCalls: CallConfig[] = [];
  private readonly callOrder = new Map<CallConfig, number>();

  constructor(
    readonly table: RoutingTable,
    readonly config: TrafficConfig,
  ) {
    this.flows = config.flows.map((f) => this.compileFlow(f));
    config.calls.forEach((c, i) => this.callOrder.set(c, i));
    for (const c of config.calls) {
      const { namespace, app } = c.from;
      if (namespace === undefined || app === undefined) this.unindexedCalls.push(c);
      else {
        const key = `${namespace}|${app}`;
        this.callIndex.set(key, [...(this.callIndex.get(key) ?? []), c]);
      }
    }
  }

  /** Total configured entry rate (requests/s) of flows that can send. */
  get entryRps(): number {
    return this.flows.reduce((s, f) => s + (f.problem ? 0 : f.config.rps), 0);
  }

  /** The host a pod in `namespace` reaches when it dials `name` (cached). */
  meshHost(name: string, namespace: string): string {
    const key = `${namespace}|${name}`;
    let host = this.meshHosts.get(key);
    if (host === undefined) {
      host = this.table.resolveMeshHost(splitHostPort(name).name, namespace);
      this.meshHosts.set(key, host);
    }
    return host;
  }

  /** Calls a pod makes for each request it serves (compiled on first use). */
  callsFor(e: Endpoint): readonly CallPlan[] {
    let calls = this.calls.get(e.id);
    if (!calls) {
      const indexed = this.callIndex.get(`${e.namespace}|${e.labels["app"] ?? ""}`) ?? [];
      const candidates = this.unindexedCalls.length === 0 ? indexed : [...indexed, ...this.unindexedCalls];
      calls = candidates
        .filter((c) => selectorMatches(c.from, e))
        .sort((a, b) => (this.callOrder.get(a) ?? 0) - (this.callOrder.get(b) ?? 0))
        .map((c) => ({ config: c, host: this.meshHost(c.to.host, e.namespace), requestBytes: c.requestBytes ?? this.config.requestBytes }));
      this.calls.set(e.id, calls);
    }
    return calls;
  }

  /** Sending pods for a flow or probe: gateway pods by workload name, or mesh pods by workload. */
  sourcesFor(ref: { gateway?: string | undefined; from?: string | undefined }): { sources: Endpoint[]; problem: string | null } {
    const name = ref.gateway ?? ref.from ?? "";
    const pods = this.table.endpoints.workload(name);
    const sources = ref.gateway !== undefined ? pods.filter((p) => p.gateway) : [...pods];
    if (sources.length > 0) return { sources, problem: null };
    return { sources, problem: `no ready pod of ${ref.gateway !== undefined ? "gateway" : "workload"} ${name}` };
  }

  private compileFlow(f: FlowConfig): FlowPlan {
    const { sources, problem } = this.sourcesFor(f);
    const gatewayHost = splitHostPort(f.host).name;
    const baseHeaders = lowerKeys(f.headers);
    let until = 0;
    const variants = f.variants.map((v) => {
      until += v.share;
      return { until, headers: { ...baseHeaders, ...lowerKeys(v.headers) } };
    });
    return {
      config: f,
      sources,
      hostFor: f.gateway !== undefined ? () => gatewayHost : (s) => this.meshHost(f.host, s.namespace),
      port: f.port,
      baseHeaders,
      variants,
      requestBytes: f.requestBytes ?? this.config.requestBytes,
      problem,
      next: 0,
    };
  }
}
