import type { z } from "zod";
import { fieldErrorsFromZod } from "@/lib/istio/actions/errors";

export type FormCheck<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/**
 * Validates form input with the action's own zod schema (the one the server
 * uses), so mistakes show next to their fields before any request.
 */
export function checkForm<S extends z.ZodType>(schema: S, input: unknown): FormCheck<z.output<S>> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, data: parsed.data };
  const errors: Record<string, string> = {};
  for (const [path, messages] of Object.entries(fieldErrorsFromZod(parsed.error))) errors[path] = messages[0] ?? "invalid";
  return { ok: false, errors };
}

/** A number field's text as a number, or NaN (so the schema reports it). */
export function numberOrNaN(text: string): number {
  return text.trim() === "" ? Number.NaN : Number(text);
}
