import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { labUp } from "../core/control.js";
import { repoRoot } from "../core/paths.js";
import { testLab } from "../../tests/integration/test-lab.js";
import { demoWorld } from "../../tests/integration/worlds/demo.js";
import { walkthroughs } from "../../tests/integration/worlds/walkthroughs.js";
import { acceptanceSkipReason } from "../../tests/acceptance/walkthroughs-present.js";

/**
 * `npm test`: lint, typecheck, unit tests, then integration tests against the
 * demo world (lab/demo), the acceptance suite against the original
 * walkthroughs (only where ../shared/scenarios exists) and e2e tests, all on a
 * lab of their own (started once here, stopped by itself when this process
 * exits). Every stage runs even if an earlier one failed; the exit code is
 * non-zero if anything failed, and the last line counts every test.
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

function bin(name: string): string {
  return path.join(repoRoot, "node_modules", ".bin", name);
}

function run(name: string, cmd: string, args: string[], counts?: () => Omit<Stage, "name" | "ok" | "seconds">): void {
  if (!only.has(name)) return;
  console.log(`\n=== ${name}: ${[path.basename(cmd), ...args].join(" ")}`);
  const t0 = Date.now();
  const r = spawnSync(cmd, args, { cwd: repoRoot, stdio: "inherit", env: { ...process.env, FORCE_COLOR: "0" } });
  const c = counts?.() ?? { passed: 0, failed: 0, skipped: 0 };
  const ok = r.status === 0 && c.failed === 0;
  stages.push({ name, ok, seconds: (Date.now() - t0) / 1000, ...c, failed: ok ? c.failed : Math.max(c.failed, 1) });
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { name: string; status?: string; message?: string; assertionResults?: { fullName?: string; title: string; status: string }[] }[];
}

/** Names of failed tests, repeated after the summary so a log's tail says what failed. */
const failures: string[] = [];
function vitestCounts(file: string) {
  return () => {
    try {
      const j = JSON.parse(fs.readFileSync(file, "utf8")) as VitestJson;
      for (const f of j.testResults ?? []) {
        const rel = path.relative(repoRoot, f.name);
        const failed = (f.assertionResults ?? []).filter((a) => a.status === "failed");
        for (const a of failed) failures.push(`${rel} › ${a.fullName ?? a.title}`);
        if (failed.length === 0 && f.status === "failed") failures.push(`${rel} › ${(f.message ?? "suite failed").split("\n")[0] ?? ""}`);
      }
      return { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests };
    } catch {
      return { passed: 0, failed: 1, skipped: 0 };
    }
  };
}
interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: { title: string; file?: string; ok: boolean }[];
  suites?: PlaywrightSuite[];
}
interface PlaywrightJson {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites?: PlaywrightSuite[];
}
function playwrightFailures(suites: PlaywrightSuite[] | undefined, file = ""): void {
  for (const s of suites ?? []) {
    const f = s.file ?? file;
    for (const spec of s.specs ?? []) if (!spec.ok) failures.push(`${f} › ${spec.title}`);
    playwrightFailures(s.suites, f);
  }
}
function playwrightCounts(file: string) {
  return () => {
    try {
      const j = JSON.parse(fs.readFileSync(file, "utf8")) as PlaywrightJson;
      playwrightFailures(j.suites);
      return { passed: j.stats.expected + j.stats.flaky, failed: j.stats.unexpected, skipped: j.stats.skipped };
    } catch {
      return { passed: 0, failed: 1, skipped: 0 };
    }
  };
}

async function main(): Promise<number> {
  run("lint", bin("eslint"), ["--max-warnings=0", "."]);
  run("typecheck", bin("tsc"), ["--noEmit", "-p", "tsconfig.json"]);
  const unitJson = path.join(resultsDir, "unit.json");
  run("unit", bin("vitest"), ["run", "--project", "unit", "--reporter=default", "--reporter=json", `--outputFile.json=${unitJson}`], vitestCounts(unitJson));
  if (only.has("integration") || only.has("e2e") || (only.has("acceptance") && !skipAcceptance)) {
    const t0 = Date.now();
    try {
      const state = await labUp({ name: testLab.name, basePort: testLab.basePort, parentPid: process.pid, ttlSeconds: 3 * 3600, withTraffic: true, withPrometheus: true }, (m) => console.log(`[lab] ${m}`));
      // The demo world (and the walkthroughs, when they are here) from the start, so
      // their traffic has filled Prometheus' rate windows by the time the metrics tests run.
      await demoWorld.apply(state);
      if (only.has("acceptance") && !skipAcceptance) await walkthroughs.apply(state);
      stages.push({ name: "lab", ok: true, seconds: (Date.now() - t0) / 1000, passed: 0, failed: 0, skipped: 0 });
    } catch (e) {
      console.error(e instanceof Error ? e.message : e);
      stages.push({ name: "lab", ok: false, seconds: (Date.now() - t0) / 1000, passed: 0, failed: 1, skipped: 0 });
    }
  }
  const intJson = path.join(resultsDir, "integration.json");
  run("integration", bin("vitest"), ["run", "--project", "integration", "--reporter=default", "--reporter=json", `--outputFile.json=${intJson}`], vitestCounts(intJson));
  const accJson = path.join(resultsDir, "acceptance.json");
  if (skipAcceptance && only.has("acceptance")) {
    console.log(`\n=== acceptance: skipped, ${skipAcceptance}`);
    stages.push({ name: "acceptance", ok: true, seconds: 0, passed: 0, failed: 0, skipped: 0, skippedBecause: skipAcceptance });
  } else run("acceptance", bin("vitest"), ["run", "--project", "acceptance", "--reporter=default", "--reporter=json", `--outputFile.json=${accJson}`], vitestCounts(accJson));
  const e2eJson = path.join(resultsDir, "e2e.json");
  process.env.PLAYWRIGHT_JSON_OUTPUT_NAME = e2eJson;
  run("e2e", bin("playwright"), ["test", "--reporter=list,json"], playwrightCounts(e2eJson));

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
