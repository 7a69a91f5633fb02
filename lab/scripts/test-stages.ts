import path from "node:path";
import { labUp } from "../core/control.js";
import { repoRoot } from "../core/paths.js";
import type { LabState } from "../core/state.js";
import { playwrightReport, vitestReport, type StageReport } from "./test-reports.js";
import { testLab } from "../../tests/integration/test-lab.js";
import { demoWorld } from "../../tests/integration/worlds/demo.js";
import { walkthroughs } from "../../tests/integration/worlds/walkthroughs.js";

/**
 * The test stages `npm test` (lab/scripts/test-all.ts) and bench/flake.ts run:
 * their commands with a JSON reporter (read by ./test-reports) and the lab
 * they share.
 */

export const TEST_STAGES = ["unit", "integration", "acceptance", "e2e"] as const;
export type TestStage = (typeof TEST_STAGES)[number];

export function isTestStage(name: string): name is TestStage {
  return (TEST_STAGES as readonly string[]).includes(name);
}

/** Stages that run against the test lab. */
export function needsLab(stage: TestStage): boolean {
  return stage !== "unit";
}

export interface StageCommand {
  cmd: string;
  args: string[];
  env: Record<string, string>;
  /** Reads the JSON report the command wrote; undefined when there is none (the run broke before it). */
  report(): StageReport | undefined;
}

/** A command installed in node_modules/.bin. */
export function bin(name: string): string {
  return path.join(repoRoot, "node_modules", ".bin", name);
}

/**
 * The command of a stage writing its JSON report to `jsonFile` (beside a
 * human-readable reporter); `filters` narrow it to matching test files (vitest
 * and Playwright both take them as positional arguments; a stage none match
 * passes with no tests).
 */
export function stageCommand(stage: TestStage, jsonFile: string, filters: readonly string[] = []): StageCommand {
  if (stage === "e2e") {
    return { cmd: bin("playwright"), args: ["test", "--reporter=list,json", ...(filters.length > 0 ? ["--pass-with-no-tests", ...filters] : [])], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile }, report: () => playwrightReport(jsonFile) };
  }
  return { cmd: bin("vitest"), args: ["run", "--project", stage, "--reporter=default", "--reporter=json", `--outputFile.json=${jsonFile}`, ...(filters.length > 0 ? ["--passWithNoTests", ...filters] : [])], env: {}, report: () => vitestReport(jsonFile) };
}

/** Starts the test lab (or reuses a healthy one) with the demo world, and the original walkthroughs when asked. */
export async function prepareTestLab(opts: { walkthroughs: boolean }, log: (m: string) => void): Promise<LabState> {
  const state = await labUp({ name: testLab.name, basePort: testLab.basePort, parentPid: process.pid, ttlSeconds: 3 * 3600, withTraffic: true, withPrometheus: true }, log);
  // The demo world (and the walkthroughs) from the start, so their traffic has
  // filled Prometheus' rate windows by the time the metrics tests run.
  await demoWorld.apply(state);
  if (opts.walkthroughs) await walkthroughs.apply(state);
  return state;
}

export type { StageReport, TestOutcome } from "./test-reports.js";
