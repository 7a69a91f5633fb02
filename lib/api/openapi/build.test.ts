import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApi, type Operation } from "./build";

describe("buildOpenApi", () => {
  const op: Operation = {
    method: "put",
    path: "/api/things/{name}",
    summary: "Put a thing",
    tags: ["things"],
    params: z.object({ name: z.string() }),
    query: z.object({ window: z.string().optional(), dryRun: z.enum(["true", "false"]).optional() }),
    body: z.object({ weight: z.number().int().min(0).max(100) }),
    response: z.object({ ok: z.boolean() }),
    errors: [400, 422],
  };
  const doc = buildOpenApi([op], { title: "t", version: "1" }) as { paths: Record<string, Record<string, { parameters: { name: string; in: string; required: boolean }[]; requestBody: unknown; responses: Record<string, unknown> }>> };

  it("describes parameters, body, responses and typed errors", () => {
    const put = doc.paths["/api/things/{name}"]?.put;
    expect(put?.parameters).toEqual([
      expect.objectContaining({ name: "name", in: "path", required: true }),
      expect.objectContaining({ name: "window", in: "query", required: false }),
      expect.objectContaining({ name: "dryRun", in: "query", required: false }),
    ]);
    expect(JSON.stringify(put?.requestBody)).toContain('"maximum":100');
    expect(Object.keys(put?.responses ?? {})).toEqual(["200", "400", "422"]);
    expect(JSON.stringify(put?.responses["422"])).toContain('"code"');
  });
});

describe("the project's OpenAPI document", () => {
  it("builds from every registered operation, each path once per method", async () => {
    const { operations } = await import("./operations");
    const doc = buildOpenApi(operations, { title: "Meshdeck API", version: "test" }) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe("3.1.0");
    const seen = new Set<string>();
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
      expect(doc.paths[op.path]?.[op.method], key).toBeDefined();
    }
    expect(Object.keys(doc.paths)).toContain("/api/namespaces");
  }, 60_000);
});
