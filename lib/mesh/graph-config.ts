/**
 * The live config the service graph is joined with, from the mesh model:
 * what exists (idle nodes), config badges (traffic split, header route,
 * fault, mirror, timeout, circuit breaker, missing sidecar, Rollout in
 * progress) and the gateway workloads. Pure.
 */
import type { BadgeTarget } from "@/lib/graph/badges";
import type { InventoryItem } from "@/lib/graph/inventory";
import type { Badge } from "@/lib/graph/types";
import type { HttpRule, MeshModel, RolloutModel } from "@/lib/istio/model/schema";

/** A DestinationRule as stored (its spec unparsed): only traffic policies are read. */
export interface DestinationRuleSpec {
  readonly namespace: string;
  readonly name: string;
  readonly spec: unknown;
}

export interface GraphConfig {
  readonly inventory: readonly InventoryItem[];
  readonly badges: readonly BadgeTarget[];
  readonly gateways: readonly { readonly namespace: string; readonly workload: string }[];
}

const SYSTEM_NAMESPACES = new Set(["istio-system", "kube-system", "kube-public", "kube-node-lease"]);

function pct(n: number): string {
  return `${Math.round(n * 10) / 10} %`;
}

function destinationLabel(d: { host: { service: { name: string } | null; raw: string }; subset: { name: string } | null }): string {
  return d.subset?.name ?? d.host.service?.name ?? d.host.raw;
}

function splitDetail(rule: HttpRule): string | null {
  const live = rule.destinations.filter((d) => d.share > 0);
  if (live.length < 2) return null;
  return live.map((d) => `${destinationLabel(d)} ${pct(d.share * 100)}`).join(" · ");
}

function faultDetail(rule: HttpRule): string | null {
  const f = rule.fault;
  if (!f) return null;
  const parts: string[] = [];
  if (f.abort) parts.push(`abort ${f.abort.httpStatus ?? f.abort.grpcStatus ?? f.abort.http2Error ?? "?"}${f.abort.percent !== null ? ` ${pct(f.abort.percent)}` : ""}`);
  if (f.delay) parts.push(`delay ${f.delay.fixedDelay ?? f.delay.exponentialDelay ?? "?"}${f.delay.percent !== null ? ` ${pct(f.delay.percent)}` : ""}`);
  return `${parts.join(", ")}${f.headerScoped ? " (header match)" : ""}`;
}

function ruleBadges(rule: HttpRule): Badge[] {
  const out: Badge[] = [];
  const split = splitDetail(rule);
  if (split) out.push({ kind: "trafficSplit", detail: split });
  if (rule.testRoute) out.push({ kind: "headerRoute", detail: `${rule.name ?? `route ${rule.index}`} → ${rule.destinations.map(destinationLabel).join(", ")}` });
  const fault = faultDetail(rule);
  if (fault) out.push({ kind: "fault", detail: fault });
  for (const m of rule.mirrors) out.push({ kind: "mirror", detail: `to ${destinationLabel(m)} ${pct(m.percent)}` });
  if (rule.timeout) out.push({ kind: "timeout", detail: rule.timeout });
  return out;
}

function record(obj: unknown): Record<string, unknown> | null {
  return typeof obj === "object" && obj !== null && !Array.isArray(obj) ? (obj as Record<string, unknown>) : null;
}

/** "outlier detection, connection pool" when a DestinationRule (or one of its subsets) sets them. */
export function circuitBreakerDetail(spec: unknown): string | null {
  const s = record(spec);
  if (!s) return null;
  const policies = [record(s.trafficPolicy), ...(Array.isArray(s.subsets) ? s.subsets.map((x) => record(record(x)?.trafficPolicy)) : [])];
  let outlier = false;
  let pool = false;
  for (const p of policies) {
    if (!p) continue;
    if (p.outlierDetection !== undefined && p.outlierDetection !== null) outlier = true;
    if (p.connectionPool !== undefined && p.connectionPool !== null) pool = true;
  }
  if (!outlier && !pool) return null;
  return [outlier ? "outlier detection" : "", pool ? "connection pool" : ""].filter(Boolean).join(", ");
}

export function rolloutInProgress(r: RolloutModel): boolean {
  if (r.phase === "Progressing" || r.phase === "Paused" || r.phase === "Degraded") return true;
  return r.currentHash !== null && r.stableHash !== null && r.currentHash !== r.stableHash;
}

