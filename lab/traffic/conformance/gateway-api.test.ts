/**
 * The Gateway API conformance suite's HTTPRoute cases run through the
 * simulator: manifests from the Go module (base/manifests.yaml + the test's
 * own), the request → backend table transcribed in gateway-api-cases.ts.
 * Skipped, saying so, when the module is not in the Go module cache.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { splitHostPort } from "@/lib/istio/semantics/host";
import { createRng } from "../sim/random";
import { fakeStore } from "../testing/fake-cluster";
import { RoutingTable } from "../routing/table";
import type { RouteResult } from "../routing/types";
import { GATEWAY_API_CASES, type ConformanceCase, type ConformanceSuite } from "./gateway-api-cases";

const MODULE = "sigs.k8s.io/gateway-api/conformance@v1.6.1";
const INFRA = "gateway-conformance-infra";
const moduleDir = path.join(process.env.GOMODCACHE ?? path.join(os.homedir(), "go", "pkg", "mod"), MODULE);
const present = fs.existsSync(path.join(moduleDir, "base", "manifests.yaml"));

function readManifests(file: string): Record<string, unknown>[] {
  const text = fs.readFileSync(path.join(moduleDir, file), "utf8").replaceAll("{GATEWAY_CLASS_NAME}", "istio");
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((o): o is Record<string, unknown> => typeof o === "object" && o !== null);
}

interface Meta {
  name: string;
  namespace?: string;
}

/** The proxy Deployment Istio's gateway controller creates for each Gateway (`<name>-istio`). */
function gatewayDeployments(objects: readonly Record<string, unknown>[]): unknown[] {
  return objects
    .filter((o) => o.kind === "Gateway" && String(o.apiVersion).startsWith("gateway.networking.k8s.io/"))
    .map((o) => {
      const { name, namespace } = o.metadata as Meta;
      const labels = { "gateway.networking.k8s.io/gateway-name": name };
      return {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: `${name}-istio`, namespace },
        spec: { replicas: 1, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "istio-proxy" }] } } },
      };
    });
}

function tableFor(suite: ConformanceSuite): RoutingTable {
  const objects = [...readManifests("base/manifests.yaml"), ...readManifests(`tests/${suite.file}.yaml`)];
  return new RoutingTable(fakeStore([...objects, ...gatewayDeployments(objects)]).snapshot());
}

function send(table: RoutingTable, suite: ConformanceSuite, c: ConformanceCase, n: number): RouteResult[] {
  const gateway = c.gateway ?? suite.gateway ?? "same-namespace";
  const source = table.endpoints.workload(`${INFRA}/${gateway}-istio`)[0];
  if (!source) throw new Error(`no gateway pod for ${gateway}`);
  const host = splitHostPort(c.host ?? "192.0.2.10").name;
  const headers = Object.fromEntries(Object.entries(c.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const rng = createRng(7);
  return Array.from({ length: n }, () => table.route({ source, host, port: c.port ?? 80, path: c.path, method: c.method ?? "GET", headers }, rng));
}

const workload = (r: RouteResult): string | number => r.endpoint?.identity?.workload ?? r.code;

function share(results: readonly RouteResult[], pick: (r: RouteResult) => readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of results) for (const w of pick(r)) out[w] = (out[w] ?? 0) + 1 / results.length;
  return out;
}

/** null when the simulator does what the suite expects, else what it did instead. */
function check(table: RoutingTable, suite: ConformanceSuite, c: ConformanceCase): string | null {
  const n = c.shares || (c.mirrors && Object.values(c.mirrors).some((s) => s < 1)) ? 4000 : 1;
  const results = send(table, suite, c, n);
  const first = results[0];
  if (!first) return "no result";
  if (c.shares) {
    const got = share(results, (r) => (r.endpoint?.identity ? [r.endpoint.identity.workload] : []));
    const off = Object.entries(c.shares).filter(([w, s]) => Math.abs((got[w] ?? 0) - s) > 0.03);
    return off.length === 0 ? null : `shares ${JSON.stringify(got)}`;
  }
  const got = workload(first);
  const want = c.expect;
  if (typeof want === "number" ? got !== want : got !== want) return `reached ${got}`;
  if (c.mirrors) {
    const mirrored = share(results, (r) => r.mirrors.map((m) => m.endpoint.identity?.workload ?? m.endpoint.name));
    const off = Object.entries(c.mirrors).filter(([w, s]) => Math.abs((mirrored[w] ?? 0) - s) > 0.03);
    if (off.length > 0 || Object.keys(mirrored).length !== Object.keys(c.mirrors).length) return `mirrored ${JSON.stringify(mirrored)}`;
  }
  return null;
}

const TITLE = `Gateway API conformance (${MODULE}, HTTPRoute) through the simulator`;
const SKIPPED = ` — skipped: the module is not downloaded (go mod download ${MODULE})`;

if (!present) console.info(TITLE + SKIPPED);

describe.skipIf(!present)(present ? TITLE : TITLE + SKIPPED, () => {
  const outcome: Record<string, { passed: number; total: number; failed: string[] }> = {};

  for (const suite of GATEWAY_API_CASES) {
    it(`${suite.file} (${suite.feature})`, () => {
      const table = tableFor(suite);
      const failures = suite.cases.flatMap((c, i) => {
        const why = check(table, suite, c);
        return why === null ? [] : [`#${i} ${c.method ?? "GET"} ${c.host ?? ""}${c.path} ${JSON.stringify(c.headers ?? {})}: want ${c.expect}, ${why}`];
      });
      const f = (outcome[suite.feature] ??= { passed: 0, total: 0, failed: [] });
      f.total += suite.cases.length;
      f.passed += suite.cases.length - failures.length;
      f.failed.push(...failures);
      expect(failures).toEqual([]);
    });
  }

  it("reports the figures per feature", () => {
    const lines = Object.entries(outcome).map(([feature, f]) => `${feature}: ${f.passed}/${f.total}`);
    console.info(`Gateway API conformance through the simulator:\n  ${lines.join("\n  ")}`);
    expect(Object.values(outcome).reduce((a, f) => a + f.total, 0)).toBeGreaterThan(0);
  });
});
