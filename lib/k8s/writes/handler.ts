import "server-only";
import type { z } from "zod";
import { actionQuerySchema } from "@/lib/api/actions";
import { noQuerySchema, parseQuery } from "@/lib/api/query";
import { requestIdentity } from "@/lib/auth/request-identity";
import { AppError } from "@/lib/errors/app-error";
import { badRequestFromZod, errorResponse, jsonResponse } from "@/lib/errors/to-response";
import { assertCsrf } from "@/lib/security/csrf";
import type { UserContext } from "../identity/user-context";
import { toApiError } from "./errors";
import { readJsonObject, splitBody } from "./request-body";

/** Next.js route context: dynamic segments arrive as a promise. */
export interface RouteContext {
  params: Promise<unknown>;
}

export interface WriteInput<P> {
  params: P;
  /** The body without `resourceVersion`, not validated yet (the action's schema does that). */
  input: Record<string, unknown>;
  dryRun: boolean;
  resourceVersion: string | undefined;
  identity: UserContext;
}

export interface ReadInput<P> {
  params: P;
  identity: UserContext;
}

function parseOr400<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequestFromZod(parsed.error, what);
  return parsed.data;
}

function respondError(error: unknown): Response {
  return errorResponse(toApiError(error));
}

/**
 * A state-changing route handler: CSRF check, path and query parameters (400),
 * JSON body (400 / 422), the caller's identity, then `run`; every error is
 * typed (ActionError and AppError map to their status; nothing a client sends
 * yields 500).
 */
export function writeHandler<S extends z.ZodType>(paramsSchema: S, run: (input: WriteInput<z.output<S>>) => Promise<unknown>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      assertCsrf(request);
      const params = parseOr400(paramsSchema, await context.params, "path parameters");
      const query = parseQuery(request, actionQuerySchema);
      const { input, resourceVersion: fromBody } = splitBody(await readJsonObject(request));
      if (fromBody !== undefined && query.resourceVersion !== undefined && fromBody !== query.resourceVersion) {
        throw new AppError({ code: "BadRequest", message: "resourceVersion given twice (body and query) with different values" });
      }
      const identity = requestIdentity(request);
      return jsonResponse(await run({ params, input, dryRun: query.dryRun === "true", resourceVersion: fromBody ?? query.resourceVersion, identity }));
    } catch (error) {
      return respondError(error);
    }
  };
}

/** A read-only route handler: path parameters (400), no query parameters, the caller's identity. */
export function readHandler<S extends z.ZodType>(paramsSchema: S, run: (input: ReadInput<z.output<S>>) => Promise<unknown>) {
  return async (request: Request, context: RouteContext): Promise<Response> => {
    try {
      const params = parseOr400(paramsSchema, await context.params, "path parameters");
      parseQuery(request, noQuerySchema);
      return jsonResponse(await run({ params, identity: requestIdentity(request) }));
    } catch (error) {
      return respondError(error);
    }
  };
}
