/**
 * Reads the demo world's manifests (lab/demo, in the repository) for the
 * simulator's tests: what `npm run demo` applies, as the simulator would watch it.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const DEMO_DIR = path.resolve(REPO_ROOT, "lab/demo");

export function readYamlDocuments(file: string): unknown[] {
  return parseAllDocuments(fs.readFileSync(file, "utf8"))
    .map((d) => d.toJS() as unknown)
    .filter((d) => d !== null && d !== undefined);
}

/** The objects of one manifest file under lab/demo, e.g. `world/shop.yaml` or `shop-variants/user-route.yaml`. */
export function readDemo(relative: string): unknown[] {
  return readYamlDocuments(path.join(DEMO_DIR, relative));
}
