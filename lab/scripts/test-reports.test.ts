import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../core/paths.js";
import { playwrightReport, vitestReport } from "./test-reports.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "test-reports-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function written(name: string, json: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(json));
  return file;
}

describe("vitestReport", () => {
  it("names each test file › full name with its status, and a file that failed outside its tests", () => {
    const file = written("vitest.json", {
      numPassedTests: 1,
      numFailedTests: 1,
      numPendingTests: 1,
      numTodoTests: 0,
      testResults: [
        {
          name: path.join(repoRoot, "tests/a.test.ts"),
          status: "failed",
          assertionResults: [
            { fullName: "a ok", title: "ok", status: "passed" },
            { fullName: "a broken", title: "broken", status: "failed" },
            { fullName: "a later", title: "later", status: "skipped" },
          ],
        },
        { name: path.join(repoRoot, "tests/b.test.ts"), status: "failed", message: "beforeAll threw\nstack", assertionResults: [] },
      ],
    });
    expect(vitestReport(file)).toEqual({
      passed: 1,
      failed: 1,
      skipped: 1,
      tests: [
        { id: "tests/a.test.ts › a ok", status: "passed" },
        { id: "tests/a.test.ts › a broken", status: "failed" },
        { id: "tests/a.test.ts › a later", status: "skipped" },
        { id: "tests/b.test.ts › beforeAll threw", status: "failed" },
      ],
    });
  });

  it("is undefined when the run wrote no report", () => {
    expect(vitestReport(path.join(dir, "missing.json"))).toBeUndefined();
  });
});

describe("playwrightReport", () => {
  it("walks nested suites: failed, flaky (passed on a retry), skipped and passed specs", () => {
    const file = written("pw.json", {
      stats: { expected: 1, unexpected: 1, flaky: 1, skipped: 1 },
      suites: [
        {
          title: "graph.spec.ts",
          file: "graph.spec.ts",
          specs: [{ title: "draws", ok: true, tests: [{ status: "expected" }] }],
          suites: [
            {
              title: "inner",
              specs: [
                { title: "broken", ok: false, tests: [{ status: "unexpected" }] },
                { title: "retried", ok: true, tests: [{ status: "flaky" }] },
                { title: "later", ok: true, tests: [{ status: "skipped" }] },
              ],
            },
          ],
        },
      ],
    });
    const report = playwrightReport(file);
    expect(report).toMatchObject({ passed: 2, failed: 1, skipped: 1 });
    expect(report?.tests.map((t) => `${t.status}: ${t.id}`)).toEqual(["passed: graph.spec.ts › draws", "failed: graph.spec.ts › broken", "flaky: graph.spec.ts › retried", "skipped: graph.spec.ts › later"]);
  });
});
