import { buildOpenApi } from "@/lib/api/openapi/build";
import { operations } from "@/lib/api/openapi/operations";

export const runtime = "nodejs";
export const dynamic = "force-static";

let cached: unknown;

/** The OpenAPI 3.1 description of /api, generated from the handlers' zod schemas. */
export function GET(): Response {
  cached ??= buildOpenApi(operations, { title: "Meshdeck API", version: "0.1.0" });
  return Response.json(cached);
}
