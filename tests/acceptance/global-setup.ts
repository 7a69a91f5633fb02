import type { TestProject } from "vitest/node";
import { labUp } from "../../lab/core/control.js";
import { labLockForRun } from "../lab-lock/server.js";
import { testLab } from "../integration/test-lab.js";
import { walkthroughs } from "../integration/worlds/walkthroughs.js";
import { acceptanceSkipReason } from "./walkthroughs-present.js";

/**
 * Starts the tests' lab, or reuses the one `npm test` started, and applies
 * the original walkthroughs (idempotent: `npm test` applied them when it
 * started the lab, so their traffic has filled Prometheus' rate windows). Its
 * files hold the lab as "walkthroughs" (tests/lab-lock), so a file that stops
 * the lab does not run beside them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const skip = acceptanceSkipReason();
  if (skip) throw new Error(`the acceptance suite needs the walkthroughs: ${skip}`);
  const state = await labUp({ name: testLab.name, basePort: testLab.basePort, parentPid: process.pid, ttlSeconds: 3 * 3600, withTraffic: true, withPrometheus: true }, (m) => console.log(`[lab] ${m}`));
  await walkthroughs.apply(state);
  const lock = await labLockForRun();
  project.provide("labLockPort", lock.port);
  return lock.stop;
}
