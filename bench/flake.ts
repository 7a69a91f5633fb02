/**
 * How flaky are the tests? Reruns chosen stages N times on one lab and prints
 * failures per test.
 *
 *   node --import tsx bench/flake.ts --stages integration,e2e --runs 5 [--files rollouts-]
 *
 * Brings the test lab up once (or reuses a healthy one; lab/scripts/test-stages,
 * as `npm test` does), then runs the stages `runs` times, each with its JSON
 * reporter into a temporary directory (the stages' own output goes to a log
 * there), and prints per test (file › name) that failed at least once its
 * failures / runs, the totals, and the wall time of each run. `--files` narrows
 * each stage to matching test files. A measurement: the exit code is 0 even
 * when runs failed; 2 on a usage error, 1 when the lab does not come up.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "../lab/core/paths";
import { acceptanceSkipReason } from "../tests/acceptance/walkthroughs-present";
import { isTestStage, needsLab, prepareTestLab, stageCommand, TEST_STAGES, type TestOutcome, type TestStage } from "../lab/scripts/test-stages";

const USAGE = `usage: node --import tsx bench/flake.ts --stages ${TEST_STAGES.join(",")} --runs N [--files pattern[,pattern…]]`;

interface Options {
  stages: TestStage[];
  runs: number;
  filters: string[];
}

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

function options(): Options {
  let values: { stages?: string; runs?: string; files?: string };
  try {
    ({ values } = parseArgs({ options: { stages: { type: "string" }, runs: { type: "string" }, files: { type: "string" } }, strict: true, allowPositionals: false }));
  } catch (e) {
    usage(e instanceof Error ? e.message : String(e));
  }
  const stages = (values.stages ?? "").split(",").filter(Boolean);
  if (stages.length === 0) usage("--stages is required");
  const unknown = stages.filter((s) => !isTestStage(s));
  if (unknown.length > 0) usage(`unknown stage(s): ${unknown.join(", ")}`);
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) usage("--runs must be a whole number ≥ 1");
  return { stages: stages.filter(isTestStage), runs, filters: (values.files ?? "").split(",").filter(Boolean) };
}

interface Tally {
  runs: number;
  failures: number;
}

interface RunTime {
  seconds: number;
  stages: string[];
  failed: number;
}

/** Runs one stage once; its outcomes (one failed pseudo-test when it wrote no report). */
function runStage(stage: TestStage, dir: string, run: number, filters: readonly string[]): TestOutcome[] {
  const base = path.join(dir, `${stage}-${run}`);
  const command = stageCommand(stage, `${base}.json`, filters);
  const log = fs.openSync(`${base}.log`, "w");
  const r = spawnSync(command.cmd, command.args, { cwd: repoRoot, stdio: ["ignore", log, log], env: { ...process.env, ...command.env, FORCE_COLOR: "0" } });
  fs.closeSync(log);
  const report = command.report();
  if (!report) return [{ id: `${stage} › (no report; exit ${r.status ?? r.signal}; see ${base}.log)`, status: "failed" }];
  return report.tests;
}

function count(tallies: Map<string, Tally>, outcomes: readonly TestOutcome[]): number {
  let failed = 0;
  for (const t of outcomes) {
    if (t.status === "skipped") continue;
    const tally = tallies.get(t.id) ?? { runs: 0, failures: 0 };
    tally.runs += 1;
    if (t.status !== "passed") {
      tally.failures += 1;
      failed += 1;
    }
    tallies.set(t.id, tally);
  }
  return failed;
}

function print(tallies: Map<string, Tally>, times: readonly RunTime[]): void {
  const flaky = [...tallies].filter(([, t]) => t.failures > 0).sort((a, b) => b[1].failures / b[1].runs - a[1].failures / a[1].runs || a[0].localeCompare(b[0]));
  console.log("\nfailures/runs  test");
  for (const [id, t] of flaky) console.log(`${`${t.failures}/${t.runs}`.padStart(13)}  ${id}`);
  if (flaky.length === 0) console.log(`${"-".padStart(13)}  (no test failed)`);
  const executions = [...tallies.values()].reduce((a, t) => ({ runs: a.runs + t.runs, failures: a.failures + t.failures }), { runs: 0, failures: 0 });
  console.log(`\ntotals: ${tallies.size} tests, ${flaky.length} failed at least once; ${executions.failures} failures in ${executions.runs} test executions`);
  times.forEach((t, i) => console.log(`run ${i + 1}: ${t.seconds.toFixed(1).padStart(7)} s  (${t.stages.join(", ")})  ${t.failed} failed`));
}

async function main(): Promise<number> {
  const opts = options();
  const skipAcceptance = opts.stages.includes("acceptance") ? acceptanceSkipReason() : null;
  if (skipAcceptance) usage(`acceptance cannot run here: ${skipAcceptance}`);
  if (opts.stages.some(needsLab)) {
    try {
      await prepareTestLab({ walkthroughs: opts.stages.includes("acceptance") }, (m) => console.log(`[lab] ${m}`));
    } catch (e) {
      console.error(e instanceof Error ? e.message : e);
      return 1;
    }
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "meshdeck-flake-"));
  console.log(`[flake] ${opts.runs} run(s) of ${opts.stages.join(", ")}${opts.filters.length > 0 ? ` (files: ${opts.filters.join(", ")})` : ""}; reports and logs in ${dir}`);
  const tallies = new Map<string, Tally>();
  const times: RunTime[] = [];
  for (let run = 1; run <= opts.runs; run++) {
    const t0 = Date.now();
    const stages: string[] = [];
    let failed = 0;
    for (const stage of opts.stages) {
      const s0 = Date.now();
      failed += count(tallies, runStage(stage, dir, run, opts.filters));
      stages.push(`${stage} ${((Date.now() - s0) / 1000).toFixed(1)} s`);
    }
    times.push({ seconds: (Date.now() - t0) / 1000, stages, failed });
    console.log(`[flake] run ${run}/${opts.runs}: ${failed} failed, ${times.at(-1)?.seconds.toFixed(1)} s`);
  }
  print(tallies, times);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
