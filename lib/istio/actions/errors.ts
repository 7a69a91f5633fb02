import type { z } from "zod";

/** Why a planner refused. Each code maps to one HTTP status ({@link actionErrorStatus}). */
export type ActionErrorCode = "NotFound" | "Unprocessable" | "Locked" | "Conflict";

export const actionErrorStatus: Record<ActionErrorCode, number> = {
  NotFound: 404,
  Unprocessable: 422,
  Locked: 423,
  Conflict: 409,
};

/** Field path ("weights.1.weight", "(root)") to the problems found there. */
export type FieldErrors = Record<string, string[]>;

export interface ActionErrorDetail {
  code: ActionErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
}

/** The only error a planner throws on purpose: typed, serialisable, mapped to HTTP by the caller. */
export class ActionError extends Error {
  readonly code: ActionErrorCode;
  readonly fieldErrors: FieldErrors | undefined;

  constructor(code: ActionErrorCode, message: string, fieldErrors?: FieldErrors) {
    super(message);
    this.name = "ActionError";
    this.code = code;
    this.fieldErrors = fieldErrors;
  }

  get status(): number {
    return actionErrorStatus[this.code];
  }

  toJSON(): ActionErrorDetail {
    return this.fieldErrors ? { code: this.code, message: this.message, fieldErrors: this.fieldErrors } : { code: this.code, message: this.message };
  }

  /** Same problems as lib/errors' `issues` list (`[{ path, message }]`). */
  issues(): { path: string; message: string }[] {
    return Object.entries(this.fieldErrors ?? {}).flatMap(([path, messages]) => messages.map((message) => ({ path, message })));
  }
}

export function isActionError(value: unknown): value is ActionError {
  return value instanceof ActionError;
}

export function fieldErrorsFromZod(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join(".") || "(root)";
    (out[path] ??= []).push(issue.message);
  }
  return out;
}

/** Parses planner input with its exported schema; a failure is an Unprocessable ActionError with per-field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what = "input"): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors = fieldErrorsFromZod(parsed.error);
  const first = Object.entries(fieldErrors)[0];
  const hint = first ? `: ${first[0]}: ${first[1][0] ?? ""}` : "";
  throw new ActionError("Unprocessable", `Invalid ${what}${hint}`, fieldErrors);
}

export function unprocessable(message: string, field?: string): ActionError {
  return new ActionError("Unprocessable", message, field ? { [field]: [message] } : undefined);
}
