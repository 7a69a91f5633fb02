import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import { demoFixtures } from "./demo-fixtures";

// The recorded fixtures must be the demo world as it is: re-record them
// (lib/testing/README.md) whenever lab/demo's manifests change.

const demoDir = path.resolve(import.meta.dirname, "../../lab/demo");
const manifestFiles = ["world", "shop-variants"].flatMap((dir) =>
  readdirSync(path.join(demoDir, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`),
);

type Obj = { kind?: string; metadata?: { name?: string; namespace?: string } };
const identity = (o: Obj) => `${o.kind}/${o.metadata?.namespace ?? ""}/${o.metadata?.name}`;

/** Paths where `written` has a value the recorded object does not (the server only adds defaults). */
function differences(written: unknown, recorded: unknown, at = ""): string[] {
  if (written === null || typeof written !== "object") return Object.is(written, recorded) ? [] : [at];
  if (recorded === null || typeof recorded !== "object") return [at];
  if (Array.isArray(written)) {
    if (!Array.isArray(recorded) || recorded.length !== written.length) return [at];
    return written.flatMap((w, i) => differences(w, recorded[i], `${at}[${i}]`));
  }
  return Object.entries(written).flatMap(([k, v]) => differences(v, (recorded as Record<string, unknown>)[k], `${at}.${k}`));
}

describe("lib/testing/fixtures, recorded from lab/demo", () => {
  const bySource = new Map(demoFixtures().map((f) => [f.source, f]));

  it("has one fixture per manifest file, and none for a file that is gone", () => {
    expect([...bySource.keys()].sort()).toEqual([...manifestFiles].sort());
  });

  it.each(manifestFiles)("%s: the same objects, each holding every field the manifest sets", (file) => {
    const written = parseAllDocuments(readFileSync(path.join(demoDir, file), "utf8")).map((d) => d.toJS() as Obj).filter((o) => o?.kind);
    const recorded = (bySource.get(file)?.objects ?? []) as Obj[];
    expect(recorded.map(identity)).toEqual(written.map(identity));
    for (const [i, w] of written.entries()) expect(differences(w, recorded[i]), identity(w)).toEqual([]);
  });
});
