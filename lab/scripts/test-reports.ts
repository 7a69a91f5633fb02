import fs from "node:fs";
import path from "node:path";
import { repoRoot } from "../core/paths.js";

/** What the JSON reports of vitest and Playwright say about each test (for `npm test` and bench/flake.ts). */

/** One test in one run: `flaky` passed only on a retry (Playwright). */
export interface TestOutcome {
  /** "file › full name" (the file relative to the repository). */
  id: string;
  status: "passed" | "failed" | "flaky" | "skipped";
}

export interface StageReport {
  passed: number;
  failed: number;
  skipped: number;
  tests: TestOutcome[];
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return undefined;
  }
}

interface VitestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { name: string; status?: string; message?: string; assertionResults?: { fullName?: string; title: string; status: string }[] }[];
}

const vitestStatus = (status: string): TestOutcome["status"] => (status === "passed" ? "passed" : status === "failed" ? "failed" : "skipped");

export function vitestReport(file: string): StageReport | undefined {
  const j = readJson<VitestJson>(file);
  if (!j) return undefined;
  const tests = (j.testResults ?? []).flatMap((f): TestOutcome[] => {
    const rel = path.relative(repoRoot, f.name);
    const own = (f.assertionResults ?? []).map((a) => ({ id: `${rel} › ${a.fullName ?? a.title}`, status: vitestStatus(a.status) }));
    // A file that failed outside its tests (it did not load, a hook threw).
    const fileFailed = f.status === "failed" && !own.some((t) => t.status === "failed");
    return fileFailed ? [...own, { id: `${rel} › ${(f.message ?? "suite failed").split("\n")[0] ?? ""}`, status: "failed" }] : own;
  });
  return { passed: j.numPassedTests, failed: j.numFailedTests, skipped: j.numPendingTests + j.numTodoTests, tests };
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  specs?: { title: string; file?: string; ok: boolean; tests?: { status?: string }[] }[];
  suites?: PlaywrightSuite[];
}
interface PlaywrightJson {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites?: PlaywrightSuite[];
}

function playwrightTests(suites: PlaywrightSuite[] | undefined, file = ""): TestOutcome[] {
  return (suites ?? []).flatMap((s) => {
    const f = s.file ?? file;
    const specs = (s.specs ?? []).map((spec): TestOutcome => {
      const statuses = (spec.tests ?? []).map((t) => t.status);
      const status = !spec.ok ? "failed" : statuses.includes("flaky") ? "flaky" : statuses.length > 0 && statuses.every((x) => x === "skipped") ? "skipped" : "passed";
      return { id: `${f} › ${spec.title}`, status };
    });
    return [...specs, ...playwrightTests(s.suites, f)];
  });
}

export function playwrightReport(file: string): StageReport | undefined {
  const j = readJson<PlaywrightJson>(file);
  if (!j) return undefined;
  return { passed: j.stats.expected + j.stats.flaky, failed: j.stats.unexpected, skipped: j.stats.skipped, tests: playwrightTests(j.suites) };
}
