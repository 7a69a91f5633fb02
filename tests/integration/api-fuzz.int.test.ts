import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDashboard } from "../../lab/core/dashboard.js";
import { repoRoot } from "../../lab/core/paths.js";
import { problems, send, type Answer, type FuzzRequest } from "./api-fuzz-client.js";
import { docOperations, fuzzRequest, type DocOperation } from "./api-fuzz-requests.js";
import { adminToken, eventually, kubeAs, labState, testLab, uniqueNamespace } from "./test-lab.js";
import { viewerToken } from "./actions-client.js";

/**
 * Fuzz of the whole HTTP API over loopback, in every auth mode: requests made
 * from the live /api/openapi.json (so a new route is covered by itself) with
 * malformed paths, queries, bodies, methods and headers. Every answer must be
 * below 500, carry the security headers and, when an error, the typed body;
 * a request with a foreign Host gets 421, an unserved method 405; no object
 * in the fuzz namespace may change on a write that got 4xx. Fixed seeds
 * (MESHDECK_FUZZ_SEED to change) and a fixed size (MESHDECK_FUZZ_RUNS per
 * mode, default 2,500: 10,000 requests in all). Semantic checks of the write
 * bodies stay in actions-fuzz.int.test.ts (in-process, deeper).
 */
const ns = uniqueNamespace("api-fuzz");
const port = testLab.basePort + 56;
const RUNS = Number(process.env.MESHDECK_FUZZ_RUNS ?? 2500);
const SEED = Number(process.env.MESHDECK_FUZZ_SEED ?? 20261207);
const SECRET = "api-fuzz-proxy-secret-0123456789";
const PRELOAD = `--require ${path.join(repoRoot, "deploy/runtime/preload.cjs")}`;

const admin = () => kubeAs("admin");
const KINDS = ["networking.istio.io/v1/virtualservices", "networking.istio.io/v1/destinationrules", "gateway.networking.k8s.io/v1/httproutes", "argoproj.io/v1alpha1/rollouts"];

/** resourceVersion of every object of the kinds Meshdeck writes in the fuzz namespace (one kept-alive TLS connection). */
function snapshotter(): { take: () => Promise<Record<string, string>>; close: () => void } {
  const s = labState();
  const agent = new https.Agent({ keepAlive: true, maxSockets: 4, ca: fs.readFileSync(s.apiserver.caFile) });
  const list = (kind: string) =>
    new Promise<[string, string][]>((resolve, reject) => {
      const url = new URL(`${s.apiserver.url}/apis/${kind.replace(/\/([a-z]+)$/, `/namespaces/${ns}/$1`)}`);
      const req = https.get(url, { agent, headers: { authorization: `Bearer ${adminToken()}` } }, (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () => {
          if (res.statusCode !== 200) return reject(new Error(`list ${kind}: ${res.statusCode} ${text.slice(0, 200)}`));
          const items = (JSON.parse(text) as { items: { metadata: { name: string; resourceVersion: string } }[] }).items;
          resolve(items.map((o) => [`${kind}/${o.metadata.name}`, o.metadata.resourceVersion]));
        });
      });
      req.on("error", reject);
    });
  return { take: async () => Object.fromEntries((await Promise.all(KINDS.map(list))).flat()), close: () => agent.destroy() };
}

async function seedObjects(): Promise<void> {
  await admin().apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  const dest = (host: string, weight: number) => ({ destination: { host }, weight });
  await admin().apply({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "web", namespace: ns }, spec: { hosts: ["web"], http: [{ name: "primary", route: [dest("web-a", 50), dest("web-b", 50)] }] } });
  await admin().apply({ apiVersion: "networking.istio.io/v1", kind: "DestinationRule", metadata: { name: "web", namespace: ns }, spec: { host: "web", subsets: [{ name: "v1", labels: { version: "v1" } }] } });
  await admin().apply({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "web", namespace: ns },
    spec: { parentRefs: [{ group: "", kind: "Service", name: "web", port: 80 }], rules: [{ name: "main", backendRefs: [{ name: "web-a", port: 80, weight: 50 }, { name: "web-b", port: 80, weight: 50 }] }] },
  });
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await exited;
}

