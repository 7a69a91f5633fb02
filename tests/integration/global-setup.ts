import type { TestProject } from "vitest/node";
import { labUp } from "../../lab/core/control.js";
import { labLockForRun } from "../lab-lock/server.js";
import { ensureDashboardBuild } from "../../lab/core/dashboard.js";
import { testLab } from "./test-lab.js";
import { demoWorld } from "./worlds/demo.js";

/**
 * Starts the tests' own lab, or reuses one that `npm test` already started,
 * and applies the demo world (idempotent). A lab started here stops by itself
 * when this vitest process exits. Tests that serve the dashboard (auth modes,
 * resilience) need its production bundle: build it here, once, when missing or
 * stale. Files run several at once, each holding the lab in its mode
 * (tests/lab-lock) through the lock served here.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const state = await labUp({ name: testLab.name, basePort: testLab.basePort, parentPid: process.pid, ttlSeconds: 3 * 3600, withTraffic: true, withPrometheus: true }, (m) => console.log(`[lab] ${m}`));
  await demoWorld.apply(state);
  ensureDashboardBuild((m) => console.log(`[dashboard] ${m}`));
  const lock = await labLockForRun();
  project.provide("labLockPort", lock.port);
  return lock.stop;
}
