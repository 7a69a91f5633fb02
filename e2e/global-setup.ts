import path from "node:path";
import { labUp } from "../lab/core/control";
import { ensureDashboardBuild, startDashboard } from "../lab/core/dashboard";
import { applyDemoWorld } from "../lab/core/demo-world";
import { portsFor } from "../lab/core/options";
import { testLab } from "../tests/integration/test-lab";

/**
 * Starts (or reuses) the tests' lab with the demo world (lab/demo) applied as
 * `npm run demo` shows it — canaries paused mid-way, one of them failing —
 * builds the dashboard if its sources changed, and serves it on the lab's
 * dashboard port. Everything started here stops when the run ends.
 */
export default async function globalSetup(): Promise<() => Promise<void>> {
  const log = (m: string) => console.log(`[e2e] ${m}`);
  const state = await labUp({ name: testLab.name, basePort: testLab.basePort, parentPid: process.pid, ttlSeconds: 3 * 3600, withTraffic: true, withPrometheus: true }, log);
  // "add": the demo world's flows join the walkthroughs' model, which other suites on this lab use.
  await applyDemoWorld(state, { traffic: "add", log });
  ensureDashboardBuild(log);
  const port = portsFor(testLab.basePort).dashboard;
  const dashboard = await startDashboard(state, port, path.join(state.dir, "logs", "dashboard-e2e.log"));
  process.env.MESHDECK_E2E_BASE_URL = `http://127.0.0.1:${port}`;
  log(`dashboard at ${process.env.MESHDECK_E2E_BASE_URL}`);
  return async () => {
    dashboard.kill("SIGTERM");
  };
}
