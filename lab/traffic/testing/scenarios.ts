/**
 * Reads the shared walkthrough scenarios at test time (never copied into the
 * repo): ../shared/scenarios relative to the repository root.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const SCENARIOS_DIR = path.resolve(REPO_ROOT, "../shared/scenarios");

export function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, "utf8"))
    .map((d) => d.toJS() as unknown)
    .filter((d) => d !== null && d !== undefined);
}

export function readScenario(relative: string): unknown[] {
  return readYamlDocuments(path.join(SCENARIOS_DIR, relative));
}
