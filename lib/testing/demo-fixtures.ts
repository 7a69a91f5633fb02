import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

// Test support: the demo world's objects (lab/demo) as the lab's API server
// stores them, recorded into lib/testing/fixtures by
// lab/scripts/record-fixtures.ts and checked in,
// so unit tests need nothing beside the repository. See lib/testing/README.md.

export const fixturesDir = path.resolve(import.meta.dirname, "fixtures");

/** One recorded manifest file: its path under lab/demo and its objects. */
export interface DemoFixture {
  source: string;
  objects: DemoObject["object"][];
}

export interface DemoObject {
  /** The manifest's path relative to lab/demo, e.g. `shop/base.yaml`. */
  file: string;
  object: Record<string, unknown> & { kind?: string; apiVersion?: string; metadata?: { name?: string; namespace?: string } };
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const full = path.join(dir, entry);
      if (statSync(full).isDirectory()) return jsonFiles(full);
      return entry.endsWith(".json") ? [full] : [];
    });
}

const cache = new Map<string, DemoFixture>();

/** Every recorded fixture, keyed by its source path under lab/demo. */
export function demoFixtures(): DemoFixture[] {
  if (cache.size === 0) {
    for (const file of jsonFiles(fixturesDir)) {
      const fixture = JSON.parse(readFileSync(file, "utf8")) as DemoFixture;
      cache.set(fixture.source, fixture);
    }
  }
  return [...cache.values()];
}

/** Every object of `kind` in the recorded files under `relativeDir` of lab/demo (default: all). */
export function loadDemoObjects(kind: string, relativeDir = "."): DemoObject[] {
  const dir = path.normalize(relativeDir);
  return demoFixtures()
    .filter((f) => dir === "." || f.source.startsWith(`${dir}/`))
    .flatMap((f) => f.objects.filter((object) => object.kind === kind).map((object) => ({ file: f.source, object: structuredClone(object) })));
}

/** The single object of `kind` named `name` in the recorded file `relativeFile` (its path under lab/demo). */
export function demoObject(relativeFile: string, kind: string, name: string): DemoObject["object"] {
  const found = loadDemoObjects(kind).filter((o) => o.file === path.normalize(relativeFile) && o.object.metadata?.name === name);
  if (found.length !== 1 || !found[0]) throw new Error(`Expected one ${kind} ${name} in ${relativeFile}, found ${found.length}`);
  return found[0].object;
}
