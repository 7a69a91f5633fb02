/**
 * Find / hide expressions, after Kiali's graph find and hide:
 *
 *   name = reviews        name ~ rev (contains)     ns != bookinfo
 *   kind = service        version = v2              label:app = reviews
 *   health = degraded     rps > 10                  error >= 5        p95 > 200
 *   share < 10            protocol = grpc           badge = fault     idle      outside
 *   reviews               (a bare word: name contains it)
 *
 * Terms combine with `and` / `&&` (tighter) and `or` / `||`; `!` or `not`
 * negates a term. Each `and` group applies to nodes when all its terms are
 * node terms and to edges when all are edge terms (health, rps and error are
 * both), so `rps > 10 or name = ratings` finds busy edges and ratings nodes.
 */

export type FilterField =
  | "name"
  | "namespace"
  | "kind"
  | "app"
  | "version"
  | "workload"
  | "label"
  | "health"
  | "rps"
  | "error"
  | "p95"
  | "share"
  | "protocol"
  | "badge"
  | "idle"
  | "outside";

export type FilterOp = "=" | "!=" | "~" | "!~" | ">" | ">=" | "<" | "<=" | "is";

export interface FilterTerm {
  readonly field: FilterField;
  /** For `label:KEY`. */
  readonly key?: string;
  readonly op: FilterOp;
  readonly value: string;
  readonly negate: boolean;
}

/** OR of AND groups. */
export type FilterExpr = readonly (readonly FilterTerm[])[];

export type ParseResult = { readonly ok: true; readonly expr: FilterExpr } | { readonly ok: false; readonly error: string };

const FIELD_ALIASES: Readonly<Record<string, FilterField>> = {
  name: "name",
  ns: "namespace",
  namespace: "namespace",
  kind: "kind",
  node: "kind",
  type: "kind",
  app: "app",
  version: "version",
  workload: "workload",
  health: "health",
  rps: "rps",
  traffic: "rps",
  error: "error",
  errors: "error",
  "%error": "error",
  p95: "p95",
  latency: "p95",
  responsetime: "p95",
  share: "share",
  "%share": "share",
  protocol: "protocol",
  badge: "badge",
  idle: "idle",
  outside: "outside",
};

const NUMERIC: ReadonlySet<FilterField> = new Set(["rps", "error", "p95", "share"]);
const FLAGS: ReadonlySet<FilterField> = new Set(["idle", "outside"]);
const TERM = /^(!|not\s+)?\s*([a-z%][\w%.:/-]*)\s*(?:(!=|!~|>=|<=|=|~|>|<)\s*(.+))?$/i;

function splitTop(text: string, sep: RegExp): string[] {
  return text.split(sep).map((s) => s.trim());
}

function parseTerm(raw: string): FilterTerm | string {
  const m = TERM.exec(raw);
  if (!m) return `cannot read "${raw}"`;
  const negate = m[1] !== undefined;
  const word = (m[2] ?? "").toLowerCase();
  const op = m[3] as FilterOp | undefined;
  const value = (m[4] ?? "").trim().replace(/^"(.*)"$/, "$1");
  if (op === undefined) {
    const flag = FIELD_ALIASES[word];
    if (flag && FLAGS.has(flag)) return { field: flag, op: "is", value: "", negate };
    return { field: "name", op: "~", value: m[2] ?? "", negate };
  }
  let field: FilterField | undefined;
  let key: string | undefined;
  if (word.startsWith("label:")) {
    field = "label";
    key = (m[2] ?? "").slice("label:".length);
    if (!key) return "label: needs a key (label:app = reviews)";
  } else field = FIELD_ALIASES[word];
  if (!field) return `unknown field "${m[2]}"`;
  if (value === "") return `"${m[2]} ${op}" needs a value`;
  if (NUMERIC.has(field)) {
    if (!Number.isFinite(Number(value))) return `${field} compares with a number, got "${value}"`;
  } else if (op !== "=" && op !== "!=" && op !== "~" && op !== "!~") return `${field} takes =, !=, ~ or !~`;
  return { field, ...(key !== undefined ? { key } : {}), op, value, negate };
}

export function parseFilter(text: string): ParseResult {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, expr: [] };
  const groups: FilterTerm[][] = [];
  for (const orPart of splitTop(trimmed, /\s+or\s+|\s*\|\|\s*/i)) {
    const group: FilterTerm[] = [];
    for (const andPart of splitTop(orPart, /\s+and\s+|\s*&&\s*|\s*,\s*/i)) {
      if (andPart === "") return { ok: false, error: "empty term" };
      const t = parseTerm(andPart);
      if (typeof t === "string") return { ok: false, error: t };
      group.push(t);
    }
    groups.push(group);
  }
  return { ok: true, expr: groups };
}
