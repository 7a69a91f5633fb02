/**
 * URLSearchParams to a plain object for zod. A repeated key becomes an array,
 * so a schema expecting one string rejects `?namespace=a&namespace=b`.
 */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return out;
}
