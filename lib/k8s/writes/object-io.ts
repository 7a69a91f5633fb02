import "server-only";
import { AppError } from "@/lib/errors/app-error";
import type { MergePatch } from "@/lib/istio/actions";
import type { KubeHttp } from "../identity/kube-http";
import { toAppError } from "../map-error";
import { collectionPath, objectPath, targetLabel, type WriteTarget } from "./targets";

const TIMEOUT_MS = 15_000;
/** Recorded as the field manager of every Meshdeck write (visible in managedFields). */
export const FIELD_MANAGER = "meshdeck";

function parseObject<T>(target: WriteTarget<T>, raw: unknown): T {
  const parsed = target.schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError({
    code: "Unprocessable",
    message: `${targetLabel(target)} has a shape Meshdeck cannot act on${issue ? ` (${issue.path.map(String).join(".")}: ${issue.message})` : ""}`,
    resource: target.resource,
    namespace: target.namespace,
  });
}

/** GET the object, or undefined when it does not exist. */
export async function readObjectIfExists<T>(http: KubeHttp, target: WriteTarget<T>): Promise<T | undefined> {
  try {
    return await readObject(http, target);
  } catch (error) {
    if (error instanceof AppError && error.code === "NotFound") return undefined;
    throw error;
  }
}

/** POST a new object; a 409 (it exists by now) is returned like a patch conflict. */
export async function createObject<T>(http: KubeHttp, target: WriteTarget<T>, object: unknown, dryRun: boolean): Promise<PatchOutcome<T>> {
  let raw: unknown;
  try {
    raw = await http.json<unknown>({
      method: "POST",
      path: await collectionPath(target),
      query: { fieldManager: FIELD_MANAGER, ...(dryRun ? { dryRun: "All" } : {}) },
      body: object,
      timeoutMs: TIMEOUT_MS,
    });
  } catch (error) {
    const mapped = toAppError(error, { verb: "create", resource: target.resource, namespace: target.namespace });
    if (mapped.code === "Conflict") return { ok: false, conflict: mapped };
    throw mapped;
  }
  return { ok: true, object: parseObject(target, raw) };
}

/** GET the object as `http`'s identity; errors are typed (403 names verb and resource, 404, …). */
export async function readObject<T>(http: KubeHttp, target: WriteTarget<T>): Promise<T> {
  let raw: unknown;
  try {
    raw = await http.json<unknown>({ path: await objectPath(target), timeoutMs: TIMEOUT_MS });
  } catch (error) {
    throw toAppError(error, { verb: "get", resource: target.resource, namespace: target.namespace });
  }
  return parseObject(target, raw);
}

export type PatchOutcome<T> = { ok: true; object: T } | { ok: false; conflict: AppError };

/**
 * Sends a JSON merge patch (its metadata.resourceVersion is a precondition).
 * A 409 is returned, not thrown, so the caller can fetch the fresh object.
 * `dryRun`: the API server admits and returns the result without storing it.
 */
export async function patchObject<T>(http: KubeHttp, target: WriteTarget<T>, patch: MergePatch, dryRun: boolean): Promise<PatchOutcome<T>> {
  let raw: unknown;
  try {
    raw = await http.json<unknown>({
      method: "PATCH",
      path: await objectPath(target),
      query: { fieldManager: FIELD_MANAGER, ...(dryRun ? { dryRun: "All" } : {}) },
      body: patch,
      contentType: "application/merge-patch+json",
      timeoutMs: TIMEOUT_MS,
    });
  } catch (error) {
    const mapped = toAppError(error, { verb: "patch", resource: target.resource, namespace: target.namespace });
    if (mapped.code === "Conflict") return { ok: false, conflict: mapped };
    throw mapped;
  }
  return { ok: true, object: parseObject(target, raw) };
}