function rolloutDetail(r: RolloutModel): string {
  const weight = r.strategy === "canary" && r.canaryWeight !== null ? ` · canary ${pct(r.canaryWeight)}` : "";
  return `${r.name}: ${r.phase ?? "unknown phase"}${weight}`;
}

class Targets {
  private readonly map = new Map<string, { kind: "service" | "workload"; namespace: string; name: string; badges: Badge[] }>();
  add(kind: "service" | "workload", namespace: string, name: string, badges: readonly Badge[]): void {
    if (badges.length === 0) return;
    const key = `${kind}\u0000${namespace}\u0000${name}`;
    let t = this.map.get(key);
    if (!t) this.map.set(key, (t = { kind, namespace, name, badges: [] }));
    for (const b of badges) if (!t.badges.some((x) => x.kind === b.kind && x.detail === b.detail)) t.badges.push(b);
  }
  list(): BadgeTarget[] {
    return [...this.map.values()];
  }
}

function inNamespaces(namespaces: ReadonlySet<string>, ns: string): boolean {
  return namespaces.size === 0 || namespaces.has(ns);
}

/**
 * The config of `namespaces` (empty: all) for the graph builder. Badges of a
 * VirtualService go to the Services its hosts name; a DestinationRule's
 * circuit breaker to its host's Service.
 */
export function graphConfig(model: MeshModel, destinationRules: readonly DestinationRuleSpec[], namespaces: readonly string[] = []): GraphConfig {
  const wanted = new Set(namespaces);
  const targets = new Targets();

  for (const vs of model.virtualServices) {
    const badges = vs.http.flatMap(ruleBadges);
    for (const h of vs.hosts) if (h.service && inNamespaces(wanted, h.service.namespace)) targets.add("service", h.service.namespace, h.service.name, badges);
  }

  const drHosts = new Map(model.destinationRules.map((d) => [`${d.namespace}/${d.name}`, d.host.service]));
  for (const dr of destinationRules) {
    const detail = circuitBreakerDetail(dr.spec);
    const svc = drHosts.get(`${dr.namespace}/${dr.name}`);
    if (detail && svc && inNamespaces(wanted, svc.namespace)) targets.add("service", svc.namespace, svc.name, [{ kind: "circuitBreaker", detail }]);
  }

  const ambient = new Set(model.namespaces.filter((n) => n.ambient).map((n) => n.name));
  for (const w of model.workloads) {
    if (!inNamespaces(wanted, w.namespace) || SYSTEM_NAMESPACES.has(w.namespace) || ambient.has(w.namespace)) continue;
    if (w.total > 0 && w.withSidecar < w.total) targets.add("workload", w.namespace, w.name, [{ kind: "missingSidecar", detail: `${w.total - w.withSidecar} of ${w.total} pods without istio-proxy` }]);
  }

  for (const r of model.rollouts) {
    if (!inNamespaces(wanted, r.namespace) || !rolloutInProgress(r)) continue;
    const badge: Badge = { kind: "rollout", detail: rolloutDetail(r) };
    targets.add("workload", r.namespace, r.name, [badge]);
    for (const svc of [r.canaryService, r.stableService]) if (svc) targets.add("service", r.namespace, svc, [badge]);
    for (const vs of r.virtualServices) {
      const routed = model.virtualServices.find((v) => v.namespace === vs.namespace && v.name === vs.name);
      for (const h of routed?.hosts ?? []) if (h.service) targets.add("service", h.service.namespace, h.service.name, [badge]);
    }
  }

  // Idle nodes: every Service and workload; a workload's app is the Service selecting it (Bookinfo's convention).
  const appOf = new Map<string, string>();
  const inventory: InventoryItem[] = [];
  for (const s of model.services) {
    if (!inNamespaces(wanted, s.namespace)) continue;
    inventory.push({ kind: "service", namespace: s.namespace, name: s.name });
    for (const w of s.backends.workloads) if (!appOf.has(`${s.namespace}/${w.name}`)) appOf.set(`${s.namespace}/${w.name}`, s.name);
  }
  for (const w of model.workloads) {
    if (!inNamespaces(wanted, w.namespace)) continue;
    const app = appOf.get(`${w.namespace}/${w.name}`);
    const version = w.versions.length === 1 ? w.versions[0] : undefined;
    inventory.push({ kind: "workload", namespace: w.namespace, name: w.name, ...(app !== undefined ? { app } : {}), ...(version !== undefined ? { version } : {}) });
  }

  const gateways = model.gateways.flatMap((g) => g.workloads.map((w) => ({ namespace: w.namespace, workload: w.name })));
  return { inventory, badges: targets.list(), gateways };
}