interface Mode {
  name: string;
  env: Record<string, string>;
  credentials: () => Promise<Record<string, string>[]>;
}

async function sessionCookie(): Promise<Record<string, string>> {
  const r = await fetch(`http://127.0.0.1:${port}/api/auth/login`, { method: "POST", headers: { "x-meshdeck-csrf": "1", "content-type": "application/json" }, body: JSON.stringify({ token: adminToken() }) });
  expect(r.status).toBe(200);
  return { cookie: (r.headers.get("set-cookie") ?? "").split(";")[0] ?? "" };
}

const bearer = (t: string) => ({ authorization: `Bearer ${t}` });
const modes: Mode[] = [
  { name: "kubeconfig", env: {}, credentials: async () => [{}, bearer("not-a-token")] },
  { name: "token", env: { MESHDECK_AUTH_MODE: "token" }, credentials: async () => [bearer(adminToken()), bearer(viewerToken()), await sessionCookie(), {}, bearer("not-a-token")] },
  {
    name: "proxy",
    env: { MESHDECK_AUTH_MODE: "proxy", MESHDECK_TRUSTED_PROXIES: "127.0.0.1/32,::1/128", MESHDECK_PROXY_SECRET: SECRET },
    credentials: async () => {
      const as = (user: string, groups: string, secret = SECRET) => ({ "x-forwarded-user": user, "x-forwarded-groups": groups, "x-meshdeck-proxy-secret": secret });
      return [as("admin", "system:masters"), as("viewer", "meshdeck:viewers"), as("admin", "system:masters", "wrong"), {}, bearer(viewerToken())];
    },
  },
  { name: "read-only", env: { MESHDECK_READ_ONLY: "true" }, credentials: async () => [{}] },
];

interface Finding {
  problem: string;
  request: FuzzRequest;
  answer: Pick<Answer, "status" | "body">;
}

/** Runs one mode's requests; returns the findings (first example of each problem per operation) and the status counts. */
async function fuzzMode(mode: Mode, ops: DocOperation[], seed: number): Promise<{ findings: Map<string, Finding>; statuses: Map<number, number>; total: number; figures: string }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const findings = new Map<string, Finding>();
  const statuses = new Map<number, number>();
  let total = 0;
  const objectsNow = snapshotter();
  let objects = await objectsNow.take();
  let sendMs = 0;
  let snapshotMs = 0;
  const note = (problem: string, request: FuzzRequest, answer: Answer) => {
    const key = `${problem} | ${request.template} | ${request.method}`;
    if (!findings.has(key)) findings.set(key, { problem, request, answer: { status: answer.status, body: answer.body.slice(0, 300) } });
  };
  await fc.assert(
    fc.asyncProperty(fuzzRequest(ops, port, await mode.credentials()), async (request) => {
      const started = performance.now();
      let answer: Answer;
      try {
        answer = await send(port, agent, request);
      } catch (error) {
        note(`no answer: ${String(error)}`, request, { status: 0, headers: {}, body: "" });
        return;
      } finally {
        sendMs += performance.now() - started;
        total++;
      }
      statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      for (const problem of problems(request, answer)) note(problem, request, answer);
      if (!request.write || answer.status < 200) return;
      const before = performance.now();
      const now = await objectsNow.take();
      snapshotMs += performance.now() - before;
      if (answer.status >= 400 && JSON.stringify(now) !== JSON.stringify(objects)) note(`changed objects: ${JSON.stringify(objects)} → ${JSON.stringify(now)}`, request, answer);
      objects = now;
    }),
    { seed, numRuns: RUNS },
  );
  agent.destroy();
  objectsNow.close();
  return { findings, statuses, total, figures: `${Math.round(sendMs / total)} ms per request, ${Math.round(snapshotMs / 1000)} s reading resourceVersions` };
}

