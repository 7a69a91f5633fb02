import { labUp } from "../../lab/core/control.js";
import { testLab } from "./test-lab.js";

/**
 * Starts the tests' own lab, or reuses one that `npm test` already started.
 * A lab started here stops by itself when this vitest process exits.
 */
export default async function setup(): Promise<void> {
  await labUp({ name: testLab.name, basePort: testLab.basePort, parentPid: process.pid, ttlSeconds: 3 * 3600, withTraffic: true, withPrometheus: true }, (m) => console.log(`[lab] ${m}`));
}
