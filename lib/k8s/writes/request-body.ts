import { z } from "zod";
import { emptyBodySchema, resourceVersionSchema } from "@/lib/api/actions";
import { AppError } from "@/lib/errors/app-error";
import { parseInput } from "@/lib/istio/actions";

/** Request bodies are small JSON documents; anything bigger is refused before parsing. */
export const MAX_BODY_BYTES = 64 * 1024;

/** The JSON body as an object; empty → {}. Not JSON → 400; not an object → 422. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > MAX_BODY_BYTES) throw new AppError({ code: "BadRequest", message: `Request body too large (over ${MAX_BODY_BYTES} bytes)` });
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError({ code: "BadRequest", message: `Request body too large (over ${MAX_BODY_BYTES} bytes)` });
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError({ code: "BadRequest", message: "Request body is not valid JSON" });
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new AppError({ code: "Unprocessable", message: "Request body must be a JSON object", issues: [{ path: "(root)", message: "expected an object" }] });
  }
  return value as Record<string, unknown>;
}

export interface SplitBody {
  /** The action's own input (the body without `resourceVersion`). */
  input: Record<string, unknown>;
  resourceVersion: string | undefined;
}

/** Separates the optional `resourceVersion` precondition from the action's input. */
export function splitBody(body: Record<string, unknown>): SplitBody {
  const { resourceVersion, ...input } = body;
  if (resourceVersion === undefined) return { input, resourceVersion: undefined };
  return { input, resourceVersion: parseInput(resourceVersionSchema, resourceVersion, "resourceVersion") };
}

/** An action without input (undo, clear fault, …): the body may hold only `resourceVersion`. */
export const noInputSchema = emptyBodySchema;

/** Validates an action's input with its zod schema before anything is read or sent (422 with field errors). */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  return parseInput(schema, input, "request body");
}
