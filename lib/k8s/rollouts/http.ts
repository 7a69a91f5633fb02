import "server-only";
import type { z } from "zod";
import { badRequestFromZod } from "@/lib/errors/to-response";
import { AppError } from "@/lib/errors/app-error";

/** Request bodies are small JSON objects; anything bigger is refused before parsing. */
const MAX_BODY_BYTES = 16 * 1024;

/** Path or query parameters with a schema: 400 listing the fields. */
export function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequestFromZod(parsed.error, what);
  return parsed.data;
}

function unprocessable(message: string, issues: { path: string; message: string }[]): AppError {
  return new AppError({ code: "Unprocessable", message, issues });
}

/** The JSON body (empty → {}) checked with `schema`: 422 with field errors for anything else (too big, not JSON, wrong fields). */
export async function parseBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw unprocessable(`Request body too large (over ${MAX_BODY_BYTES} bytes)`, [{ path: "(root)", message: "too large" }]);
  let value: unknown = {};
  if (text.trim() !== "") {
    try {
      value = JSON.parse(text);
    } catch {
      throw unprocessable("Request body is not valid JSON", [{ path: "(root)", message: "invalid JSON" }]);
    }
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message }));
    throw unprocessable(`Invalid request body: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
  }
  return parsed.data;
}
