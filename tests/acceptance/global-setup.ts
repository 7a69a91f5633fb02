import { labUp } from "../../lab/core/control.js";
import { testLab } from "../integration/test-lab.js";
import { walkthroughs } from "../integration/worlds/walkthroughs.js";
import { acceptanceSkipReason } from "./walkthroughs-present.js";

/**
 * Starts the tests' lab, or reuses the one `npm test` started, and applies
 * the original walkthroughs (idempotent: `npm test` applied them when it
 * started the lab, so their traffic has filled Prometheus' rate windows).
 */
export default async function setup(): Promise<void> {
  const skip = acceptanceSkipReason();
  if (skip) throw new Error(`the acceptance suite needs the walkthroughs: ${skip}`);
  const state = await labUp({ name: testLab.name, basePort: testLab.basePort, parentPid: process.pid, ttlSeconds: 3 * 3600, withTraffic: true, withPrometheus: true }, (m) => console.log(`[lab] ${m}`));
  await walkthroughs.apply(state);
}
