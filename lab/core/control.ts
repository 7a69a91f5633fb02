import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isHealthy } from "./http.js";
import { LabKube } from "./kube-client.js";
import { defaultLabOptions, type LabOptions } from "./options.js";
import { labDir, repoRoot } from "./paths.js";
import { isAlive, stopPid } from "./process.js";
import { readState, stateFile, type LabState } from "./state.js";
import { binaryFingerprint, missingBinaries } from "./binaries.js";

export interface ComponentHealth {
  name: string;
  pid?: number;
  status: string;
  healthy: boolean;
  restarts: number;
  url?: string;
  log: string;
  rssMiB?: number;
}

export interface LabStatus {
  name: string;
  running: boolean;
  phase: LabState["phase"] | "absent";
  healthy: boolean;
  dir: string;
  supervisorPid?: number;
  apiserver?: { url: string; caFile: string };
  kubeconfigs?: { admin: string; viewer: string };
  prometheus?: { url: string };
  traffic?: { url: string };
  dashboard?: { url: string };
  components: ComponentHealth[];
  error?: string;
}

function rssMiB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m?.[1] ? Math.round(Number(m[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

export async function labStatus(name: string): Promise<LabStatus> {
  const s = readState(name);
  if (!s) return { name, running: false, phase: "absent", healthy: false, dir: labDir(name), components: [] };
  const running = isAlive(s.supervisorPid) && (s.phase === "ready" || s.phase === "starting");
  const ca = fs.existsSync(s.apiserver.caFile) ? fs.readFileSync(s.apiserver.caFile) : undefined;
  const comps = await Promise.all(
    Object.entries(s.components).map(async ([cname, c]): Promise<ComponentHealth> => {
      const alive = running && isAlive(c.pid);
      const healthy = alive && !!c.url && (await isHealthy(c.url, { ca, insecure: !c.url.includes(`:${s.ports.apiserver}/`) }));
      return { name: cname, pid: c.pid, status: alive ? c.status : "stopped", healthy, restarts: c.restarts, url: c.url, log: c.log, rssMiB: alive ? rssMiB(c.pid) : undefined };
    }),
  );
  let dashboard = s.dashboard;
  if (dashboard && !(await isHealthy(`${dashboard.url}/api/healthz`))) dashboard = undefined;
  return {
    name,
    running,
    phase: running ? s.phase : s.phase === "ready" ? "stopped" : s.phase,
    healthy: running && s.phase === "ready" && comps.every((c) => c.healthy),
    dir: s.dir,
    supervisorPid: s.supervisorPid,
    apiserver: s.apiserver,
    kubeconfigs: s.kubeconfigs,
    prometheus: s.prometheus,
    traffic: s.traffic,
    dashboard,
    components: comps,
    error: s.error,
  };
}

/** Starts a lab's supervisor in the background and waits until it is ready; reuses a healthy running lab. */
export async function labUp(partial: Partial<LabOptions> = {}, log: (m: string) => void = () => {}): Promise<LabState> {
  const opts: LabOptions = { ...defaultLabOptions, ...partial };
  const before = await labStatus(opts.name);
  const prev = readState(opts.name);
  const sameBinaries = prev?.binaries === binaryFingerprint();
  const sameShape = prev?.options.withTraffic === opts.withTraffic && prev.options.withPrometheus === opts.withPrometheus && prev.options.basePort === opts.basePort;
  if (before.healthy && !sameBinaries) log(`lab ${opts.name} runs binaries that have since been rebuilt; restarting it`);
  else if (before.healthy && !sameShape) log(`lab ${opts.name} runs with other options; restarting it`);
  if (before.healthy && sameBinaries && sameShape) {
    log(`lab ${opts.name} is already running and healthy; reusing it`);
    return readState(opts.name) as LabState;
  }
  if (before.running) {
    if (!before.healthy) log(`lab ${opts.name} is running but not healthy; restarting it`);
    await labDown(opts.name, { keepData: true });
  }
  const missing = missingBinaries();
  if (missing.length > 0) throw new Error(`missing binaries: ${missing.join(", ")} — run \`npm run lab:build\` (or \`npm run setup\`) first`);
  fs.mkdirSync(labDir(opts.name), { recursive: true });
  const out = fs.openSync(path.join(labDir(opts.name), "supervisor.log"), "a");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(repoRoot, "lab", "supervisor-main.ts"), JSON.stringify(opts)], {
    cwd: repoRoot,
    detached: true,
    stdio: ["ignore", out, out],
  });
  fs.closeSync(out);
  child.unref();
  const pid = child.pid;
  const t0 = Date.now();
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const s = readState(opts.name);
    if (s && s.supervisorPid === pid && s.phase === "ready") {
      log(`lab ${opts.name} ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
      return s;
    }
    if ((s && s.supervisorPid === pid && s.phase === "failed") || !isAlive(pid)) {
      const tail = fs.readFileSync(path.join(labDir(opts.name), "supervisor.log"), "utf8").split("\n").slice(-20).join("\n");
      throw new Error(`lab ${opts.name} failed to start: ${s?.error ?? "supervisor exited"}\n${tail}`);
    }
    if (Date.now() - t0 > 300_000) throw new Error(`lab ${opts.name} not ready after 300 s; see ${labDir(opts.name)}/logs`);
  }
}

/** Stops exactly the processes the lab started (its supervisor's process group) and removes its state. */
export async function labDown(name: string, opts: { keepData?: boolean } = {}): Promise<boolean> {
  const s = readState(name);
  let stopped = false;
  if (s && isAlive(s.supervisorPid)) {
    if (s.dashboard?.pid && isAlive(s.dashboard.pid)) await stopPid(s.dashboard.pid, 5_000);
    await stopPid(s.supervisorPid, 30_000);
    // Anything the supervisor could not stop is still in its process group.
    await stopPid(s.supervisorPid, 1_000, true);
    stopped = true;
  }
  if (s) for (const c of Object.values(s.components)) if (c.pid && isAlive(c.pid)) await stopPid(c.pid, 2_000);
  if (!opts.keepData) fs.rmSync(labDir(name), { recursive: true, force: true });
  else if (fs.existsSync(stateFile(name))) fs.rmSync(stateFile(name));
  return stopped;
}

export function adminKube(s: Pick<LabState, "apiserver" | "kubeconfigs">): LabKube {
  const token = /token: (\S+)/.exec(fs.readFileSync(s.kubeconfigs.admin, "utf8"))?.[1];
  if (!token) throw new Error(`no token in ${s.kubeconfigs.admin}`);
  return new LabKube(s.apiserver.url, s.apiserver.caFile, token);
}
