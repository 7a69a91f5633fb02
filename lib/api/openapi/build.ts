import { z } from "zod";
import { apiErrorBodySchema } from "@/lib/errors/api-error";

/**
 * A declarative description of one HTTP operation, from the same zod schemas
 * the handlers parse with, so /api/openapi.json cannot drift from the code.
 */
export interface Operation {
  method: "get" | "put" | "post" | "delete" | "patch";
  /** OpenAPI path template, e.g. "/api/namespaces/{namespace}/virtualservices/{name}/undo". */
  path: string;
  summary: string;
  description?: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The 2xx answer (200 unless stated). */
  response?: z.ZodType;
  /** Media type of the answer (default application/json). */
  responseType?: string;
  /** Error statuses this operation may answer, each with the typed error body. */
  errors: number[];
}

type JsonSchema = Record<string, unknown>;

function schemaOf(type: z.ZodType, io: "input" | "output"): JsonSchema {
  const s = z.toJSONSchema(type, { io, unrepresentable: "any" }) as JsonSchema;
  delete s.$schema;
  return s;
}

function parameters(obj: z.ZodObject | undefined, where: "path" | "query"): JsonSchema[] {
  if (!obj) return [];
  const shape = obj.shape as Record<string, z.ZodType>;
  return Object.entries(shape).map(([name, type]) => ({
    name,
    in: where,
    required: where === "path" || !type.safeParse(undefined).success,
    schema: schemaOf(type, "input"),
    ...(type.description ? { description: type.description } : {}),
  }));
}

const errorText: Record<number, string> = {
  400: "Bad parameters",
  403: "Forbidden: names the verb and the resource (never retried)",
  404: "Not found",
  409: "Conflict: the object changed since it was read; the body carries the fresh object",
  422: "Invalid body, with field errors; nothing was written",
  423: "Locked: a controller (Argo Rollouts, Flagger) owns these weights",
  428: "Precondition Required: a route addressed by index needs the resourceVersion it was read at",
  503: "A dependency (Kubernetes, Prometheus, a CRD) is unavailable",
};

export function buildOpenApi(operations: readonly Operation[], info: { title: string; version: string }): JsonSchema {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  const errorBody = schemaOf(apiErrorBodySchema, "output");
  for (const op of operations) {
    const query = parameters(op.query, "query");
    const responses: Record<string, JsonSchema> = {
      "200": {
        description: "OK",
        ...(op.response ? { content: { [op.responseType ?? "application/json"]: { schema: schemaOf(op.response, "output") } } } : {}),
      },
    };
    for (const status of op.errors) responses[String(status)] = { description: errorText[status] ?? "Error", content: { "application/json": { schema: errorBody } } };
    (paths[op.path] ??= {})[op.method] = {
      summary: op.summary,
      ...(op.description ? { description: op.description } : {}),
      tags: op.tags,
      parameters: [...parameters(op.params, "path"), ...query],
      ...(op.body ? { requestBody: { required: !op.body.safeParse({}).success, content: { "application/json": { schema: schemaOf(op.body, "input") } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      ...info,
      description:
        "Meshdeck's HTTP API. State-changing requests need the header `X-Meshdeck-Csrf: 1` and run as the caller (bearer token, session or trusted proxy identity), so Kubernetes RBAC decides. Errors are typed: `{ error: { code, message, verb?, resource?, namespace?, issues? } }`. A query parameter an operation does not declare is a 400 naming it.",
    },
    paths,
  };
}
