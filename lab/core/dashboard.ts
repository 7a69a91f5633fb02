import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "./paths.js";
import type { LabState } from "./state.js";
import { isHealthy, waitFor } from "./http.js";

const sourceDirs = ["app", "components", "lib", "public"];

/** Files beside the sources that never reach the bundle: unit tests (editing one needs no rebuild). */
const notBundled = /\.test\.tsx?$/;

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (notBundled.test(p)) continue;
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * The build directory: $MESHDECK_DIST_DIR (next.config.ts reads it too), else
 * Next's default. The demo builds into its own, so that a test run rebuilding
 * the default one never pulls the files from under a running demo.
 */
export function dashboardDistDir(): string {
  return path.join(repoRoot, process.env.MESHDECK_DIST_DIR ?? ".next");
}

/** Builds the production bundle when it is missing or older than the sources. */
export function ensureDashboardBuild(log: (m: string) => void): void {
  const buildId = path.join(dashboardDistDir(), "BUILD_ID");
  const built = fs.existsSync(buildId) ? fs.statSync(buildId).mtimeMs : 0;
  const newest = Math.max(...sourceDirs.map((d) => newestMtime(path.join(repoRoot, d))), fs.statSync(path.join(repoRoot, "package-lock.json")).mtimeMs);
  if (built > newest) return;
  log(`building the dashboard (next build into ${path.relative(repoRoot, dashboardDistDir())})…`);
  execFileSync(process.execPath, [path.join(repoRoot, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: repoRoot, stdio: "inherit" });
}

/** Environment that points the dashboard at a lab. */
export function dashboardEnv(s: LabState): Record<string, string> {
  return {
    MESHDECK_KUBECONFIG: s.kubeconfigs.admin,
    ...(s.prometheus ? { MESHDECK_PROMETHEUS_URL: s.prometheus.url } : {}),
    MESHDECK_LAB_NAME: s.name,
    NODE_ENV: "production",
  };
}

/**
 * Starts `next start` on 127.0.0.1 (building first if the bundle is missing or
 * stale) and waits until it answers. The server exits by itself when the
 * process that started it is gone.
 */
export async function startDashboard(s: LabState, port: number, logFile: string, extraEnv: Record<string, string> = {}): Promise<ChildProcess> {
  ensureDashboardBuild((m) => console.log(`[dashboard] ${m}`));
  const fd = fs.openSync(logFile, "a");
  const exitWithParent = path.join(repoRoot, "lab", "core", "exit-with-parent.cjs");
  const child = spawn(process.execPath, ["--require", exitWithParent, path.join(repoRoot, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: repoRoot,
    env: { ...process.env, ...dashboardEnv(s), ...extraEnv },
    stdio: ["ignore", fd, fd],
  });
  fs.closeSync(fd);
  await waitFor(`dashboard on port ${port} (log: ${logFile})`, async () => {
    if (child.exitCode !== null) throw new Error(`dashboard exited with code ${child.exitCode}; see ${logFile}`);
    return isHealthy(`http://127.0.0.1:${port}/api/healthz`);
  }, 60_000);
  return child;
}
