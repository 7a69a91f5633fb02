/**
 * Istio's documented VirtualService examples, checked on both sides of the
 * one routing semantics: the simulator (requests routed, shares measured) and
 * the dashboard's model (shares, fault and mirror percentages, actions).
 */
import { describe, expect, it } from "vitest";
import { buildMeshModel } from "@/lib/istio/model/build-model";
import type { HttpRule } from "@/lib/istio/model/schema";
import { parseMeshSnapshot } from "@/lib/istio/model/snapshot";
import { effectiveFaultPercent } from "@/lib/istio/semantics/percent";
import { createRng } from "../sim/random";
import { fakeStore, materialize } from "../testing/fake-cluster";
import { RoutingTable } from "../routing/table";
import type { RouteResult } from "../routing/types";
import { ISTIO_DOCS_CASES, type DocsCase, type DocsRequest, type DocsRuleExpectation } from "./istio-docs-cases";

type Observed = Omit<DocsRuleExpectation, "index" | "probe" | "action"> & { action?: string };
import { istioDocsWorld, NS } from "./istio-docs-world";

const N = 4000;
const TOLERANCE = 0.03;

function objectsOf(c: DocsCase): unknown[] {
  const vs = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "example", namespace: NS, creationTimestamp: "2026-01-01T00:00:00Z" }, spec: c.spec };
  return [...istioDocsWorld(), vs];
}

function send(table: RoutingTable, req: DocsRequest, n: number): RouteResult[] {
  const source = table.endpoints.workload(req.from ?? `${NS}/productpage-v1`)[0];
  if (!source) throw new Error(`no pod of ${req.from}`);
  const host = source.gateway ? req.host : table.resolveMeshHost(req.host, source.namespace);
  const rng = createRng(11);
  const route = { source, host, port: req.port ?? 9080, path: req.path ?? "/", method: req.method ?? "GET", headers: req.headers ?? {} };
  return Array.from({ length: n }, () => table.route(route, rng));
}

const outcome = (r: RouteResult): string | number => r.endpoint?.identity?.workload ?? r.code;

function fractions(results: readonly RouteResult[], keys: (r: RouteResult) => readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) for (const k of keys(r)) out[k] = (out[k] ?? 0) + 1 / results.length;
  return out;
}

/** What the simulator does for the rule's probe, in the expectation's terms. */
function labSide(table: RoutingTable, e: DocsRuleExpectation): Observed {
  const results = send(table, e.probe, N);
  const first = results[0];
  return {
    ...(e.shares ? { shares: fractions(results, (r) => (r.endpoint?.identity ? [r.endpoint.identity.workload] : [])) } : {}),
    ...(e.delay !== undefined ? { delay: fractions(results, (r) => (r.delayMs > 0 ? ["d"] : [])).d ?? 0 } : {}),
    ...(e.abort !== undefined ? { abort: fractions(results, (r) => (r.flags.includes("FI") ? ["a"] : [])).a ?? 0 } : {}),
    ...(e.mirrors ? { mirrors: fractions(results, (r) => r.mirrors.map((m) => m.endpoint.identity?.workload ?? "?")) } : {}),
    ...(e.action ? { action: first?.endpoint ? "route" : first?.code === 301 ? "redirect" : "directResponse" } : {}),
  };
}

/** What the dashboard's model says of the rule, in the expectation's terms. */
function modelSide(rule: HttpRule, e: DocsRuleExpectation): Observed {
  const workload = (d: { host: { service: { name: string } | null }; subset: { name: string } | null }) => `${d.host.service?.name ?? "?"}-${d.subset?.name ?? "?"}`;
  return {
    ...(e.shares ? { shares: Object.fromEntries(rule.destinations.map((d) => [workload(d), d.share])) } : {}),
    ...(e.delay !== undefined ? { delay: rule.fault?.delay ? effectiveFaultPercent(rule.fault.delay.percent) / 100 : 0 } : {}),
    ...(e.abort !== undefined ? { abort: rule.fault?.abort ? effectiveFaultPercent(rule.fault.abort.percent) / 100 : 0 } : {}),
    ...(e.mirrors ? { mirrors: Object.fromEntries(rule.mirrors.map((m) => [workload(m), m.percent / 100])) } : {}),
    ...(e.action ? { action: rule.action } : {}),
  };
}

function near(got: Observed, want: DocsRuleExpectation): void {
  const { index: _index, probe: _probe, ...expected } = want;
  const close = (a: number) => expect.closeTo(a, -Math.log10(TOLERANCE * 2));
  const approx = JSON.parse(JSON.stringify(expected), (_k, v: unknown) => (typeof v === "number" ? close(v) : v)) as unknown;
  const withZeros = { ...got, ...(got.shares && expected.shares ? { shares: { ...Object.fromEntries(Object.keys(expected.shares).map((k) => [k, 0])), ...got.shares } } : {}) };
  expect(withZeros).toEqual(approx);
}

describe("Istio's VirtualService reference examples: simulator and dashboard model agree with the docs", () => {
  for (const c of ISTIO_DOCS_CASES) {
    describe(c.name, () => {
      const objects = objectsOf(c);
      const table = new RoutingTable(fakeStore(objects).snapshot());

      it.each(c.requests.map((r, i) => [i, r] as const))("request #%i reaches what the docs say", (_i, req) => {
        const got = outcome(send(table, req, 1)[0] as RouteResult);
        expect(String(req.expect).split("|")).toContain(String(got));
      });

      if (c.rules.length === 0) return;
      const raw = materialize(objects) as { kind: string }[];
      const byKind = (kind: string) => raw.filter((o) => o.kind === kind);
      const model = buildMeshModel(
        parseMeshSnapshot({ namespaces: byKind("Namespace"), services: byKind("Service"), pods: byKind("Pod"), deployments: byKind("Deployment"), virtualServices: byKind("VirtualService"), destinationRules: byKind("DestinationRule"), gateways: byKind("Gateway") }),
      );
      const rules = model.virtualServices.find((v) => v.name === "example")?.http ?? [];

      it.each(c.rules.map((e) => [e.index, e] as const))("rule %i: the simulator's shares", (_i, e) => near(labSide(table, e), e));
      it.each(c.rules.map((e) => [e.index, e] as const))("rule %i: the dashboard model's shares", (index, e) => {
        const rule = rules[index];
        expect(rule).toBeDefined();
        near(modelSide(rule as HttpRule, e), e);
      });
    });
  }
});
