import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parseAllDocuments } from "yaml";

// Test support: reads the shared lab scenarios (real Istio objects) without
// copying them into the repository. MESHDECK_SCENARIOS_DIR overrides the
// default location, `../shared/scenarios` next to the repository.

export function scenariosDir(): string {
  const dir = process.env.MESHDECK_SCENARIOS_DIR ?? path.resolve(import.meta.dirname, "../../../shared/scenarios");
  if (!existsSync(dir)) throw new Error(`Scenario directory not found: ${dir} (set MESHDECK_SCENARIOS_DIR)`);
  return dir;
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      return /\.ya?ml$/.test(entry) ? [full] : [];
    });
}

export interface ScenarioObject {
  file: string;
  object: Record<string, unknown> & { kind?: string; metadata?: { name?: string; namespace?: string } };
}

/** Every object of `kind` in the scenario YAML under `relativeDir` (default: all scenarios). */
export function loadScenarioObjects(kind: string, relativeDir = "."): ScenarioObject[] {
  const root = scenariosDir();
  return yamlFiles(path.resolve(root, relativeDir)).flatMap((file) =>
    parseAllDocuments(readFileSync(file, "utf8"))
      .map((doc) => doc.toJS() as ScenarioObject["object"] | null)
      .filter((object): object is ScenarioObject["object"] => object?.kind === kind)
      .map((object) => ({ file: path.relative(root, file), object })),
  );
}

/** The single object of `kind` named `name` in scenario file `relativeFile`. */
export function scenarioObject(relativeFile: string, kind: string, name: string): ScenarioObject["object"] {
  const found = loadScenarioObjects(kind, path.dirname(relativeFile)).filter(
    (o) => o.file === path.normalize(relativeFile) && o.object.metadata?.name === name,
  );
  if (found.length !== 1 || !found[0]) throw new Error(`Expected one ${kind} ${name} in ${relativeFile}, found ${found.length}`);
  return found[0].object;
}
