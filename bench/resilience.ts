/**
 * Resilience figures the integration test (tests/integration/resilience-lab)
 * only checks as conditions: how soon the dashboard's watch cache serves a new
 * object after kube-apiserver was killed and came back, and how soon an SSE
 * event gets through a buffering nginx (proxy_buffering on) compared with the
 * dashboard directly. Kills the API server: never point it at a shared lab.
 *
 *   node --import tsx bench/resilience.ts [--name bench-resil --base-port 23600] [--kills 3] [--events 20]
 *
 * Starts (or reuses) the named lab, builds the dashboard when stale and serves
 * it on base + 54 (nginx on base + 55); a lab it started stops when this
 * process exits.
 */
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { adminKube, labUp } from "../lab/core/control";
import { startDashboard } from "../lab/core/dashboard";
import { repoRoot } from "../lab/core/paths";
import { readState, type LabState } from "../lab/core/state";
import { SseParser, type SseMessage } from "../lib/live/sse-reader";
import { nginxBin, startBufferingProxy } from "../tests/integration/buffering-proxy";
import { eventually } from "../tests/integration/test-lab";

const { values } = parseArgs({
  options: {
    name: { type: "string", default: "bench-resil" },
    "base-port": { type: "string", default: "23600" },
    kills: { type: "string", default: "3" },
    events: { type: "string", default: "20" },
  },
});
const basePort = Number(values["base-port"]);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
const figures = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(0)} / p95 ${pct(xs, 95).toFixed(0)} / max ${Math.max(...xs).toFixed(0)} ms (n=${xs.length})`;

/** An SSE stream read in the background; `arrivals` holds each message with its arrival time. */
function openStream(url: string) {
  const controller = new AbortController();
  const arrivals: Array<{ m: SseMessage; at: number }> = [];
  const parser = new SseParser();
  void (async () => {
    const r = await fetch(url, { headers: { accept: "text/event-stream" }, signal: controller.signal });
    const reader = r.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const at = performance.now();
      for (const m of parser.push(value)) arrivals.push({ m, at });
    }
  })().catch(() => undefined);
  return { arrivals, close: () => controller.abort() };
}

type Stream = ReturnType<typeof openStream>;
const mentions = (s: Stream, since: number, name: string) => s.arrivals.find((a) => a.at >= since && a.m.event !== "ping" && a.m.data.includes(name));

async function serviceIn(state: LabState, ns: string, name: string): Promise<void> {
  await adminKube(state).apply({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: ns }, spec: { selector: { app: name }, ports: [{ port: 80 }] } });
}

/** Kills kube-apiserver `kills` times; after each return, the time until /api/traffic lists a Service created then. */
async function apiserverRestarts(state: LabState, base: string, ns: string, kills: number): Promise<number[]> {
  const resumed: number[] = [];
  for (let i = 0; i < kills; i++) {
    const pid = readState(state.name)?.components["kube-apiserver"]?.pid;
    if (!pid) throw new Error("no kube-apiserver pid");
    process.kill(pid, "SIGKILL");
    await eventually("a new kube-apiserver", async () => {
      const now = readState(state.name)?.components["kube-apiserver"]?.pid;
      return now !== undefined && now !== pid && (await adminKube(state).raw("GET", "/readyz")).status === 200;
    }, 120_000, 100);
    const back = performance.now();
    const name = `after-restart-${i}`;
    await serviceIn(state, ns, name);
    await eventually("the new Service via /api/traffic", async () => (await (await fetch(`${base}/api/traffic`)).text()).includes(name), 120_000, 50);
    resumed.push(performance.now() - back);
    console.log(`  kill ${i + 1}: cache served the new Service ${resumed.at(-1)?.toFixed(0)} ms after the API server was ready`);
  }
  return resumed;
}

/** Change → event latency through nginx and directly, `events` times. */
async function throughNginx(state: LabState, base: string, nginxBase: string, ns: string, events: number): Promise<{ direct: number[]; nginx: number[] }> {
  const url = (b: string) => `${b}/api/stream?topics=cluster,traffic`;
  const direct = openStream(url(base));
  const proxied = openStream(url(nginxBase));
  await eventually("both hellos", async () => [direct, proxied].every((s) => s.arrivals.some((a) => a.m.event === "hello")), 30_000, 20);
  const out = { direct: [] as number[], nginx: [] as number[] };
  for (let i = 0; i < events; i++) {
    const name = `via-nginx-${i}`;
    const t0 = performance.now();
    await serviceIn(state, ns, name);
    const [d, n] = await Promise.all([direct, proxied].map((s) => eventually(`${name} event`, async () => mentions(s, t0, ns), 30_000, 5)));
    out.direct.push((d?.at ?? NaN) - t0);
    out.nginx.push((n?.at ?? NaN) - t0);
  }
  direct.close();
  proxied.close();
  return out;
}

async function stop(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  child.kill(signal);
  await exited;
}

async function main(): Promise<void> {
  const state = await labUp({ name: values.name, basePort, parentPid: process.pid, ttlSeconds: 3600, withTraffic: true, withPrometheus: true }, (m) => console.log(`[lab] ${m}`));
  const ns = `bench-resil-${Date.now().toString(36)}`;
  await adminKube(state).apply({ apiVersion: "v1", kind: "Namespace", metadata: { name: ns } });
  const port = basePort + 54;
  const base = `http://127.0.0.1:${port}`;
  const dashboard = await startDashboard(state, port, path.join(state.dir, "bench-resilience-dashboard.log"), { NODE_OPTIONS: `--require ${path.join(repoRoot, "deploy/runtime/preload.cjs")}` });
  let nginx: ChildProcess | undefined;
  try {
    await eventually("dashboard ready", async () => (await fetch(`${base}/api/readyz`)).status === 200, 60_000);
    let events: { direct: number[]; nginx: number[] } | null = null;
    if (nginxBin) {
      nginx = startBufferingProxy(path.join(state.dir, "bench-nginx"), basePort + 55, port);
      const nginxBase = `http://127.0.0.1:${basePort + 55}`;
      await eventually("nginx", async () => (await fetch(`${nginxBase}/api/healthz`)).ok, 15_000);
      events = await throughNginx(state, base, nginxBase, ns, Number(values.events));
    }
    console.log(`killing kube-apiserver ${values.kills} times…`);
    const resumed = await apiserverRestarts(state, base, ns, Number(values.kills));
    console.log(`\nresilience bench — lab ${state.name}, dashboard ${base}`);
    console.log(`watch cache after kube-apiserver's return (ready → new Service in /api/traffic): ${figures(resumed)}`);
    if (events) {
      console.log(`change → SSE event, dashboard directly:            ${figures(events.direct)}`);
      console.log(`change → SSE event, through nginx (buffering on): ${figures(events.nginx)}; nginx p50 adds ${(pct(events.nginx, 50) - pct(events.direct, 50)).toFixed(1)} ms`);
    } else console.log("nginx is not installed: no proxy figures");
  } finally {
    await stop(nginx, "SIGQUIT");
    await stop(dashboard, "SIGTERM");
    await adminKube(state).delete("v1", "Namespace", undefined, ns).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
