import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { Operation } from "./build";
import { operations } from "./operations";

// The contract between /api/openapi.json and the route handlers: every
// app/api/**/route.ts exports exactly the methods the document lists for its
// path; every handler rejects a query parameter the document does not declare
// (and names the ones it accepts: exactly the document's), rejects what the
// document's query schemas reject, and refuses a body member the document's
// body schema does not declare. Nothing here reaches Kubernetes: parameters are
// checked before a handler does any I/O.

const ROOT = path.resolve(import.meta.dirname, "../../..");
const API = path.join(ROOT, "app/api");
const METHODS = ["GET", "POST", "PUT", "DELETE", "PATCH"] as const;
type Method = (typeof METHODS)[number];
type Handler = (request: NextRequest, context: { params: Promise<unknown> }) => Promise<Response> | Response;

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    // The catch-all app/api/[[...path]] only answers undocumented paths with a typed 404.
    if (entry.isDirectory()) return entry.name.startsWith("[[...") ? [] : routeFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** app/api/rollouts/[namespace]/[name]/route.ts → ["api", "rollouts", "[namespace]", "[name]"]. */
function fileSegments(file: string): string[] {
  return path.relative(path.join(ROOT, "app"), path.dirname(file)).split(path.sep);
}

/** How well a route file serves an operation's path: -1 no match, else the number of literal segments that agree. */
function matchScore(file: string[], op: string[]): number {
  if (file.length !== op.length) return -1;
  let score = 0;
  for (let i = 0; i < file.length; i++) {
    const f = file[i] ?? "";
    const o = op[i] ?? "";
    if (f.startsWith("[")) {
      if (o.startsWith("{") && o !== `{${f.slice(1, -1)}}`) return -1;
    } else if (f === o) score++;
    else return -1;
  }
  return score;
}

const files = routeFiles(API).sort();
const fileOf = new Map<Operation, string>();
for (const op of operations) {
  const opSegments = op.path.split("/").filter(Boolean);
  const ranked = files.map((file) => ({ file, score: matchScore(fileSegments(file), opSegments) })).filter((r) => r.score >= 0);
  ranked.sort((a, b) => b.score - a.score);
  if (ranked[0]) fileOf.set(op, ranked[0].file);
}

const SAMPLE: Record<string, string> = { namespace: "default", name: "x", route: "0", routeName: "x", rule: "0", kind: "VirtualService" };

/** Path parameters that pass the operation's schema (dynamic segments that are literals in the document take those). */
function paramsFor(op: Operation, file: string): Record<string, string> {
  const out: Record<string, string> = {};
  const opSegments = op.path.split("/").filter(Boolean);
  fileSegments(file).forEach((segment, i) => {
    if (!segment.startsWith("[")) return;
    const key = segment.slice(1, -1);
    const literal = opSegments[i] ?? "";
    const shape = (op.params?.shape ?? {}) as Record<string, z.ZodType>;
    const enumValues = (shape[key] as { options?: string[] } | undefined)?.options;
    out[key] = literal.startsWith("{") ? (SAMPLE[key] ?? enumValues?.[0] ?? "x") : literal;
  });
  return out;
}

function callUrl(op: Operation, params: Record<string, string>, query: string): string {
  const filled = op.path.replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(params[key] ?? "x"));
  return `http://127.0.0.1:3000${filled}${query}`;
}

async function call(op: Operation, query: string, body?: unknown): Promise<{ status: number; text: string }> {
  const file = fileOf.get(op);
  if (!file) throw new Error(`no route file for ${op.path}`);
  const mod = (await import(file)) as Partial<Record<Method, Handler>>;
  const handler = mod[op.method.toUpperCase() as Method];
  if (!handler) throw new Error(`${file} exports no ${op.method.toUpperCase()}`);
  const params = paramsFor(op, file);
  const headers: Record<string, string> = { "x-meshdeck-csrf": "1", host: "127.0.0.1:3000" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new NextRequest(callUrl(op, params, query), { method: op.method.toUpperCase(), headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, text: await response.text() };
}

const declared = (op: Operation) => Object.keys((op.query?.shape ?? {}) as Record<string, unknown>);

/** A value the declared parameter schema rejects, if any of these does. */
function rejectedValue(schema: z.ZodType): string | undefined {
  return ["\u0000", "-1", "x".repeat(5000), "not a value", "0"].find((v) => !schema.safeParse(v).success);
}

describe("every route handler matches /api/openapi.json", () => {
  it("each app/api route.ts exports exactly the methods the document lists for it", async () => {
    for (const file of files) {
      const mod = (await import(file)) as Record<string, unknown>;
      const exported = METHODS.filter((m) => typeof mod[m] === "function").sort();
      const documented = [...new Set(operations.filter((op) => fileOf.get(op) === file).map((op) => op.method.toUpperCase()))].sort();
      expect(exported, path.relative(ROOT, file)).toEqual(documented);
    }
    for (const op of operations) expect(fileOf.get(op), `${op.method} ${op.path}`).toBeDefined();
  }, 120_000);

  it.each(operations.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))("%s: unknown query parameters are a 400 naming them; it accepts exactly the documented ones", async (_, op) => {
    const { status, text } = await call(op, "?meshdeckUnknown=1");
    expect(status, text).toBe(400);
    const body = JSON.parse(text) as { error: { message: string; issues?: { path: string }[] } };
    expect(body.error.issues?.map((i) => i.path)).toContain("meshdeckUnknown");
    const accepted = /\(accepted: (.*)\)$/.exec(body.error.message)?.[1];
    expect(accepted === "none" ? [] : accepted?.split(", ").sort()).toEqual(declared(op).sort());
  }, 60_000);

  it.each(operations.filter((op) => op.query).map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))("%s: rejects what the document's query schema rejects", async (_, op) => {
    const shape = (op.query?.shape ?? {}) as Record<string, z.ZodType>;
    for (const [name, schema] of Object.entries(shape)) {
      const value = rejectedValue(schema);
      if (value === undefined) continue;
      const { status, text } = await call(op, `?${new URLSearchParams({ [name]: value }).toString()}`);
      expect(status, `${name}=${JSON.stringify(value)}: ${text}`).toBe(400);
      const paths = (JSON.parse(text) as { error: { issues?: { path: string }[] } }).error.issues?.map((i) => i.path.split(".")[0]);
      expect(paths, name).toContain(name);
    }
  }, 60_000);

  it.each(operations.filter((op) => op.body).map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))("%s: the document's body schema and the handler refuse the same undeclared member", async (_, op) => {
    const body = { meshdeckUnknown: 1 };
    expect(op.body?.safeParse(body).success).toBe(false);
    const { status, text } = await call(op, "", body);
    expect([400, 422], text).toContain(status);
    expect(text).toContain("meshdeckUnknown");
  }, 60_000);
});
