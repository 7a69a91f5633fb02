import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import { adminKube, labDown, labStatus, labUp, type LabStatus } from "./control.js";
import { missingBinaries } from "./binaries.js";
import { repoRoot } from "./paths.js";
import { applyDemoWorld, demoTrafficFile } from "./demo-world.js";
import { runDemoCheck } from "./demo-check.js";
import { readMotion } from "./demo-motion.js";
import { keepRetrying } from "./demo-retry.js";
import { startDashboard } from "./dashboard.js";
import { portsFor } from "./options.js";
import { updateState, type LabState } from "./state.js";

export interface DemoOptions {
  name: string;
  basePort: number;
  /** Headless smoke: start, check, stop; the exit code tells. */
  check: boolean;
  /** With `check`: everything stops after this many seconds at the latest. */
  ttlSeconds: number;
}

interface DemoSession {
  state: LabState;
  dashboard: ChildProcess;
  url: string;
  /** Whether this command started the lab (and so stops it). */
  ownsLab: boolean;
  /** Stops the motion's retries of aborted Rollouts (interactive demo only). */
  stopRetrying?: () => void;
}

const log = (m: string) => console.log(`[demo] ${m}`);

/**
 * `npm run demo`: builds what is missing, starts the lab (or reuses a healthy
 * one), applies the demo world (lab/demo) with its traffic and motion, and
 * serves the dashboard on it. Ctrl-C stops what this command started and
 * nothing else. With `check`, it verifies the whole chain and stops.
 */
export async function runDemo(opts: DemoOptions): Promise<number> {
  const t0 = Date.now();
  // The demo's own build directory and traffic model (unless the caller chose others).
  process.env.MESHDECK_DIST_DIR ??= ".next-demo";
  process.env.MESHDECK_TRAFFIC_CONFIG ??= demoTrafficFile;
  const before = await labStatus(opts.name);
  if (opts.check) return runCheck(opts, before, t0);
  const session = await startDemo(opts, before, t0).catch(async (e: unknown) => {
    if (!before.healthy) await labDown(opts.name);
    throw e;
  });
  session.stopRetrying = keepRetrying(adminKube(session.state), readMotion(), log);
  log(`Prometheus: ${session.state.prometheus?.url ?? "not running"} — kubeconfig: ${session.state.kubeconfigs.admin}`);
  log("start with the tour in README.md; press Ctrl-C to stop");
  return untilStopped(session);
}

/** `--check`: start, verify, stop; on a failure or at the TTL, stop the lab too unless it was running before. */
async function runCheck(opts: DemoOptions, before: LabStatus, t0: number): Promise<number> {
  const giveUp = async (why: string) => {
    console.error(`[demo] check FAILED: ${why}`);
    // The dashboard (exit-with-parent.cjs) and the lab (parentPid) would also stop once this process is gone.
    if (!before.healthy) await labDown(opts.name);
    return 1;
  };
  const ttl = setTimeout(() => void giveUp(`not done after ${opts.ttlSeconds} s`).then((code) => process.exit(code)), opts.ttlSeconds * 1000);
  ttl.unref();
  try {
    return await checkAndStop(await startDemo(opts, before, t0), t0);
  } catch (e) {
    return await giveUp(e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(ttl);
  }
}

async function startDemo(opts: DemoOptions, before: LabStatus, t0: number): Promise<DemoSession> {
  if (missingBinaries().length > 0) {
    log("building the lab's control plane from Go modules (first run only)…");
    execFileSync("bash", [path.join(repoRoot, "lab", "scripts", "build-binaries.sh")], { stdio: "inherit" });
  }
  const owned = opts.check ? { ttlSeconds: opts.ttlSeconds + 60, parentPid: process.pid } : {};
  const state = await labUp({ name: opts.name, basePort: opts.basePort, ...owned }, log);
  const ownsLab = !(before.running && before.supervisorPid === state.supervisorPid);
  await applyDemoWorld(state, { log });
  const port = portsFor(opts.basePort).dashboard;
  const dashboard = await startDashboard(state, port, path.join(state.dir, "logs", "dashboard.log"));
  const url = `http://127.0.0.1:${port}`;
  updateState(opts.name, (s) => {
    s.dashboard = { url, pid: dashboard.pid };
  });
  log(`Meshdeck is running at ${url} (${((Date.now() - t0) / 1000).toFixed(1)} s after start)`);
  return { state, dashboard, url, ownsLab };
}

async function stopDemo(s: DemoSession): Promise<void> {
  log("stopping…");
  s.stopRetrying?.();
  if (s.dashboard.exitCode === null) {
    const exited = new Promise((r) => s.dashboard.once("exit", r));
    s.dashboard.kill("SIGTERM");
    await exited;
  }
  updateState(s.state.name, (st) => {
    delete st.dashboard;
  });
  if (s.ownsLab) await labDown(s.state.name);
}

async function checkAndStop(s: DemoSession, t0: number): Promise<number> {
  const failures = await runDemoCheck(s.url, log);
  await stopDemo(s);
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (failures.length === 0) log(`check passed in ${secs} s`);
  else console.error(`[demo] check FAILED in ${secs} s:\n${failures.map((f) => `  - ${f}`).join("\n")}`);
  return failures.length === 0 ? 0 : 1;
}

function untilStopped(s: DemoSession): Promise<number> {
  return new Promise<number>((resolve) => {
    let done = false;
    const stop = async (code: number) => {
      if (done) return;
      done = true;
      await stopDemo(s);
      resolve(code);
    };
    process.on("SIGINT", () => void stop(0));
    process.on("SIGTERM", () => void stop(0));
    s.dashboard.once("exit", (code) => {
      if (!done) log(`dashboard exited with code ${code}`);
      void stop(code === 0 ? 0 : 1);
    });
  });
}