/** The requests of the issue, exactly: a DNS-rebound write as the kubeconfig identity, undecodable paths, TRACE. */
async function issueRequests(): Promise<void> {
  const agent = new http.Agent();
  const req = (method: string, target: string, headers: Record<string, string> = {}, body?: string): FuzzRequest => ({ method, target, headers: { host: `127.0.0.1:${port}`, ...headers }, body, template: "issue", hostAllowed: true, write: true });
  const weights = JSON.stringify({ weights: [{ host: "web-a", weight: 10 }, { host: "web-b", weight: 90 }] });
  const objects = snapshotter();
  const before = await objects.take();
  const rebound = { host: `evil.example:${port}`, origin: `http://evil.example:${port}`, "x-meshdeck-csrf": "1", "content-type": "application/json" };
  const answers = [
    [421, await send(port, agent, req("PUT", `/api/namespaces/${ns}/virtualservices/web/http/0/weights`, rebound, weights))],
    ...(await Promise.all(["%zz", "%", "%ff", "%c0%ae"].map(async (seg) => [400, await send(port, agent, req("GET", `/api/namespaces/${seg}/virtualservices/web/history`))] as const))),
    [405, await send(port, agent, req("TRACE", "/api/traffic"))],
  ] as const;
  for (const [status, answer] of answers) {
    expect(answer.status).toBe(status);
    expect(problems(req("GET", "/api/x"), answer)).toEqual([]);
  }
  expect(await objects.take()).toEqual(before);
  objects.close();
  agent.destroy();
}

beforeAll(seedObjects);
afterAll(() => admin().delete("v1", "Namespace", undefined, ns).catch(() => undefined));

describe("API fuzz over HTTP, every auth mode", () => {
  let ops: DocOperation[] = [];

  it.each(modes.map((m, i) => [m.name, m, i] as const))("%s mode: no 5xx, typed errors, security headers, nothing changed by a 4xx", async (_name, mode, i) => {
    const log = path.join(labState().dir, `api-fuzz-dashboard-${mode.name}.log`);
    const child = await startDashboard(labState(), port, log, { NODE_OPTIONS: PRELOAD, ...mode.env });
    try {
      // Readiness answers 503 by design until the watch caches have synced.
      await eventually("dashboard ready", async () => (await fetch(`http://127.0.0.1:${port}/api/readyz`)).status === 200);
      if (ops.length === 0) {
        const doc = (await (await fetch(`http://127.0.0.1:${port}/api/openapi.json`)).json()) as Parameters<typeof docOperations>[0];
        ops = docOperations(doc, ns);
      }
      expect(ops.length).toBeGreaterThan(20);
      if (mode.name === "kubeconfig") await issueRequests();
      const seed = SEED + i;
      const { findings, statuses, total, figures } = await fuzzMode(mode, ops, seed);
      console.log(`[api-fuzz] ${mode.name}: ${total} requests (seed ${seed}, ${ops.length} operations; ${figures}): ${[...statuses].sort((a, b) => a[0] - b[0]).map(([s, n]) => `${n} × ${s}`).join(", ")}`);
      for (const f of findings.values()) console.log(`[api-fuzz] ${mode.name} FINDING ${f.problem}: ${f.request.method} ${f.request.target.slice(0, 200)} ${JSON.stringify(f.request.headers)} body=${f.request.body?.slice(0, 120) ?? "-"} → ${f.answer.status} ${f.answer.body}`);
      expect(total).toBe(RUNS);
      expect([...findings.keys()], `replay with MESHDECK_FUZZ_SEED=${SEED} (mode seed ${seed})`).toEqual([]);
    } finally {
      await stop(child);
    }
  }, 1_800_000);
});
