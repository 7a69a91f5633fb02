import path from "node:path";
import { execFileSync } from "node:child_process";
import { labDown, labStatus, labUp, adminKube } from "./control.js";
import { missingBinaries } from "./binaries.js";
import { repoRoot } from "./paths.js";
import { applyScenarioFiles, baseScenario, scenarioNamespaces } from "./scenarios.js";
import { waitWorkloadsReady } from "./workloads.js";
import { ensureDashboardBuild, startDashboard } from "./dashboard.js";
import { portsFor } from "./options.js";
import { updateState } from "./state.js";

/**
 * `npm run demo`: builds what is missing, starts the lab (or reuses a healthy
 * one), applies the walkthroughs, and serves the dashboard on it. Ctrl-C stops
 * what this command started and nothing else.
 */
export async function runDemo(opts: { name: string; basePort: number }): Promise<number> {
  const log = (m: string) => console.log(`[demo] ${m}`);
  if (missingBinaries().length > 0) {
    log("building the lab's control plane from Go modules (first run only)…");
    execFileSync("bash", [path.join(repoRoot, "lab", "scripts", "build-binaries.sh")], { stdio: "inherit" });
  }
  const before = await labStatus(opts.name);
  const state = await labUp({ name: opts.name, basePort: opts.basePort }, log);
  // Stop the lab on exit only if this command started it (not if it reused a running one).
  const wasRunning = before.running && before.supervisorPid === state.supervisorPid;
  const kube = adminKube(state);
  log(`applied ${await applyScenarioFiles(kube, baseScenario)} objects of the walkthroughs`);
  await waitWorkloadsReady(kube, scenarioNamespaces);
  ensureDashboardBuild(log);
  const port = portsFor(opts.basePort).dashboard;
  const dashboard = await startDashboard(state, port, path.join(state.dir, "logs", "dashboard.log"));
  const url = `http://127.0.0.1:${port}`;
  updateState(opts.name, (s) => {
    s.dashboard = { url, pid: dashboard.pid };
  });
  log(`Meshdeck is running at ${url}`);
  log(`Prometheus: ${state.prometheus?.url ?? "not running"} — kubeconfig: ${state.kubeconfigs.admin}`);
  log("press Ctrl-C to stop");
  return new Promise<number>((resolve) => {
    let done = false;
    const stop = async () => {
      if (done) return;
      done = true;
      log("stopping…");
      dashboard.kill("SIGTERM");
      updateState(opts.name, (s) => {
        delete s.dashboard;
      });
      if (!wasRunning) await labDown(opts.name);
      resolve(0);
    };
    process.on("SIGINT", () => void stop());
    process.on("SIGTERM", () => void stop());
    dashboard.once("exit", (code) => {
      if (!done) log(`dashboard exited with code ${code}`);
      void stop();
    });
  });
}
