import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { operations } from "@/lib/api/openapi/operations";
import { methodRefusal } from "./request-guard";

const APP = path.join(process.cwd(), "app");

/** Every route file under app/api (but the catch-all 404) with its segments and the methods it exports. */
function routeFiles(dir = path.join(APP, "api")): { segments: string[]; methods: string[] }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith("[[...") ? [] : routeFiles(p);
    if (e.name !== "route.ts") return [];
    const text = fs.readFileSync(p, "utf8");
    const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => new RegExp(`export (async )?(function|const) ${m}\\b|as ${m}\\b|export const \\{[^}]*\\b${m}\\b`).test(text));
    return [{ segments: ["", ...path.relative(APP, path.dirname(p)).split(path.sep)], methods }];
  });
}

/** The documented paths a route file serves: its [param] segments match anything, its literals must be equal. */
function documentedPaths(segments: string[], method: string): string[] {
  return operations
    .filter((op) => op.method.toUpperCase() === method)
    .map((op) => op.path.split("/"))
    .filter((doc) => doc.length === segments.length && doc.every((d, i) => segments[i]!.startsWith("[") || d === segments[i]))
    .map((doc) => doc.map((d) => (d.startsWith("{") ? "x" : d)).join("/"));
}

describe("the OpenAPI operations as proxy.ts' route table", () => {
  it("document every method of every route file, so proxy.ts lets it through", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((f) => f.methods).length).toBeGreaterThan(files.length);
    const problems = files.flatMap(({ segments, methods }) =>
      methods.flatMap((m) => {
        const paths = documentedPaths(segments, m);
        if (paths.length === 0) return [`${m} ${segments.join("/")} is not in lib/api/openapi/operations.ts`];
        return paths.filter((p) => methodRefusal(m, p) !== null).map((p) => `${m} ${p} is refused`);
      }),
    );
    expect(problems).toEqual([]);
  });
});
