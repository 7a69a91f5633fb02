import type { Operation } from "@/lib/api/openapi/build";

/** Methods Meshdeck serves at all; anything else (TRACE, PROPFIND, …) is answered 405 before routing. */
export const SERVED_METHODS: ReadonlySet<string> = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/** Pages are only read. */
const PAGE_METHODS = ["GET", "HEAD", "OPTIONS"] as const;

interface Template {
  segments: readonly (string | null)[];
  methods: Set<string>;
}

/** The documented path templates of /api ("{name}" segments match any one segment) with their methods. */
export function apiTemplates(operations: readonly Pick<Operation, "method" | "path">[]): Template[] {
  const byPath = new Map<string, Template>();
  for (const op of operations) {
    let t = byPath.get(op.path);
    if (!t) {
      t = { segments: op.path.split("/").map((s) => (/^\{[^}]+\}$/.test(s) ? null : s)), methods: new Set(["OPTIONS"]) };
      byPath.set(op.path, t);
    }
    t.methods.add(op.method.toUpperCase());
    if (op.method === "get") t.methods.add("HEAD");
  }
  return [...byPath.values()];
}

function matches(t: Template, segments: readonly string[]): boolean {
  return t.segments.length === segments.length && t.segments.every((s, i) => (s === null ? segments[i] !== "" : s === segments[i]));
}

/**
 * The methods allowed at a (decoded) path: those of the documented templates
 * it matches (none: an /api path the OpenAPI document does not describe).
 * Pages are only read.
 */
export function allowedMethods(pathname: string, templates: readonly Template[]): readonly string[] {
  if (pathname !== "/api" && !pathname.startsWith("/api/")) return PAGE_METHODS;
  const segments = pathname.split("/");
  return [...new Set(templates.filter((t) => matches(t, segments)).flatMap((t) => [...t.methods]))].sort();
}
