import { describe, expect, it } from "vitest";
import { buildOpenApi } from "./openapi/build";
import { actionOperations, actionQuerySchema, objectNameSchema, routeParamSchema } from "./actions";

describe("action API schemas", () => {
  it("accept object names and route refs, refuse traversal", () => {
    for (const ok of ["reviews", "a.b-c", "x".repeat(253)]) expect(objectNameSchema.safeParse(ok).success).toBe(true);
    for (const bad of ["..", ".", "a/b", "A", "-a", "a.", "a..b", "", "x".repeat(254)]) expect(objectNameSchema.safeParse(bad).success).toBe(false);
    for (const ok of ["primary", "0", "tcp:1", "http:2", "meshdeck-test-header-green"]) expect(routeParamSchema.safeParse(ok).success).toBe(true);
    for (const bad of ["a/b", "..\\x", "a b", "\u0000", ""]) expect(routeParamSchema.safeParse(bad).success).toBe(false);
  });

  it("accepts only dryRun=true|false and a resourceVersion as query", () => {
    expect(actionQuerySchema.safeParse({ dryRun: "true" }).success).toBe(true);
    expect(actionQuerySchema.safeParse({ dryRun: "1" }).success).toBe(false);
    expect(actionQuerySchema.safeParse({ dryRun: ["true", "false"] }).success).toBe(false);
    expect(actionQuerySchema.safeParse({ other: "x" }).success).toBe(false);
  });

  it("describe every operation in OpenAPI", () => {
    const doc = buildOpenApi(actionOperations, { title: "t", version: "1" }) as { paths: Record<string, Record<string, unknown>> };
    expect(Object.keys(doc.paths)).toHaveLength(21);
    for (const section of ["tls", "tcp"]) expect(Object.keys(doc.paths[`/api/namespaces/{namespace}/virtualservices/{name}/${section}/{route}/weights`] ?? {})).toEqual(["put"]);
    expect(Object.keys(doc.paths["/api/namespaces/{namespace}/virtualservices/{name}/http/{route}/fault"] ?? {}).sort()).toEqual(["delete", "put"]);
    for (const tool of ["timeout", "retries"]) expect(Object.keys(doc.paths[`/api/namespaces/{namespace}/virtualservices/{name}/http/{route}/${tool}`] ?? {}).sort()).toEqual(["delete", "put"]);
    for (const p of ["policy", "subsets/{subset}/policy"]) expect(Object.keys(doc.paths[`/api/namespaces/{namespace}/destinationrules/{name}/${p}`] ?? {}).sort()).toEqual(["delete", "put"]);
    expect(JSON.stringify(doc)).toContain("423");
  });
});
