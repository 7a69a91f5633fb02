type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/**
 * apimachinery's equality.Semantic.DeepDerivative on JSON values (as undo.go
 * compares unstructured templates): `a`'s unset fields — null, "", empty maps
 * and lists — match anything; a key `a` has must exist in `b`; lists compare by
 * index over `a`'s length.
 */
export function deepDerivative(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined) return true;
  if (typeof a === "string") return a === "" || a === b;
  if (Array.isArray(a)) {
    if (a.length === 0) return true;
    if (!Array.isArray(b) || a.length > b.length) return false;
    return a.every((x, i) => i < b.length && deepDerivative(x, b[i]));
  }
  if (isObject(a)) {
    const keys = Object.keys(a);
    if (keys.length === 0) return true;
    if (!isObject(b) || keys.length > Object.keys(b).length) return false;
    return keys.every((k) => Object.hasOwn(b, k) && deepDerivative(a[k], b[k]));
  }
  return a === b;
}

export type { Json };
