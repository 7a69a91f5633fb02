import { buildOpenApi } from "@/lib/api/openapi/build";
import { operations } from "@/lib/api/openapi/operations";
import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { errorResponse } from "@/lib/errors/to-response";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

let cached: unknown;

/** The OpenAPI 3.1 description of /api, generated from the handlers' zod schemas. */
export function GET(request: Request): Response {
  try {
    parseQuery(request, noQuerySchema);
  } catch (error) {
    return errorResponse(error);
  }
  cached ??= buildOpenApi(operations, { title: "Meshdeck API", version: "0.1.0" });
  return Response.json(cached);
}
