"use client";

import { useCallback, useRef, useState } from "react";
import { mutate as globalMutate } from "swr";
import type { z } from "zod";
import { actionResultSchema, conflictBodySchema, lockedBodySchema, type ActionResult, type ObjectView, type weightsOwnerViewSchema } from "@/lib/api/actions";
import { apiErrorBodySchema, type ApiError } from "@/lib/errors/api-error";

export const CSRF_HEADER = "X-Meshdeck-Csrf";

export type ActionMethod = "PUT" | "POST" | "DELETE";

export interface ActionRequest {
  method: ActionMethod;
  /** Path of the action, e.g. /api/namespaces/default/virtualservices/web/http/0/weights */
  path: string;
  body?: unknown;
  dryRun?: boolean;
}

export type WeightsOwnerView = z.infer<typeof weightsOwnerViewSchema>;

/** A refused or failed action, typed for the UI. */
export interface ActionFailure {
  status: number;
  error: ApiError;
  /** 409: the object as it is now. */
  current?: ObjectView;
  /** 423: the controller that owns the weights. */
  owner?: WeightsOwnerView;
  /** 400 / 422: messages by field path (`weights.1.weight`, `delay.fixedDelay`). */
  fieldErrors: Record<string, string>;
}

export type ActionOutcome = { ok: true; result: ActionResult } | { ok: false; failure: ActionFailure };

/** `path?dryRun=true` when previewing. */
export function actionUrl(req: Pick<ActionRequest, "path" | "dryRun">): string {
  return req.dryRun ? `${req.path}${req.path.includes("?") ? "&" : "?"}dryRun=true` : req.path;
}

/** Field errors by path; the first message of a path wins. */
export function fieldErrorsOf(error: ApiError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues ?? []) if (!(issue.path in out)) out[issue.path] = issue.message;
  return out;
}

/** Reads a non-2xx body into an {@link ActionFailure}. */
export function toFailure(status: number, body: unknown): ActionFailure {
  const parsed = apiErrorBodySchema.safeParse(body);
  const error: ApiError = parsed.success ? parsed.data.error : { code: "Internal", message: `Unexpected HTTP ${status}` };
  const failure: ActionFailure = { status, error, fieldErrors: fieldErrorsOf(error) };
  if (status === 409) {
    const conflict = conflictBodySchema.safeParse(body);
    if (conflict.success && conflict.data.current) failure.current = conflict.data.current;
  }
  if (status === 423) {
    const locked = lockedBodySchema.safeParse(body);
    if (locked.success) failure.owner = locked.data.owner;
  }
  return failure;
}

/** Sends one action request (with the CSRF header) and types the answer. Never throws. */
export async function sendAction(req: ActionRequest): Promise<ActionOutcome> {
  let response: Response;
  try {
    response = await fetch(actionUrl(req), {
      method: req.method,
      headers: {
        accept: "application/json",
        [CSRF_HEADER]: "1",
        ...(req.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      body: req.body !== undefined ? JSON.stringify(req.body) : null,
      cache: "no-store",
    });
  } catch {
    return { ok: false, failure: { status: 0, error: { code: "Unavailable", message: "Meshdeck server unreachable" }, fieldErrors: {} } };
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) return { ok: false, failure: toFailure(response.status, body) };
  const result = actionResultSchema.safeParse(body);
  if (!result.success) {
    return { ok: false, failure: { status: response.status, error: { code: "Internal", message: "Unexpected response shape from the action API" }, fieldErrors: {} } };
  }
  return { ok: true, result: result.data };
}

/** SWR keys a write may have changed: the traffic view, histories, YAML, test routes. */
export function isAffectedKey(key: unknown): boolean {
  return (
    typeof key === "string" &&
    (key.startsWith("/api/traffic") || key.startsWith("/api/objects/") || key.endsWith("/history") || key.endsWith("/test-routes"))
  );
}

export interface ActionState {
  pending: "preview" | "apply" | null;
  /** The last dry run's answer (diff of what Apply would change). */
  preview: ActionResult | null;
  /** The last write's answer. */
  applied: ActionResult | null;
  failure: ActionFailure | null;
}

const IDLE: ActionState = { pending: null, preview: null, applied: null, failure: null };

/**
 * Preview (`?dryRun=true`) and apply one kind of action. A later call
 * supersedes an earlier one still in flight. After a write, the views it may
 * have changed revalidate (the SSE `traffic` event does too).
 */
export function useAction() {
  const [state, setState] = useState<ActionState>(IDLE);
  const seq = useRef(0);
  const run = useCallback(async (req: ActionRequest): Promise<ActionOutcome> => {
    const id = ++seq.current;
    const kind = req.dryRun ? "preview" : "apply";
    setState((s) => ({ ...s, pending: kind, failure: null, ...(kind === "apply" ? { applied: null } : { preview: null }) }));
    const outcome = await sendAction(req);
    if (id === seq.current) {
      setState((s) =>
        outcome.ok
          ? { pending: null, failure: null, preview: kind === "preview" ? outcome.result : null, applied: kind === "apply" ? outcome.result : s.applied }
          : { ...s, pending: null, failure: outcome.failure },
      );
    }
    if (outcome.ok && !req.dryRun) void globalMutate(isAffectedKey);
    return outcome;
  }, []);
  const reset = useCallback(() => {
    seq.current++;
    setState(IDLE);
  }, []);
  return { ...state, run, reset };
}
