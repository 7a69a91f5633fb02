import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { methodRefusal } from "./request-guard";

/** Every route file under app/api with the methods it exports, its dynamic segments filled in. */
function routeFiles(dir = path.join(process.cwd(), "app", "api")): { url: string; methods: string[] }[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return routeFiles(p);
    if (e.name !== "route.ts") return [];
    const text = fs.readFileSync(p, "utf8");
    const methods = [...text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1] as string).filter((m) => new RegExp(`export (async )?(function|const) ${m}\\b|as ${m}\\b|export const \\{[^}]*\\b${m}\\b`).test(text));
    const rel = path.relative(path.join(process.cwd(), "app"), path.dirname(p)).split(path.sep);
    return [{ url: `/${rel.map((s) => (s.startsWith("[") ? "x" : s)).join("/")}`, methods: [...new Set(methods)] }];
  });
}

describe("the method check of proxy.ts", () => {
  it("lets through every method a route handler exports (the OpenAPI operations list them)", () => {
    const files = routeFiles();
    expect(files.length).toBeGreaterThan(20);
    expect(files.flatMap((f) => f.methods).length).toBeGreaterThan(files.length);
    const blocked = files.flatMap(({ url, methods }) => methods.filter((m) => methodRefusal(m, url) !== null).map((m) => `${m} ${url}`));
    expect(blocked).toEqual([]);
  });
});
