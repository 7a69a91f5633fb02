/**
 * Safe PromQL literals. Every value that reaches a query goes through
 * {@link promString} (and {@link escapeRegex} first for `=~` / `!~`), so no
 * input can close the string or inject selectors.
 */

const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

/**
 * A double-quoted PromQL string literal that evaluates to exactly `value`
 * (Go escaping: `\\`, `\"`, `\n`, `\r`, `\t`, `\xNN` for other control
 * characters). A lone UTF-16 surrogate, which has no UTF-8 form, becomes U+FFFD.
 */
export function promString(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === "\\") out += "\\\\";
    else if (ch === '"') out += '\\"';
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${hex(code, 2)}`;
    else if (code >= 0xd800 && code <= 0xdfff) out += "\\ufffd";
    else out += ch;
  }
  return `${out}"`;
}

/** Escapes RE2 metacharacters so `value` matches only itself inside `=~` (which is fully anchored). */
export function escapeRegex(value: string): string {
  return value.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

/** A regex matching exactly one of `values` (never empty: an empty list matches nothing real). */
export function alternation(values: readonly string[]): string {
  if (values.length === 0) throw new Error("alternation needs at least one value");
  return values.map(escapeRegex).join("|");
}

export function assertLabelName(name: string): string {
  if (!LABEL_NAME.test(name)) throw new Error(`invalid Prometheus label name: ${JSON.stringify(name)}`);
  return name;
}

export function assertMetricName(name: string): string {
  if (!METRIC_NAME.test(name)) throw new Error(`invalid Prometheus metric name: ${JSON.stringify(name)}`);
  return name;
}

/** A PromQL duration for whole seconds, in the largest exact unit ("20s", "5m", "1h"). */
export function promDuration(seconds: number): string {
  if (!Number.isInteger(seconds) || seconds <= 0) throw new Error(`invalid duration: ${seconds} s`);
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}

/** A number as PromQL reads it (quantiles such as 0.95). */
export function promNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`invalid number: ${value}`);
  return String(value);
}
