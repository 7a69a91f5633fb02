import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { badRequestFromZod } from "@/lib/errors/to-response";

/**
 * URLSearchParams to a plain object for zod. A repeated key becomes an array,
 * so a schema expecting one string rejects `?namespace=a&namespace=b`.
 */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return out;
}

/** The query of a route that takes no query parameters. */
export const noQuerySchema = z.strictObject({});

/** Parameters the schema does not declare, in the order they appear. */
export function unknownQueryParameters(params: URLSearchParams, schema: z.ZodObject): string[] {
  const known = new Set(Object.keys(schema.shape));
  return [...new Set(params.keys())].filter((key) => !known.has(key));
}

/**
 * The one place every /api handler reads its query string: a parameter the
 * schema does not declare is a 400 naming it (so a misspelt `?dryrun=true`
 * never runs the real action), then the schema's own checks (400 with issues).
 * The schema is the one the route's OpenAPI operation lists.
 */
export function parseQuery<S extends z.ZodObject>(source: Request | URLSearchParams, schema: S): z.output<S> {
  const params = source instanceof URLSearchParams ? source : new URL(source.url).searchParams;
  const unknown = unknownQueryParameters(params, schema);
  if (unknown.length > 0) {
    const accepted = Object.keys(schema.shape);
    throw new AppError({
      code: "BadRequest",
      message: `Unknown query parameter "${unknown[0]}" (accepted: ${accepted.length > 0 ? accepted.join(", ") : "none"})`,
      issues: unknown.map((name) => ({ path: name, message: "unknown query parameter" })),
    });
  }
  const parsed = schema.safeParse(queryObject(params));
  if (!parsed.success) throw badRequestFromZod(parsed.error, "query parameters");
  return parsed.data;
}
