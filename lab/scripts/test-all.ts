import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../core/paths.js";
import { acceptanceSkipReason } from "../../tests/acceptance/walkthroughs-present.js";
import { LAB_LOCK_PORT_ENV } from "../../tests/lab-lock/modes.js";
import { startLabLockServer } from "../../tests/lab-lock/server.js";
import { bin, prepareTestLab, stageCommand, type StageReport, type TestStage } from "./test-stages.js";

/**
 * `npm test`: lint, typecheck, unit tests, then integration tests against the
 * demo world (lab/demo), the acceptance suite against the original
 * walkthroughs (only where ../shared/scenarios exists) and e2e tests, all on a
 * lab of their own (started once here, stopped by itself when this process
 * exits). The acceptance suite works only in the walkthroughs' namespaces, so
 * it runs beside the integration tests (its output follows theirs). Every
 * stage runs even if an earlier one failed; the exit code is non-zero if
 * anything failed, and the last line counts every test.
 */

const resultsDir = path.join(repoRoot, ".cache", "test-results");
fs.rmSync(resultsDir, { recursive: true, force: true });
fs.mkdirSync(resultsDir, { recursive: true });

interface Stage {
  name: string;
  ok: boolean;
  seconds: number;
  passed: number;
  failed: number;
  skipped: number;
  /** Why a stage did not run. */
  skippedBecause?: string;
}
const stages: Stage[] = [];
const only = new Set((process.env.MESHDECK_TEST_STAGES ?? "lint,typecheck,unit,integration,acceptance,e2e").split(","));
const skipAcceptance = acceptanceSkipReason();

/** Names of failed tests, repeated after the summary so a log's tail says what failed. */
const failures: string[] = [];

/** Runs a command; its output goes to the terminal, or to `logFile` when given. Resolves with its exit code (null when killed). */
function spawnCommand(cmd: string, args: string[], env: Record<string, string>, logFile?: string): Promise<number | null> {
  const out = logFile ? fs.openSync(logFile, "w") : "inherit";
  const child = spawn(cmd, args, { cwd: repoRoot, stdio: ["ignore", out, out], env: { ...process.env, ...env, FORCE_COLOR: "0" } });
  return new Promise((resolve) => {
    child.on("error", () => resolve(null));
    child.on("close", (code) => {
      if (typeof out === "number") fs.closeSync(out);
      resolve(code);
    });
  });
}

async function run(name: string, cmd: string, args: string[], env: Record<string, string> = {}, report?: () => StageReport | undefined, logFile?: string): Promise<void> {
  if (!only.has(name)) return;
  const title = `\n=== ${name}: ${[path.basename(cmd), ...args].join(" ")}`;
  if (!logFile) console.log(title);
  const t0 = Date.now();
  const code = await spawnCommand(cmd, args, env, logFile);
  if (logFile) console.log(`${title}\n${fs.readFileSync(logFile, "utf8")}`);
  const got = report ? report() : { passed: 0, failed: 0, skipped: 0, tests: [] };
  const c = got ?? { passed: 0, failed: 1, skipped: 0, tests: [] };
  for (const t of c.tests) if (t.status === "failed") failures.push(t.id);
  const ok = code === 0 && c.failed === 0;
  stages.push({ name, ok, seconds: (Date.now() - t0) / 1000, passed: c.passed, skipped: c.skipped, failed: ok ? c.failed : Math.max(c.failed, 1) });
}

/** A stage's command; with `quiet`, its output is kept in a log printed when it ends. */
function runStage(stage: TestStage, quiet = false): Promise<void> {
  const { cmd, args, env, report } = stageCommand(stage, path.join(resultsDir, `${stage}.json`));
  return run(stage, cmd, args, env, report, quiet ? path.join(resultsDir, `${stage}.log`) : undefined);
}

function acceptance(): Promise<void> {
  if (!(skipAcceptance && only.has("acceptance"))) return runStage("acceptance", true);
  console.log(`\n=== acceptance: skipped, ${skipAcceptance}`);
  stages.push({ name: "acceptance", ok: true, seconds: 0, passed: 0, failed: 0, skipped: 0, skippedBecause: skipAcceptance });
  return Promise.resolve();
}

async function main(): Promise<number> {
  await run("lint", bin("eslint"), ["--max-warnings=0", "."]);
  await run("typecheck", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
  await runStage("unit");
  if (only.has("integration") || only.has("e2e") || (only.has("acceptance") && !skipAcceptance)) {
    const t0 = Date.now();
    try {
      await prepareTestLab({ walkthroughs: only.has("acceptance") && !skipAcceptance }, (m) => console.log(`[lab] ${m}`));
      stages.push({ name: "lab", ok: true, seconds: (Date.now() - t0) / 1000, passed: 0, failed: 0, skipped: 0 });
    } catch (e) {
      console.error(e instanceof Error ? e.message : e);
      stages.push({ name: "lab", ok: false, seconds: (Date.now() - t0) / 1000, passed: 0, failed: 1, skipped: 0 });
    }
  }
  // One lab lock for both stages (tests/lab-lock): a file that stops the lab runs beside neither.
  const lock = await startLabLockServer();
  process.env[LAB_LOCK_PORT_ENV] = String(lock.port);
  await Promise.all([runStage("integration"), acceptance()]);
  delete process.env[LAB_LOCK_PORT_ENV];
  await lock.close();
  await runStage("e2e");

  console.log("\n=== summary");
  for (const s of stages) {
    const what = s.skippedBecause ? `not run: ${s.skippedBecause}` : `${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`;
    console.log(`${s.skippedBecause ? "skip" : s.ok ? "ok  " : "FAIL"} ${s.name.padEnd(12)} ${s.seconds.toFixed(1).padStart(7)} s  ${what}`);
  }
  const total = stages.reduce((a, s) => ({ passed: a.passed + s.passed, failed: a.failed + s.failed, skipped: a.skipped + s.skipped }), { passed: 0, failed: 0, skipped: 0 });
  for (const f of failures) console.log(`failed: ${f}`);
  console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return stages.every((s) => s.ok) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
