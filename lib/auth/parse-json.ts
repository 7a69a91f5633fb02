import type { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { badRequestFromZod } from "@/lib/errors/to-response";

const MAX_BODY = 64 * 1024;

/** A small JSON body validated by `schema` (400 on anything else). */
export async function parseJsonBody<S extends z.ZodType>(request: Request, schema: S): Promise<z.output<S>> {
  const text = await request.text();
  if (text.length > MAX_BODY) throw new AppError({ code: "BadRequest", message: "Request body too large" });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError({ code: "BadRequest", message: "Request body is not JSON" });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequestFromZod(parsed.error, "request body");
  return parsed.data;
}
