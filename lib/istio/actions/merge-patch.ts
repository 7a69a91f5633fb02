// RFC 7386 JSON merge patch that turns `previous` into exactly `next`: arrays
// and scalars are sent whole; an object is sent as its changed members, with
// null for each member `next` drops (a merge patch would otherwise keep them).
import { cloneJson, jsonEqual } from "./canonical-json";

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The merge patch member replacing `previous` by `next` (null: remove it). */
export function replacingMergePatch(previous: unknown, next: unknown): unknown {
  if (next === undefined || next === null) return null;
  if (!isObject(next) || !isObject(previous)) return cloneJson(next);
  const patch: Record<string, unknown> = {};
  for (const key of Object.keys(previous)) if (!(key in next)) patch[key] = null;
  for (const [key, value] of Object.entries(next)) {
    if (!jsonEqual(previous[key] ?? null, value)) patch[key] = replacingMergePatch(previous[key], value);
  }
  return patch;
}
